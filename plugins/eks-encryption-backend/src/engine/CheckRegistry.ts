import {
  SEVERITY_WEIGHTS,
  type CheckDefinition,
} from 'backstage-plugin-eks-encryption-common';
import type { EksEncryptionCheck } from 'backstage-plugin-eks-encryption-node';
import { ConflictError, InputError } from '@backstage/errors';
import { BUILT_IN_CHECKS } from './checks';

/** What a check id must look like: it is stored, put in URLs and in fact names. */
const CHECK_ID_PATTERN = /^[a-z0-9-]{1,64}$/;

const SEVERITIES = Object.keys(SEVERITY_WEIGHTS);

function describeId(id: unknown): string {
  return typeof id === 'string' ? `"${id}"` : String(id);
}

/** Why a check cannot be registered, or undefined when it can. */
function invalidCheck(
  check: EksEncryptionCheck,
  taken: ReadonlySet<string>,
): string | undefined {
  if (!check || typeof check !== 'object') {
    return `${describeId(check)} is not a check`;
  }
  const { id, severity } = check as Partial<EksEncryptionCheck>;
  const name = `check ${describeId(id)}`;
  if (typeof id !== 'string' || !CHECK_ID_PATTERN.test(id)) {
    return `${name}: the id must match ${CHECK_ID_PATTERN.source}`;
  }
  if (taken.has(id)) return `${name} is already registered`;
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
    return `${name}: unknown severity ${describeId(
      severity,
    )} (use ${SEVERITIES.join(', ')})`;
  }
  if (typeof check.title !== 'string' || check.title.trim() === '') {
    return `${name}: the title is missing`;
  }
  if (typeof check.description !== 'string') {
    return `${name}: the description is missing`;
  }
  if (typeof check.judge !== 'function') {
    return `${name}: judge is not a function`;
  }
  return undefined;
}

/**
 * The checks of the scorecard: the built-in ones first, then those modules add, in the
 * order they add them. Sealed once the plugin starts, so every run judges the same set.
 */
export class CheckRegistry {
  private readonly checks = new Map<string, EksEncryptionCheck>();
  private sealed = false;

  constructor(builtIns: readonly EksEncryptionCheck[] = BUILT_IN_CHECKS) {
    this.add(builtIns);
  }

  /**
   * Adds checks, all or none: an id that is taken or malformed, an unknown severity, or
   * a check without a judge throws an `InputError` naming the id.
   */
  add(checks: readonly EksEncryptionCheck[]): void {
    if (this.sealed) {
      throw new ConflictError(
        'Checks can only be added while the backend starts, before the eks-encryption plugin initializes',
      );
    }
    const taken = new Set(this.checks.keys());
    for (const check of checks) {
      const problem = invalidCheck(check, taken);
      if (problem) {
        throw new InputError(`Cannot register EKS encryption ${problem}`);
      }
      taken.add(check.id);
    }
    for (const check of checks) this.checks.set(check.id, check);
  }

  /** No more checks: the plugin is starting. */
  seal(): void {
    this.sealed = true;
  }

  /** Every registered check, in scorecard order. */
  list(): readonly EksEncryptionCheck[] {
    return [...this.checks.values()];
  }

  /** What `GET /v1/checks` lists: the checks without their judges. */
  definitions(): CheckDefinition[] {
    return this.list().map(({ id, title, severity, description }) => ({
      id,
      title,
      severity,
      description,
    }));
  }
}
