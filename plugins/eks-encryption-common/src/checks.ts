import type { CheckId, Severity } from './types';

/**
 * What `GET /v1/checks` lists of one registered check: the built-in ones, then those
 * modules add. Each check's own module in the backend holds its definition.
 *
 * @public
 */
export interface CheckDefinition {
  id: CheckId;
  title: string;
  severity: Severity;
  /** What passing means. */
  description: string;
}
