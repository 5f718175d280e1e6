import {
  eksEncryptionApiLimits,
  type FindingCounts,
} from 'backstage-plugin-eks-encryption-common';
import type { OwnerQuery } from '../api';
import { compareWorstFirst } from '../components/shared/verdictOrder';
import type {
  CheckDefinition,
  CheckResult,
  ClusterListItem,
  ClusterScorecard,
  DiscoveredCluster,
  Discovery,
  EntityScorecard,
  OrgKpis,
  OwnerDetail,
  OwnerEntityRow,
  OwnerRollup,
  RunInfo,
  UnclaimedKpis,
} from '../api';

export const PROD_ACCOUNT = '111122223333';
export const STAGING_ACCOUNT = '444455556666';

export const PAYMENTS_PROD_ARN = `arn:aws:eks:eu-west-1:${PROD_ACCOUNT}:cluster/payments-prod`;
export const PAYMENTS_STAGING_ARN = `arn:aws:eks:eu-west-1:${STAGING_ACCOUNT}:cluster/payments-staging`;
const LEDGER_PROD_ARN = `arn:aws:eks:us-east-1:${PROD_ACCOUNT}:cluster/ledger-prod`;
const LEGACY_ARN = `arn:aws:eks:us-east-1:${PROD_ACCOUNT}:cluster/legacy-batch`;

export const PROD_KEY_ARN = `arn:aws:kms:eu-west-1:${PROD_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const LEDGER_KEY_ARN = `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;

const NO_FINDINGS: FindingCounts = {
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
};

const EVALUATED_AT = '2025-03-04T08:30:00.000Z';

function definition(
  id: string,
  title: string,
  severity: CheckDefinition['severity'],
): CheckDefinition {
  return { id, title, severity, description: `What ${title} means.` };
}

/** The checks as `GET /v1/checks` lists the built-in ones, in scorecard order. */
export const checkDefinitions: CheckDefinition[] = [
  definition('envelope-encryption', 'Secrets envelope encryption', 'critical'),
  definition('customer-managed-key', 'Customer-managed key', 'high'),
  definition('key-usable', 'Key usable', 'critical'),
  definition('key-rotation', 'Key rotation', 'medium'),
  definition('key-dedicated', 'Key not shared', 'medium'),
  definition('key-policy', 'Key policy scoped', 'high'),
  definition('approved-key', 'Approved key', 'high'),
  definition('secrets-rewritten', 'Existing Secrets encrypted', 'medium'),
  definition('ownership-tags', 'Ownership tags', 'low'),
];

function passing(
  id: CheckResult['id'],
  severity: CheckResult['severity'],
  summary: string,
): CheckResult {
  return { id, severity, status: 'pass', summary, details: summary };
}

function notApplicable(
  id: CheckResult['id'],
  severity: CheckResult['severity'],
): CheckResult {
  return {
    id,
    severity,
    status: 'not-applicable',
    summary: 'No customer-managed KMS key is configured.',
    details: 'Key checks are judged only when the cluster names a KMS key.',
  };
}

/** Production cluster with a dedicated, rotated customer-managed key. */
export const compliantCluster: ClusterScorecard = {
  arn: PAYMENTS_PROD_ARN,
  accountId: PROD_ACCOUNT,
  region: 'eu-west-1',
  name: 'payments-prod',
  version: '1.30',
  encryptionState: 'kms-key',
  keyRef: `arn:aws:kms:eu-west-1:${PROD_ACCOUNT}:alias/payments-prod-secrets`,
  keyArn: PROD_KEY_ARN,
  environment: 'production',
  verdict: 'compliant',
  score: 100,
  grade: 'A',
  evaluatedAt: EVALUATED_AT,
  stale: false,
  checks: [
    passing(
      'envelope-encryption',
      'critical',
      'Secrets are envelope-encrypted with a KMS key.',
    ),
    passing(
      'customer-managed-key',
      'high',
      'The key is customer-managed (KeyManager CUSTOMER).',
    ),
    passing('key-usable', 'critical', 'The key is Enabled.'),
    passing(
      'key-rotation',
      'medium',
      'Automatic rotation every 365 days; next on 2025-11-02.',
    ),
    passing('key-dedicated', 'medium', 'The key is used by this cluster only.'),
    passing(
      'key-policy',
      'high',
      'No statement grants a wildcard principal without a condition.',
    ),
    notApplicable('approved-key', 'high'),
    passing(
      'secrets-rewritten',
      'medium',
      'Encryption was enabled when the cluster was created.',
    ),
    passing('ownership-tags', 'low', 'Cluster and key carry the owner tag.'),
  ],
};

const enableEncryptionRemediation: CheckResult['remediation'] = {
  steps: [
    'Create a symmetric customer-managed KMS key in the cluster account and region.',
    'In the Amazon EKS console, open the cluster, choose Overview, then Secrets encryption, and choose Enable.',
    'Pick the key, confirm, and wait for the update to finish.',
    'Rewrite every existing Secret so it is stored encrypted.',
  ],
  snippets: [
    {
      title: 'AWS CLI',
      language: 'shell',
      code: `aws eks associate-encryption-config --cluster-name payments-staging --region eu-west-1 --encryption-config '[{"resources":["secrets"],"provider":{"keyArn":"arn:aws:kms:eu-west-1:${STAGING_ACCOUNT}:key/<key-id>"}}]'`,
    },
    {
      title: 'Terraform',
      language: 'hcl',
      code: [
        'resource "aws_eks_cluster" "payments_staging" {',
        '  encryption_config {',
        '    resources = ["secrets"]',
        '    provider {',
        '      key_arn = aws_kms_key.eks_secrets.arn',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    },
    {
      title: 'eksctl',
      language: 'shell',
      code: `eksctl utils enable-secrets-encryption --cluster payments-staging --region eu-west-1 --key-arn arn:aws:kms:eu-west-1:${STAGING_ACCOUNT}:key/<key-id>`,
    },
    {
      title: 'kubectl',
      language: 'shell',
      code: 'kubectl get secrets --all-namespaces -o json | kubectl replace -f -',
    },
  ],
};

/** Staging cluster on 1.27 without any KMS key: Secrets are only Base64. */
export const nonCompliantCluster: ClusterScorecard = {
  arn: PAYMENTS_STAGING_ARN,
  accountId: STAGING_ACCOUNT,
  region: 'eu-west-1',
  name: 'payments-staging',
  version: '1.27',
  encryptionState: 'none',
  environment: 'staging',
  verdict: 'non-compliant',
  score: 6,
  grade: 'F',
  evaluatedAt: EVALUATED_AT,
  stale: false,
  checks: [
    {
      id: 'envelope-encryption',
      severity: 'critical',
      status: 'fail',
      summary: 'Secrets are stored only Base64-encoded in etcd.',
      details:
        'The cluster runs Kubernetes 1.27 and has no encryption configuration, so Secrets are not envelope-encrypted.',
      remediation: enableEncryptionRemediation,
    },
    {
      id: 'customer-managed-key',
      severity: 'high',
      status: 'fail',
      summary: 'No customer-managed KMS key is configured.',
      details:
        'Without a customer-managed key you control neither rotation, access nor crypto-erasure.',
      remediation: enableEncryptionRemediation,
    },
    notApplicable('key-usable', 'critical'),
    notApplicable('key-rotation', 'medium'),
    notApplicable('key-dedicated', 'medium'),
    notApplicable('key-policy', 'high'),
    notApplicable('approved-key', 'high'),
    notApplicable('secrets-rewritten', 'medium'),
    {
      id: 'ownership-tags',
      severity: 'low',
      status: 'pass',
      summary: 'The cluster carries the owner tag.',
      details: 'Tag owner=payments.',
    },
  ],
};

/** Production cluster whose key policy could not be read. */
export const incompleteCluster: ClusterScorecard = {
  ...compliantCluster,
  arn: LEDGER_PROD_ARN,
  region: 'us-east-1',
  name: 'ledger-prod',
  keyRef: LEDGER_KEY_ARN,
  keyArn: LEDGER_KEY_ARN,
  verdict: 'incomplete',
  score: 82,
  grade: 'B',
  checks: compliantCluster.checks.map(check =>
    check.id === 'key-policy'
      ? {
          ...check,
          status: 'unknown',
          summary: `kms:GetKeyPolicy denied in account ${PROD_ACCOUNT}`,
          details:
            'The key policy could not be read, so it is not known whether it grants a wildcard principal.',
        }
      : check,
  ),
};

/** A cluster that could not be read at the last attempt; the last known result is kept. */
export const errorCluster: ClusterScorecard = {
  ...compliantCluster,
  arn: LEGACY_ARN,
  region: 'us-east-1',
  name: 'legacy-batch',
  verdict: 'error',
  stale: true,
  error: `eks:DescribeCluster denied in account ${PROD_ACCOUNT}`,
};

/**
 * A cluster whose evidence is past `staleAfter`: counted incomplete, its last
 * evidence kept, its open finding unverified since the reads started failing.
 */
export const staleCluster: ClusterScorecard = {
  ...incompleteCluster,
  stale: true,
  lastVerdict: 'non-compliant',
  staleReason:
    'Last read successfully 2026-11-24T08:00:00.000Z; older than the 3 h limit, so it counts as incomplete. Latest attempt: kms:DescribeKey denied in account 111122223333',
  checks: incompleteCluster.checks.map(check =>
    check.id === 'key-rotation'
      ? {
          ...check,
          status: 'unknown',
          summary: `kms:GetKeyRotationStatus denied in account ${PROD_ACCOUNT}`,
          openFinding: {
            openedAt: '2026-11-20T08:00:00.000Z',
            unverifiedSince: '2026-11-24T09:00:00.000Z',
          },
        }
      : check,
  ),
};

export const ENTITY_REF = 'component:default/payments-api';

export function buildScorecard(
  overrides: Partial<EntityScorecard> = {},
): EntityScorecard {
  return {
    entityRef: ENTITY_REF,
    verdict: 'compliant',
    score: 100,
    grade: 'A',
    evaluatedAt: EVALUATED_AT,
    stale: false,
    annotationErrors: [],
    clusters: [compliantCluster],
    ...overrides,
  };
}

export const compliantScorecard = buildScorecard();

export const nonCompliantScorecard = buildScorecard({
  verdict: 'non-compliant',
  score: 53,
  grade: 'D',
  clusters: [compliantCluster, nonCompliantCluster],
});

export const incompleteScorecard = buildScorecard({
  verdict: 'incomplete',
  score: 82,
  grade: 'B',
  clusters: [incompleteCluster],
});

export const errorScorecard = buildScorecard({
  verdict: 'error',
  stale: true,
  clusters: [errorCluster],
});

export const notEvaluatedScorecard = buildScorecard({
  verdict: 'not-evaluated',
  score: null,
  grade: null,
  evaluatedAt: null,
  clusters: [],
});

export function buildRun(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    id: 'run-42',
    kind: 'refresh',
    status: 'running',
    entityRef: ENTITY_REF,
    startedAt: '2025-03-04T09:00:00.000Z',
    clustersTotal: 2,
    clustersDone: 0,
    ...overrides,
  };
}

export function buildOwnerRow(
  overrides: Partial<OwnerEntityRow> & { entityRef: string },
): OwnerEntityRow {
  return {
    ownerRef: 'group:default/payments',
    verdict: 'compliant',
    score: 100,
    grade: 'A',
    clusters: 1,
    openFindings: NO_FINDINGS,
    evaluatedAt: EVALUATED_AT,
    stale: false,
    ...overrides,
  };
}

export function buildOwnerDetail(
  items: OwnerEntityRow[],
  overrides: Partial<OwnerDetail> = {},
): OwnerDetail {
  return {
    ownerRef: 'group:default/payments',
    ownerRefs: ['group:default/payments'],
    entities: items.length,
    compliantEntities: items.filter(i => i.verdict === 'compliant').length,
    clusters: items.reduce((sum, i) => sum + i.clusters, 0),
    compliantClusters: items.filter(i => i.verdict === 'compliant').length,
    openFindings: items.reduce(
      (sum, i) => ({
        critical: sum.critical + i.openFindings.critical,
        high: sum.high + i.openFindings.high,
        medium: sum.medium + i.openFindings.medium,
        low: sum.low + i.openFindings.low,
      }),
      NO_FINDINGS,
    ),
    mttrHours: 30,
    items,
    totalCount: items.length,
    ...overrides,
  };
}

/**
 * A `getOwner` that answers as the API does: the rollup over every row, and
 * the page `query` asks for (searched by entity or owner ref; worst first, by ref with
 * `sort: 'entity'`; `desc` reversed).
 */
export function pagedOwner(
  items: OwnerEntityRow[],
  overrides: Partial<OwnerDetail> = {},
) {
  return async (
    _ownerRef: unknown,
    query: OwnerQuery = {},
  ): Promise<OwnerDetail> => {
    const search = query.search?.toLocaleLowerCase('en-US');
    const matching = items.filter(
      i =>
        !search ||
        [i.entityRef, i.ownerRef].some(ref =>
          ref.toLocaleLowerCase('en-US').includes(search),
        ),
    );
    const byRef = (a: OwnerEntityRow, b: OwnerEntityRow) =>
      a.entityRef.localeCompare(b.entityRef);
    const order =
      query.sort === 'entity'
        ? byRef
        : (a: OwnerEntityRow, b: OwnerEntityRow) =>
            compareWorstFirst(a, b) || byRef(a, b);
    const sorted = [...matching].sort(
      query.order === 'desc' ? (a, b) => order(b, a) : order,
    );
    const offset = query.offset ?? 0;
    return {
      ...buildOwnerDetail(items, overrides),
      items: sorted.slice(
        offset,
        offset +
          (query.limit ?? eksEncryptionApiLimits.GetOwnerDetail.limit.default),
      ),
      totalCount: matching.length,
    };
  };
}

export const ownerRollups: OwnerRollup[] = [
  {
    ownerRef: 'group:default/payments',
    entities: 4,
    compliantEntities: 2,
    clusters: 3,
    compliantClusters: 1,
    openFindings: { critical: 1, high: 2, medium: 0, low: 1 },
    mttrHours: 30,
  },
  {
    ownerRef: 'group:default/ledger',
    entities: 2,
    compliantEntities: 2,
    clusters: 1,
    compliantClusters: 1,
    openFindings: NO_FINDINGS,
    mttrHours: null,
  },
];

export function buildClusterItem(
  cluster: ClusterScorecard,
  overrides: Partial<ClusterListItem> = {},
): ClusterListItem {
  const { checks, ...rest } = cluster;
  const openFindings = { ...NO_FINDINGS };
  for (const check of checks) {
    if (check.status === 'fail') openFindings[check.severity] += 1;
  }
  return {
    ...rest,
    owners: ['group:default/payments'],
    entityRefs: [ENTITY_REF],
    openFindings,
    ...overrides,
  };
}

export const orgKpis: OrgKpis = {
  productionClusters: 40,
  compliantProductionClusters: 35,
  productionCompliancePercent: 87.5,
  clusters: 64,
  compliantClusters: 50,
  openFindings: { critical: 3, high: 7, medium: 12, low: 20 },
  mttrHours: 52,
  trend: [
    {
      day: '2025-03-01',
      clusters: 64,
      compliantClusters: 44,
      productionClusters: 40,
      compliantProductionClusters: 30,
    },
    {
      day: '2025-03-02',
      clusters: 64,
      compliantClusters: 47,
      productionClusters: 40,
      compliantProductionClusters: 33,
    },
    {
      day: '2025-03-03',
      clusters: 64,
      compliantClusters: 50,
      productionClusters: 40,
      compliantProductionClusters: 35,
    },
  ],
};

const SHADOW_PROD_ARN = `arn:aws:eks:eu-west-1:${PROD_ACCOUNT}:cluster/shadow-prod`;

/** A cluster discovery found that no catalog entity claims. */
function buildDiscoveredCluster(
  overrides: Partial<DiscoveredCluster> = {},
): DiscoveredCluster {
  return {
    arn: SHADOW_PROD_ARN,
    accountId: PROD_ACCOUNT,
    region: 'eu-west-1',
    name: 'shadow-prod',
    claimed: false,
    ownerTag: 'payments',
    ownerRef: 'group:default/payments',
    environment: 'production',
    isProduction: true,
    verdict: 'non-compliant',
    score: 40,
    grade: 'F',
    evaluatedAt: EVALUATED_AT,
    checks: [],
    firstSeenAt: '2025-02-20T10:00:00.000Z',
    listedAt: EVALUATED_AT,
    ...overrides,
  };
}

/** Owned through a catalog group, through a tag naming nobody, and by no one. */
export const unclaimedClusters: DiscoveredCluster[] = [
  buildDiscoveredCluster(),
  buildDiscoveredCluster({
    arn: `arn:aws:eks:us-east-1:${STAGING_ACCOUNT}:cluster/analytics-sandbox`,
    accountId: STAGING_ACCOUNT,
    region: 'us-east-1',
    name: 'analytics-sandbox',
    ownerTag: 'data-science',
    ownerRef: undefined,
    environment: 'staging',
    isProduction: false,
    verdict: 'compliant',
    score: 95,
    grade: 'A',
  }),
  buildDiscoveredCluster({
    arn: `arn:aws:eks:us-east-1:${STAGING_ACCOUNT}:cluster/forgotten-poc`,
    accountId: STAGING_ACCOUNT,
    region: 'us-east-1',
    name: 'forgotten-poc',
    ownerTag: undefined,
    ownerRef: undefined,
    environment: undefined,
    isProduction: undefined,
    verdict: undefined,
    score: undefined,
    grade: undefined,
    evaluatedAt: undefined,
    checks: undefined,
  }),
];

/** `GET /v1/discovery?claimed=false`: one listing refused by AWS. */
export const unclaimedDiscovery: Discovery = {
  enabled: true,
  clusters: unclaimedClusters,
  listings: [
    {
      accountId: PROD_ACCOUNT,
      region: 'eu-west-1',
      listedAt: EVALUATED_AT,
      complete: true,
    },
    {
      accountId: STAGING_ACCOUNT,
      region: 'ap-southeast-2',
      listedAt: EVALUATED_AT,
      complete: false,
      reason: 'AccessDenied',
    },
  ],
};

export const unclaimedKpis: UnclaimedKpis = {
  productionClusters: 6,
  compliantProductionClusters: 2,
};
