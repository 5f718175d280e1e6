import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
  KeySharingScope,
  KeyUse,
} from 'backstage-plugin-eks-encryption-node';
import { sameEnvironment } from '../environment';
import { keyUseOf } from '../keyUses';
import { newClusterRemediation } from '../remediation';
import { outcome } from '../results';
import { newKeyOptions, resolveKey } from './context';

const MAX_CLUSTERS_LISTED = 10;

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
 * `key-dedicated`: the key is not shared beyond the policy's scope (cluster,
 * environment or account) among every cluster of the run and every stored cluster.
 */
function judgeKeyDedicated(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const resolved = resolveKey(
    ctx,
    'Which key the reference resolves to is unknown, so sharing cannot be judged.',
  );
  if ('result' in resolved) return resolved.result;
  const scope = ctx.policy.keySharing;
  const use = keyUseOf(ctx.cluster, resolved.key, ctx.environment);
  const usesOfKey = ctx.keyUses.get(use.keyArn) ?? [use];
  const others = usesOfKey.filter(u => u.clusterArn !== use.clusterArn);
  const beyond = others.filter(o => !isWithinScope(use, o, scope));
  const within = SCOPE_TEXT[scope](use);
  if (beyond.length === 0) {
    return outcome(
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
  return outcome(
    'fail',
    scope === 'cluster'
      ? `The KMS key is shared with ${count}; the policy allows no sharing`
      : `The KMS key is shared with ${count} beyond ${within}`,
    `${use.keyArn} is also used by ${listed.join(
      ', ',
    )}${more}. The sharing scope is "${scope}": one key per ${scope}, so disabling, deleting or re-scoping it affects only that ${scope}.${untagged}`,
    newClusterRemediation(
      ctx.cluster,
      `${ctx.cluster.name} shares its KMS key with ${
        beyond.length
      } other cluster${beyond.length === 1 ? '' : 's'} beyond ${within}.`,
      newKeyOptions(ctx),
    ),
  );
}

export const keyDedicatedCheck: EksEncryptionCheck = {
  id: 'key-dedicated',
  title: 'Key not shared',
  severity: 'medium',
  description:
    'The key is not shared beyond the configured scope (cluster, environment or account) across all evaluated clusters.',
  judge: judgeKeyDedicated,
};
