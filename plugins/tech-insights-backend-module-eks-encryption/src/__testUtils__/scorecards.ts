import {
  summarizeCluster,
  summarizeEntity,
  type CheckResult,
  type CheckStatus,
  type ClusterScorecard,
  type EncryptionState,
  type EntityScorecard,
  type Severity,
} from 'backstage-plugin-eks-encryption-common';

const EVALUATED_AT = '2025-01-15T10:00:00.000Z';

/** The built-in checks as `GET /v1/checks` lists them, with their severities. */
export const BUILT_IN_CHECKS: { id: string; severity: Severity }[] = [
  { id: 'envelope-encryption', severity: 'critical' },
  { id: 'customer-managed-key', severity: 'high' },
  { id: 'key-usable', severity: 'critical' },
  { id: 'key-rotation', severity: 'medium' },
  { id: 'key-dedicated', severity: 'medium' },
  { id: 'key-policy', severity: 'high' },
  { id: 'approved-key', severity: 'high' },
  { id: 'secrets-rewritten', severity: 'medium' },
  { id: 'ownership-tags', severity: 'low' },
];

export const BUILT_IN_CHECK_IDS = BUILT_IN_CHECKS.map(check => check.id);

/** One check result; `severity` defaults to the built-in check's, else low. */
export function checkResult(
  id: string,
  status: CheckStatus,
  severity: Severity = BUILT_IN_CHECKS.find(c => c.id === id)?.severity ??
    'low',
): CheckResult {
  return { id, severity, status, summary: `${id} is ${status}`, details: '' };
}

const KEY_CHECKS: string[] = [
  'key-usable',
  'key-rotation',
  'key-dedicated',
  'key-policy',
];

/** Check results of a cluster with a customer-managed key passing everything. */
export function passingChecks(
  overrides: Record<string, CheckStatus> = {},
): CheckResult[] {
  const statuses: Record<string, CheckStatus> = {
    'envelope-encryption': 'pass',
    'customer-managed-key': 'pass',
    'key-usable': 'pass',
    'key-rotation': 'pass',
    'key-dedicated': 'pass',
    'key-policy': 'pass',
    'secrets-rewritten': 'pass',
    'ownership-tags': 'pass',
    ...overrides,
  };
  return Object.entries(statuses).map(([id, status]) =>
    checkResult(id, status),
  );
}

/** Check results of a cluster without a KMS key: key checks not applicable. */
export function noKeyChecks(envelopeEncryption: CheckStatus): CheckResult[] {
  return passingChecks({
    'envelope-encryption': envelopeEncryption,
    'customer-managed-key': 'fail',
    ...Object.fromEntries(KEY_CHECKS.map(id => [id, 'not-applicable'])),
  });
}

export function buildCluster(
  name: string,
  checks: CheckResult[],
  options: {
    encryptionState?: EncryptionState;
    error?: string;
    stale?: boolean;
  } = {},
): ClusterScorecard {
  const summary = summarizeCluster(checks, options.error);
  return {
    arn: `arn:aws:eks:eu-west-1:111122223333:cluster/${name}`,
    accountId: '111122223333',
    region: 'eu-west-1',
    name,
    version: '1.30',
    encryptionState:
      'encryptionState' in options ? options.encryptionState : 'kms-key',
    keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd',
    environment: 'production',
    ...summary,
    evaluatedAt: EVALUATED_AT,
    stale: options.stale ?? false,
    ...(options.error ? { error: options.error } : {}),
    checks,
  };
}

export function buildScorecard(
  entityRef: string,
  clusters: ClusterScorecard[],
  annotationErrors: EntityScorecard['annotationErrors'] = [],
): EntityScorecard {
  return {
    entityRef,
    ...summarizeEntity(clusters),
    evaluatedAt: clusters.length > 0 ? EVALUATED_AT : null,
    stale: clusters.some(c => c.stale),
    annotationErrors,
    clusters,
  };
}
