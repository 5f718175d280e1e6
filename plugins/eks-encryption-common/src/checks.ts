import type { CheckId, Severity } from './types';

/**
 * The ids of the built-in checks, in catalogue order; tech-insights facts refer to them.
 *
 * @public
 */
export const CHECK_IDS = [
  'envelope-encryption',
  'customer-managed-key',
  'key-usable',
  'key-rotation',
  'key-dedicated',
  'key-policy',
  'approved-key',
  'secrets-rewritten',
  'ownership-tags',
] as const;

/**
 * The id of a built-in check.
 *
 * @public
 */
export type BuiltInCheckId = (typeof CHECK_IDS)[number];

/** @public */
export interface CheckDefinition {
  id: CheckId;
  title: string;
  severity: Severity;
  /** What passing means. */
  description: string;
}

/**
 * The built-in checks, in the order a scorecard lists them; modules may add more
 * after them (`GET /v1/checks` lists every registered check).
 *
 * @public
 */
export const CHECKS: readonly CheckDefinition[] = [
  {
    id: 'envelope-encryption',
    title: 'Secrets envelope encryption',
    severity: 'critical',
    description:
      'Secrets are envelope-encrypted: a KMS key is configured, or the cluster runs Kubernetes 1.28 or later (AWS-owned default key).',
  },
  {
    id: 'customer-managed-key',
    title: 'Customer-managed key',
    severity: 'high',
    description:
      'The configured key resolves to a customer-managed KMS key (KeyManager CUSTOMER). The AWS-owned default and AWS-managed keys fail.',
  },
  {
    id: 'key-usable',
    title: 'Key usable',
    severity: 'critical',
    description:
      'The key is Enabled and the cluster reports no KMS health issue; otherwise what breaks and when (deletion date).',
  },
  {
    id: 'key-rotation',
    title: 'Key rotation',
    severity: 'medium',
    description:
      'Automatic key rotation is enabled with a period no longer than the configured maximum (365 days by default).',
  },
  {
    id: 'key-dedicated',
    title: 'Key not shared',
    severity: 'medium',
    description:
      'The key is not shared beyond the configured scope (cluster, environment or account) across all evaluated clusters.',
  },
  {
    id: 'key-policy',
    title: 'Key policy scoped',
    severity: 'high',
    description:
      'Every Allow statement of the key policy reaches named accounts or roles only: no wildcard principal without a condition pinning the caller, no NotPrincipal; principals in other accounts (except the cluster role) and key use beyond the cluster role and admins warn.',
  },
  {
    id: 'approved-key',
    title: 'Approved key',
    severity: 'high',
    description:
      'Judged only when approved key ARNs are configured: the key is one of them.',
  },
  {
    id: 'secrets-rewritten',
    title: 'Existing Secrets encrypted',
    severity: 'medium',
    description:
      'Encryption was present at cluster creation, or the owner attested a rewrite of existing Secrets after it was enabled.',
  },
  {
    id: 'ownership-tags',
    title: 'Ownership tags',
    severity: 'low',
    description:
      'The cluster and its key carry the required tags (owner by default).',
  },
];

const byId = new Map<string, CheckDefinition>(CHECKS.map(c => [c.id, c]));

/**
 * The definition of a built-in check; throws for any other id (a check added by a
 * module is known only to the backend: `GET /v1/checks`).
 *
 * @public
 */
export function getCheckDefinition(id: CheckId): CheckDefinition {
  const definition = byId.get(id);
  if (!definition) throw new Error(`"${id}" is not a built-in check`);
  return definition;
}

/**
 * Whether `value` is the id of a built-in check.
 *
 * @public
 */
export function isBuiltInCheckId(value: string): value is BuiltInCheckId {
  return byId.has(value);
}

/**
 * Whether `value` is the id of a built-in check.
 *
 * @public
 * @deprecated Use {@link isBuiltInCheckId}: check ids are open strings.
 */
export const isCheckId = isBuiltInCheckId;
