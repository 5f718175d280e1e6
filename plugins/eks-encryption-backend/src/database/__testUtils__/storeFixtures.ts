import type { Knex } from 'knex';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  summarizeCluster,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import { BUILT_IN_CHECKS } from '../../engine/checks';
import { DatabaseEksEncryptionStore } from '../DatabaseEksEncryptionStore';
import type { EntityRunInput, RunResults } from '../EksEncryptionStore';

/** Owners the store tests share. */
export const TEAM_A = 'group:default/team-a';
export const TEAM_B = 'group:default/team-b';

/** A clock tests move by hand. */
export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(instant: string): void {
    this.current = new Date(instant);
  }
}

export async function createTestStore(
  knex: Knex,
  clock = new TestClock(new Date('2026-11-27T12:00:00Z')),
  options: { staleAfterMs?: number } = {},
): Promise<DatabaseEksEncryptionStore> {
  const database: DatabaseService = { getClient: async () => knex };
  return DatabaseEksEncryptionStore.create({
    database,
    now: clock.now,
    ...options,
  });
}

export function clusterArn(name: string, accountId = '111122223333'): string {
  return `arn:aws:eks:eu-west-1:${accountId}:cluster/${name}`;
}

/** The severity of a built-in check; throws for any other id. */
function builtInSeverity(id: CheckId): CheckResult['severity'] {
  const builtIn = BUILT_IN_CHECKS.find(c => c.id === id);
  if (!builtIn) throw new Error(`"${id}" is not a built-in check`);
  return builtIn.severity;
}

export function check(id: CheckId, status: CheckStatus): CheckResult {
  return {
    id,
    severity: builtInSeverity(id),
    status,
    summary: `${id} is ${status}`,
    details: '',
  };
}

/** Checks that all pass, with the given ones replaced. */
export function checks(
  overrides: Partial<Record<CheckId, CheckStatus>> = {},
): CheckResult[] {
  const ids: CheckId[] = [
    'envelope-encryption',
    'customer-managed-key',
    'key-usable',
    'key-rotation',
    'key-policy',
  ];
  return ids.map(id => check(id, overrides[id] ?? 'pass'));
}

export function evaluation(
  name: string,
  options: {
    checks?: CheckResult[];
    error?: string;
    environment?: string;
    keyArn?: string;
    accountId?: string;
    evaluatedAt?: string;
  } = {},
): ClusterEvaluation {
  const accountId = options.accountId ?? '111122223333';
  const results = options.error ? [] : options.checks ?? checks();
  const summary = summarizeCluster(results, options.error);
  const result: ClusterEvaluation = {
    arn: clusterArn(name, accountId),
    accountId,
    region: 'eu-west-1',
    name,
    version: '1.30',
    encryptionState: options.keyArn ? 'kms-key' : 'aws-owned-default',
    ...summary,
    evaluatedAt: options.evaluatedAt ?? '2026-11-27T12:00:00.000Z',
    checks: results,
  };
  if (options.keyArn) {
    result.keyRef = options.keyArn;
    result.keyArn = options.keyArn;
  }
  if (options.environment) result.environment = options.environment;
  if (options.error) result.error = options.error;
  return result;
}

/** An entity linked to clusters given by ARN or, in the default account, by name. */
export function entity(
  entityRef: string,
  ownerRef: string | undefined,
  clusters: string[],
  annotationErrors: EntityRunInput['annotationErrors'] = [],
): EntityRunInput {
  return {
    entityRef,
    ownerRef,
    clusterArns: clusters.map(c => (c.startsWith('arn:') ? c : clusterArn(c))),
    annotationErrors,
  };
}

export function fullRun(
  entities: EntityRunInput[],
  clusters: ClusterEvaluation[],
  now = '2026-11-27T12:00:00Z',
): RunResults {
  return {
    replace: 'all',
    entities,
    clusters,
    finishedUpdates: [],
    productionValues: ['prod', 'production'],
    now: new Date(now),
  };
}

export function refresh(
  entityInput: EntityRunInput,
  clusters: ClusterEvaluation[],
  now = '2026-11-27T13:00:00Z',
): RunResults {
  return { ...fullRun([entityInput], clusters, now), replace: 'listed' };
}
