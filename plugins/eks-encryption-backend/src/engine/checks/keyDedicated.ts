import type {
  CheckResult,
  ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import { sameEnvironment } from '../environment';
import { newClusterRemediation, type NewKeyOptions } from '../remediation';
import { checkResult } from '../results';
import type { KeySharingScope, KeyUse } from '../types';
import { resolveKey, type JudgeContext } from './context';

const MAX_CLUSTERS_LISTED = 10;

/** What `key-dedicated` needs of a cluster once every key use of the run is known. */
export interface PendingKeySharing {
  use: KeyUse;
  cluster: ClusterArn;
  remediation: NewKeyOptions & { version?: string };
}

/**
 * Key uses by key ARN: this run's, plus stored uses of clusters not described in
 * this run (a described cluster's own answer replaces what was stored for it).
 */
export function indexKeyUses(
  runUses: readonly KeyUse[],
  storedUses: readonly KeyUse[],
  describedClusters: ReadonlySet<string>,
): Map<string, KeyUse[]> {
  const byCluster = new Map<string, KeyUse>();
  for (const use of storedUses) {
    if (!describedClusters.has(use.clusterArn))
      byCluster.set(use.clusterArn, use);
  }
  for (const use of runUses) byCluster.set(use.clusterArn, use);
  const byKey = new Map<string, KeyUse[]>();
  for (const use of byCluster.values()) {
    const uses = byKey.get(use.keyArn) ?? [];
    uses.push(use);
    byKey.set(use.keyArn, uses);
  }
  return byKey;
}

/** The first half of `key-dedicated`: a result now, or the key use to judge later. */
export function prepareKeyDedicated(
  ctx: JudgeContext,
  environment: string | undefined,
  remediation: PendingKeySharing['remediation'],
): CheckResult | PendingKeySharing {
  const resolved = resolveKey(
    'key-dedicated',
    ctx,
    'Which key the reference resolves to is unknown, so sharing cannot be judged.',
  );
  if ('result' in resolved) return resolved.result;
  return {
    use: {
      clusterArn: ctx.cluster.arn,
      keyArn: resolved.key.metadata.value.arn,
      accountId: ctx.cluster.accountId,
      ...(environment ? { environment } : {}),
    },
    cluster: ctx.cluster,
    remediation,
  };
}

function isWithinScope(
  own: KeyUse,
  other: KeyUse,
  scope: KeySharingScope,
): boolean {
  if (scope === 'cluster') return false;
  if (scope === 'account') return own.accountId === other.accountId;
  return sameEnvironment(own.environment, other.environment);
}

function describeUse(use: KeyUse): string {
  return `${use.clusterArn} (account ${use.accountId}, environment ${
    use.environment ?? 'not tagged'
  })`;
}

const SCOPE_TEXT: Record<KeySharingScope, (use: KeyUse) => string> = {
  cluster: () => 'one cluster',
  environment: use =>
    use.environment ? `environment "${use.environment}"` : 'one environment',
  account: use => `account ${use.accountId}`,
};

/**
 * `key-dedicated`: the key is not shared beyond `scope` (cluster, environment or
 * account) among every cluster of the run and every stored cluster.
 */
export function judgeKeyDedicated(
  pending: PendingKeySharing,
  usesOfKey: readonly KeyUse[],
  scope: KeySharingScope,
): CheckResult {
  const id = 'key-dedicated';
  const { use } = pending;
  const others = usesOfKey.filter(u => u.clusterArn !== use.clusterArn);
  const beyond = others.filter(o => !isWithinScope(use, o, scope));
  const within = SCOPE_TEXT[scope](use);
  if (beyond.length === 0) {
    return checkResult(
      id,
      'pass',
      others.length === 0
        ? 'The KMS key is used by this cluster only'
        : `The KMS key is shared only within ${within} (${
            others.length
          } other cluster${others.length === 1 ? '' : 's'})`,
      others.length === 0
        ? `No other evaluated cluster uses ${use.keyArn}.`
        : `${use.keyArn} is also used by ${others
            .map(describeUse)
            .join(', ')}, all within ${within} (sharing scope: ${scope}).`,
    );
  }
  const listed = beyond.slice(0, MAX_CLUSTERS_LISTED).map(describeUse);
  const more =
    beyond.length > listed.length
      ? ` and ${beyond.length - listed.length} more`
      : '';
  const untagged =
    scope === 'environment' && !use.environment
      ? ' This cluster has no environment tag, so no sharing can be confined to its environment.'
      : '';
  const count = `${beyond.length} ${
    scope === 'cluster' ? 'other ' : ''
  }cluster${beyond.length === 1 ? '' : 's'}`;
  return checkResult(
    id,
    'fail',
    scope === 'cluster'
      ? `The KMS key is shared with ${count}; the policy allows no sharing`
      : `The KMS key is shared with ${count} beyond ${within}`,
    `${use.keyArn} is also used by ${listed.join(
      ', ',
    )}${more}. The sharing scope is "${scope}": one key per ${scope}, so disabling, deleting or re-scoping it affects only that ${scope}.${untagged}`,
    newClusterRemediation(
      pending.cluster,
      `${pending.cluster.name} shares its KMS key with ${
        beyond.length
      } other cluster${beyond.length === 1 ? '' : 's'} beyond ${within}.`,
      pending.remediation,
    ),
  );
}
