import type { KeyUse } from 'backstage-plugin-eks-encryption-node';
import {
  ACCOUNT,
  checkContext,
  clusterArn,
  KEY_ARN,
  OTHER_ACCOUNT,
  remediationText,
  unresolvedKey,
  type ContextInit,
} from './__testUtils__/checkContext';
import { keyDedicatedCheck } from './keyDedicated';

/** Another cluster using the key of cluster `c`. */
const use = (
  name: string,
  environment?: string,
  accountId = ACCOUNT,
): KeyUse => ({
  clusterArn: clusterArn(name, accountId).arn,
  keyArn: KEY_ARN,
  accountId,
  ...(environment ? { environment } : {}),
});

/** Judges cluster `c`, in `environment`, among the other key uses given. */
const run = (
  environment: string | undefined,
  others: KeyUse[],
  init: ContextInit = {},
) =>
  keyDedicatedCheck.judge(
    checkContext({
      eks: {
        tags: environment
          ? { owner: 'team-a', env: environment }
          : { owner: 'team-a' },
      },
      otherKeyUses: others,
      ...init,
    }),
  );

describe('key-dedicated check', () => {
  it('is a medium check', () => {
    expect(keyDedicatedCheck).toMatchObject({
      id: 'key-dedicated',
      severity: 'medium',
    });
  });

  it('passes for a key used by one cluster', () => {
    const result = run('prod', []);
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('The KMS key is used by this cluster only');
  });

  it('with scope environment passes within one environment (case aside)', () => {
    const result = run('prod', [use('b', 'Prod')]);
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'The KMS key is shared only within environment "prod" (1 other cluster)',
    );
  });

  it('with scope environment fails across environments, proposing a new cluster', () => {
    const result = run('prod', [use('b', 'Prod'), use('x', 'staging')]);
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The KMS key is shared with 1 cluster beyond environment "prod"',
    );
    expect(result.details).toContain(clusterArn('x').arn);
    expect(remediationText(result)).toContain('aws eks create-cluster');
  });

  it('with scope environment fails when this cluster has no environment tag', () => {
    const result = run(undefined, [use('b')]);
    expect(result.status).toBe('fail');
    expect(result.details).toContain('has no environment tag');
  });

  it('with scope cluster fails for any sharing', () => {
    const result = run('prod', [use('b', 'prod')], {
      policy: { keySharing: 'cluster' },
    });
    expect(result.summary).toBe(
      'The KMS key is shared with 1 other cluster; the policy allows no sharing',
    );
  });

  it('with scope account passes within the account and fails across accounts', () => {
    const account = { policy: { keySharing: 'account' as const } };
    expect(run('prod', [use('b', 'dev')], account).status).toBe('pass');
    const across = run('prod', [use('b', 'prod', OTHER_ACCOUNT)], account);
    expect(across.status).toBe('fail');
    expect(across.summary).toBe(
      `The KMS key is shared with 1 cluster beyond account ${ACCOUNT}`,
    );
  });

  it('lists ten sharing clusters at most', () => {
    const others = Array.from({ length: 12 }, (_, i) => use(`o-${i}`, 'dev'));
    const result = run('prod', others);
    expect(result.details).toContain('and 2 more');
  });

  it('is unknown when the key could not be resolved', () => {
    expect(run('prod', [], { key: unresolvedKey() }).status).toBe('unknown');
  });

  it('is not applicable without a key', () => {
    expect(run('prod', [], { key: 'none' }).status).toBe('not-applicable');
  });
});
