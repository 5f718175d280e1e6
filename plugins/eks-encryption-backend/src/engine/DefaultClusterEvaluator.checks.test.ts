import {
  aliasArnOf,
  clusterArnOf,
  clusterFixture,
  clusterTargetOf,
  defaultKeyPolicy,
  fixture,
  keyArnOf,
  keyFixture,
  type UpdateFixture,
} from '../__testUtils__/awsEstate';
import {
  checkOf,
  clusterNamed,
  SOURCE_KINDS,
  SourceHarness,
} from './__testUtils__/evaluationHarness';
import type { ClusterNamer } from './types';

// What each check concludes is tested beside it (checks/<id>.test.ts) over a pure
// context; these tests show that both sources and the collector give the checks
// what they judge.

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

const key = (init: Partial<Parameters<typeof keyFixture>[0]> = {}) =>
  keyFixture({ keyId: KEY_ID, ...init });

const association = (
  createdAt: string,
  status = 'Successful',
): UpdateFixture => ({
  id: 'a1b2c3d4-0000-4000-8000-00000000000a',
  type: 'AssociateEncryptionConfig',
  status,
  createdAt,
});

describe.each(SOURCE_KINDS)(
  'DefaultClusterEvaluator gives the checks what they judge (%s source)',
  kind => {
    const harness = new SourceHarness(kind);
    afterEach(() => harness.cleanup());

    /** Evaluates one cluster `c` using key `k`. */
    const withKey = (
      k: ReturnType<typeof key>,
      cluster: Partial<Parameters<typeof clusterFixture>[0]> = {},
      options: Parameters<SourceHarness['evaluate']>[1] = {},
    ) =>
      harness.evaluate(
        fixture({
          clusters: [
            clusterFixture({
              name: 'c',
              encryptionKeyRef: keyArnOf(k),
              ...cluster,
            }),
          ],
          keys: [k],
        }),
        options,
      );

    describe('encryption state', () => {
      it('reads a 1.27 cluster without a key as not encrypted (none)', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [clusterFixture({ name: 'old', version: '1.27' })],
          }),
        );
        expect(clusterNamed(out, 'old').encryptionState).toBe('none');
        expect(checkOf(out, 'old', 'envelope-encryption').status).toBe('fail');
      });

      it('reads a 1.29 cluster without a key as AWS-owned default encryption', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [clusterFixture({ name: 'new', version: '1.29' })],
          }),
        );
        expect(clusterNamed(out, 'new').encryptionState).toBe(
          'aws-owned-default',
        );
        expect(checkOf(out, 'new', 'envelope-encryption').status).toBe('pass');
      });

      it('reads no key for a cluster without one: only envelope, customer-managed-key and cluster tags are judged', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'nokey', tags: { environment: 'dev' } }),
            ],
          }),
        );
        const checks = clusterNamed(out, 'nokey').checks;
        expect(
          checks.filter(c => c.status !== 'not-applicable').map(c => c.id),
        ).toEqual([
          'envelope-encryption',
          'customer-managed-key',
          'ownership-tags',
        ]);
        expect(checkOf(out, 'nokey', 'ownership-tags').summary).toBe(
          'Missing required tags: owner on the cluster',
        );
      });

      it('records the key reference and the key it resolves to', async () => {
        const k = key();
        const out = await withKey(k);
        expect(clusterNamed(out, 'c')).toMatchObject({
          encryptionState: 'kms-key',
          keyRef: keyArnOf(k),
          keyArn: keyArnOf(k),
        });
      });
    });

    describe('key facts', () => {
      it('resolves an alias ARN to the key every key check reads', async () => {
        const k = key({ aliases: ['alias/eks-prod'] });
        const out = await withKey(
          k,
          { encryptionKeyRef: aliasArnOf(k) },
          { policy: { approvedKeyArns: [keyArnOf(k)] } },
        );
        expect(clusterNamed(out, 'c').keyArn).toBe(keyArnOf(k));
        expect(checkOf(out, 'c', 'customer-managed-key').status).toBe('pass');
        expect(checkOf(out, 'c', 'approved-key').status).toBe('pass');
      });

      it('reads the key manager, the key state and the health issues of the cluster', async () => {
        const out = await withKey(
          key({
            keyManager: 'AWS',
            keyState: 'PendingDeletion',
            deletionDate: '2025-01-17T00:00:00.000Z',
          }),
          {
            healthIssues: [
              {
                code: 'KmsKeyMarkedForDeletion',
                message: 'key pending deletion',
              },
            ],
          },
        );
        expect(checkOf(out, 'c', 'customer-managed-key').summary).toBe(
          'Secrets are encrypted with an AWS-managed KMS key',
        );
        const usable = checkOf(out, 'c', 'key-usable');
        expect(usable.summary).toBe(
          'The KMS key is scheduled for deletion on 2025-01-17 (in 7 days): the cluster will lose its Secrets',
        );
        expect(usable.details).toContain('key pending deletion');
      });

      it('reads the rotation status and period', async () => {
        const off = await withKey(key({ rotation: { enabled: false } }));
        expect(checkOf(off, 'c', 'key-rotation').summary).toBe(
          'Automatic rotation of the KMS key is off',
        );
        await harness.cleanup();
        const slow = await withKey(
          key({ rotation: { enabled: true, periodInDays: 730 } }),
        );
        expect(checkOf(slow, 'c', 'key-rotation').summary).toBe(
          'The KMS key rotates every 730 days, longer than the 365-day maximum',
        );
      });

      it('reads the key policy', async () => {
        const base = defaultKeyPolicy(ACCOUNT);
        const out = await withKey(
          key({
            policy: {
              ...base,
              Statement: [
                ...(base.Statement as unknown[]),
                {
                  Sid: 'OpenDecrypt',
                  Effect: 'Allow',
                  Principal: { AWS: '*' },
                  Action: 'kms:Decrypt',
                  Resource: '*',
                },
              ],
            },
          }),
        );
        const check = checkOf(out, 'c', 'key-policy');
        expect(check.status).toBe('fail');
        expect(check.summary).toContain('Sid "OpenDecrypt"');
      });

      it('reads the key tags when tags are required, and not otherwise', async () => {
        const k = key({ tags: { Owner: 'team-a' } });
        const out = await withKey(k);
        expect(checkOf(out, 'c', 'ownership-tags').summary).toBe(
          'Missing required tags: owner on the key',
        );
        await harness.cleanup();
        const none = await withKey(k, {}, { policy: { requiredTags: [] } });
        expect(checkOf(none, 'c', 'ownership-tags').status).toBe(
          'not-applicable',
        );
      });
    });

    describe('key uses across clusters', () => {
      const shared = key();
      const cluster = (
        name: string,
        environment: string | undefined,
        accountId = ACCOUNT,
      ) =>
        clusterFixture({
          name,
          accountId,
          encryptionKeyRef: keyArnOf(shared),
          tags: environment
            ? { owner: 'team-a', env: environment }
            : { owner: 'team-a' },
        });

      it('judges key-dedicated over every cluster of the run', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [
              cluster('a', 'prod'),
              cluster('b', 'Prod'),
              cluster('c', 'staging'),
            ],
            keys: [shared],
          }),
        );
        expect(clusterNamed(out, 'a').environment).toBe('prod');
        expect(checkOf(out, 'a', 'key-dedicated').summary).toBe(
          'The KMS key is shared with 1 cluster beyond environment "prod"',
        );
        expect(checkOf(out, 'c', 'key-dedicated').summary).toBe(
          'The KMS key is shared with 2 clusters beyond environment "staging"',
        );
      });

      it('sees sharing across accounts', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [
              cluster('a', 'prod'),
              cluster('b', 'prod', OTHER_ACCOUNT),
            ],
            keys: [shared],
          }),
          { policy: { keySharing: 'account' } },
        );
        expect(checkOf(out, 'a', 'key-dedicated').summary).toBe(
          `The KMS key is shared with 1 cluster beyond account ${ACCOUNT}`,
        );
      });

      it('sees sharing with stored clusters outside the run', async () => {
        const out = await harness.evaluate(
          fixture({ clusters: [cluster('a', 'prod')], keys: [shared] }),
          {
            input: {
              storedKeyUses: async () => [
                {
                  clusterArn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/stored`,
                  keyArn: keyArnOf(shared),
                  accountId: ACCOUNT,
                  environment: 'dev',
                },
                // A stored use of a cluster of this run is replaced by its fresh answer.
                {
                  clusterArn: clusterArnOf(cluster('a', 'prod')),
                  keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/other',
                  accountId: ACCOUNT,
                },
              ],
            },
          },
        );
        const check = checkOf(out, 'a', 'key-dedicated');
        expect(check.status).toBe('fail');
        expect(check.details).toContain('cluster/stored');
        expect(out.keyUses).toEqual([
          {
            clusterArn: clusterArnOf(cluster('a', 'prod')),
            keyArn: keyArnOf(shared),
            accountId: ACCOUNT,
            environment: 'prod',
          },
        ]);
      });
    });

    describe('update history and attestations', () => {
      const run = (
        updates: UpdateFixture[],
        attestation: {
          tags?: Record<string, string>;
          namedBy?: ClusterNamer[];
        } = {},
      ) => {
        const k = key();
        const c = clusterFixture({
          name: 'c',
          encryptionKeyRef: keyArnOf(k),
          updates,
          ...(attestation.tags
            ? { tags: { owner: 'team-a', ...attestation.tags } }
            : {}),
        });
        return harness.evaluate(fixture({ clusters: [c], keys: [k] }), {
          input: attestation.namedBy
            ? {
                targets: [
                  {
                    cluster: clusterTargetOf(c),
                    namedBy: attestation.namedBy,
                  },
                ],
              }
            : {},
        });
      };
      const ASSOCIATED = '2024-06-01T09:00:00.000Z';

      it('finds no association when encryption was present at creation', async () => {
        const check = checkOf(
          await run([
            {
              id: 'a1b2c3d4-0000-4000-8000-000000000001',
              type: 'VersionUpdate',
              status: 'Successful',
              createdAt: '2024-03-01T00:00:00.000Z',
            },
          ]),
          'c',
          'secrets-rewritten',
        );
        expect(check.summary).toBe(
          'Encryption was configured when the cluster was created',
        );
      });

      it('finds a successful association and ignores a failed one', async () => {
        expect(
          checkOf(
            await run([association(ASSOCIATED)]),
            'c',
            'secrets-rewritten',
          ).summary,
        ).toBe(
          'Encryption was enabled after creation (2024-06-01): rewrite Secrets created before then',
        );
        await harness.cleanup();
        expect(
          checkOf(
            await run([association(ASSOCIATED, 'Failed')]),
            'c',
            'secrets-rewritten',
          ).status,
        ).toBe('pass');
      });

      it('reads the attestation from the cluster tag', async () => {
        const check = checkOf(
          await run([association(ASSOCIATED)], {
            tags: { 'secrets-rewritten-at': '2024-06-02T10:00:00Z' },
          }),
          'c',
          'secrets-rewritten',
        );
        expect(check.summary).toBe(
          'Existing Secrets were rewritten after encryption was enabled on 2024-06-01 (cluster tag secrets-rewritten-at)',
        );
      });

      it('passes the entities naming the cluster on to the check', async () => {
        const check = checkOf(
          await run([association(ASSOCIATED)], {
            namedBy: [
              {
                entityRef: 'resource:default/payments-prod-cluster',
                ownerRef: 'group:default/payments',
                secretsRewrittenAt: '2024-06-02T10:00:00Z',
              },
            ],
          }),
          'c',
          'secrets-rewritten',
        );
        expect(check.status).toBe('pass');
        expect(check.summary).toContain(
          '(annotation on resource:default/payments-prod-cluster)',
        );
      });
    });
  },
);
