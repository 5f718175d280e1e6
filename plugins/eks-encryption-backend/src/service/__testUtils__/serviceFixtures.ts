import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  CheckId,
  CheckResult,
  CheckStatus,
  ClusterEvaluation,
  parseClusterArn,
  summarizeCluster,
} from 'backstage-plugin-eks-encryption-common';
import type { Knex } from 'knex';
import { DatabaseEksEncryptionStore } from '../../database/DatabaseEksEncryptionStore';
import { BUILT_IN_CHECKS } from '../../engine/checks';
import type { EntityRunInput } from '../../database/EksEncryptionStore';
import type {
  ClusterEvaluator,
  EvaluationInput,
  EvaluationOutput,
} from '../../engine/types';

/*
 * Fixtures of the service tests: a small evaluated estate written through the
 * store's own write API, and the catalog entities it came from.
 */

export const ARN = {
  alpha: 'arn:aws:eks:eu-west-1:111122223333:cluster/alpha',
  bravo: 'arn:aws:eks:us-east-1:444455556666:cluster/bravo',
  charlie: 'arn:aws:eks:eu-west-1:111122223333:cluster/charlie',
} as const;

const SCORED_CHECKS: CheckId[] = [
  'envelope-encryption',
  'customer-managed-key',
  'key-usable',
  'key-rotation',
  'key-policy',
];

/** The severity of a built-in check; throws for any other id. */
function builtInSeverity(id: CheckId): CheckResult['severity'] {
  const builtIn = BUILT_IN_CHECKS.find(c => c.id === id);
  if (!builtIn) throw new Error(`"${id}" is not a built-in check`);
  return builtIn.severity;
}

export function checkResults(
  overrides: Partial<Record<CheckId, CheckStatus>> = {},
): CheckResult[] {
  return SCORED_CHECKS.map(id => ({
    id,
    severity: builtInSeverity(id),
    status: overrides[id] ?? 'pass',
    summary: `${id} is ${overrides[id] ?? 'pass'}`,
    details: '',
  }));
}

export function evaluationOf(
  arn: string,
  options: {
    checks?: CheckResult[];
    environment?: string;
    error?: string;
    evaluatedAt?: string;
  } = {},
): ClusterEvaluation {
  const parsed = parseClusterArn(arn);
  if ('error' in parsed) throw new Error(parsed.error);
  const checks = options.error ? [] : options.checks ?? checkResults();
  const evaluation: ClusterEvaluation = {
    arn,
    accountId: parsed.accountId,
    region: parsed.region,
    name: parsed.name,
    version: '1.30',
    encryptionState: 'kms-key',
    keyRef: `arn:aws:kms:${parsed.region}:${parsed.accountId}:key/${parsed.name}`,
    keyArn: `arn:aws:kms:${parsed.region}:${parsed.accountId}:key/${parsed.name}`,
    ...summarizeCluster(checks, options.error),
    evaluatedAt: options.evaluatedAt ?? '2026-01-10T08:00:00.000Z',
    checks,
  };
  if (options.environment) evaluation.environment = options.environment;
  if (options.error) evaluation.error = options.error;
  return evaluation;
}

/** The estate: team-a owns payments (alpha+bravo), its child team-c owns secret-project. */
export const ESTATE_ENTITIES: EntityRunInput[] = [
  {
    entityRef: 'component:default/payments',
    ownerRef: 'group:default/team-a',
    clusterArns: [ARN.alpha, ARN.bravo],
    annotationErrors: [],
  },
  {
    entityRef: 'component:default/search',
    ownerRef: 'group:default/team-b',
    clusterArns: [ARN.charlie],
    annotationErrors: [
      { token: 'arn:aws:s3:::x', reason: 'service is "s3", not "eks"' },
    ],
  },
  {
    entityRef: 'component:default/secret-project',
    ownerRef: 'group:default/team-c',
    clusterArns: [ARN.alpha],
    annotationErrors: [],
  },
];

export const ESTATE_CLUSTERS: ClusterEvaluation[] = [
  evaluationOf(ARN.alpha, { environment: 'production' }),
  evaluationOf(ARN.bravo, {
    environment: 'staging',
    checks: checkResults({ 'customer-managed-key': 'fail' }),
  }),
  evaluationOf(ARN.charlie, {
    environment: 'production',
    checks: checkResults({ 'key-policy': 'unknown' }),
  }),
];

function catalogEntity(
  kind: string,
  name: string,
  spec: JsonObject,
  relations: { type: string; targetRef: string }[] = [],
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
    relations,
  };
}

/** The catalog behind the estate, as the catalog would return it. */
export function estateCatalog(): Entity[] {
  const component = (name: string, owner: string, arns: string[]) =>
    catalogEntity(
      'Component',
      name,
      { type: 'service', lifecycle: 'production', owner },
      [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
      { 'aws.amazon.com/amazon-eks-cluster-arn': arns.join(',') },
    );
  return [
    component('payments', 'team-a', [ARN.alpha, ARN.bravo]),
    component('search', 'team-b', [ARN.charlie]),
    component('secret-project', 'team-c', [ARN.alpha]),
    catalogEntity('Group', 'team-a', { type: 'team', children: ['team-c'] }, [
      { type: 'parentOf', targetRef: 'group:default/team-c' },
    ]),
    catalogEntity('Group', 'team-b', { type: 'team', children: [] }),
    catalogEntity('Group', 'team-c', { type: 'team', children: [] }, [
      { type: 'childOf', targetRef: 'group:default/team-a' },
    ]),
  ];
}

export async function createStore(knex: Knex, now?: () => Date) {
  const database: DatabaseService = { getClient: async () => knex };
  return DatabaseEksEncryptionStore.create({ database, now });
}

/** Judges every target compliant; records what it was asked. */
export class RecordingEvaluator implements ClusterEvaluator {
  readonly inputs: EvaluationInput[] = [];

  constructor(
    private readonly judge: (arn: string) => ClusterEvaluation = arn =>
      evaluationOf(arn),
  ) {}

  async evaluate(input: EvaluationInput): Promise<EvaluationOutput> {
    this.inputs.push(input);
    const clusters = input.targets.map(t => this.judge(t.cluster.arn));
    input.onProgress?.(clusters.length, input.targets.length);
    return { clusters, finishedUpdates: [], keyUses: [] };
  }
}
