import type { Severity } from './types';

/**
 * Stable check ids; tech-insights facts and the UI refer to them.
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

/** @public */
export type CheckId = (typeof CHECK_IDS)[number];

/** @public */
export interface CheckDefinition {
  id: CheckId;
  title: string;
  severity: Severity;
  /** What passing means. */
  description: string;
}

/**
 * Every check, in the order a scorecard lists them.
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
 * The definition of a check.
 *
 * @public
 */
export function getCheckDefinition(id: CheckId): CheckDefinition {
  return byId.get(id)!;
}

/** @public */
export function isCheckId(value: string): value is CheckId {
  return byId.has(value);
}
