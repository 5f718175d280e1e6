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
} from '../__testUtils__/awsFixtures';
import {
  checkOf,
  clusterNamed,
  remediationText,
  SOURCE_KINDS,
  SourceHarness,
} from './__testUtils__/evaluationHarness';
import type { ClusterNamer } from './types';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;

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
  'DefaultClusterEvaluator checks (%s source)',
  kind => {
    const harness = new SourceHarness(kind);
    afterEach(() => harness.cleanup());

    describe('encryption state', () => {
      it('judges a 1.27 cluster without a key as not encrypted (none)', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [clusterFixture({ name: 'old', version: '1.27' })],
          }),
        );
        const cluster = clusterNamed(out, 'old');
        expect(cluster.encryptionState).toBe('none');
        const check = checkOf(out, 'old', 'envelope-encryption');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
          'Secrets are not envelope-encrypted (Kubernetes 1.27, no KMS key)',
        );
        const text = remediationText(check);
        expect(text).toContain(
          `aws eks associate-encryption-config --cluster-name old --region eu-west-1`,
        );
        expect(text).toContain(
          `--encryption-config '[{"resources":["secrets"],"provider":{"keyArn":"arn:aws:kms:eu-west-1:${ACCOUNT}:key/<key-id>"}}]'`,
        );
        expect(text).toContain(
          `eksctl utils enable-secrets-encryption --cluster old --region eu-west-1 --key-arn arn:aws:kms:eu-west-1:${ACCOUNT}:key/<key-id>`,
        );
        expect(text).toContain('encryption_config {');
        expect(text).toContain('key_arn = aws_kms_key.eks.arn');
        expect(text).toContain('enable_key_rotation     = true');
        expect(text).toContain(
          'kubectl get secrets --all-namespaces -o json | kubectl replace -f -',
        );
      });

      it('judges a 1.29 cluster without a key as AWS-owned default encryption', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [clusterFixture({ name: 'new', version: '1.29' })],
          }),
        );
        expect(clusterNamed(out, 'new').encryptionState).toBe(
          'aws-owned-default',
        );
        const envelope = checkOf(out, 'new', 'envelope-encryption');
        expect(envelope.status).toBe('pass');
        expect(envelope.summary).toContain('AWS-owned default key');
        const cmk = checkOf(out, 'new', 'customer-managed-key');
        expect(cmk.status).toBe('fail');
        expect(remediationText(cmk)).toContain(
          'aws eks associate-encryption-config',
        );
      });

      it('judges only envelope, customer-managed-key and cluster tags without a key', async () => {
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
        expect(checkOf(out, 'nokey', 'key-usable').summary).toBe(
          'No KMS key: Secrets use the AWS-owned default key',
        );
        const tags = checkOf(out, 'nokey', 'ownership-tags');
        expect(tags.status).toBe('fail');
        expect(tags.summary).toBe(
          'Missing required tags: owner on the cluster',
        );
        expect(remediationText(tags)).toContain(
          `aws eks tag-resource --region eu-west-1 --resource-arn arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/nokey`,
        );
        expect(
          checks.every(
            c =>
              c.remediation ||
              c.status === 'pass' ||
              c.status === 'not-applicable',
          ),
        ).toBe(true);
      });

      it('judges a cluster whose encryption config names a key (kms-key)', async () => {
        const k = key();
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        expect(clusterNamed(out, 'c')).toMatchObject({
          encryptionState: 'kms-key',
          keyRef: keyArnOf(k),
          keyArn: keyArnOf(k),
        });
        expect(checkOf(out, 'c', 'envelope-encryption').status).toBe('pass');
      });
    });

    describe('customer-managed-key', () => {
      it('passes for a customer-managed key reached through an alias ARN', async () => {
        const k = key({ aliases: ['alias/eks-prod'] });
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: aliasArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        const check = checkOf(out, 'c', 'customer-managed-key');
        expect(check.status).toBe('pass');
        expect(clusterNamed(out, 'c').keyArn).toBe(keyArnOf(k));
      });

      it('fails for an AWS-managed key and proposes a new cluster, never association', async () => {
        const k = key({ keyManager: 'AWS' });
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        const check = checkOf(out, 'c', 'customer-managed-key');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
          'Secrets are encrypted with an AWS-managed KMS key',
        );
        const text = remediationText(check);
        expect(text).toContain('aws eks create-cluster --name c-v2');
        expect(text).toContain('secretsEncryption:');
        expect(text).not.toContain(
          'associate-encryption-config --cluster-name',
        );
      });
    });

    describe('key-usable', () => {
      it('passes for an enabled key without KMS health issues', async () => {
        const k = key();
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        expect(checkOf(out, 'c', 'key-usable').status).toBe('pass');
      });

      it('fails for a key pending deletion, naming the deletion date', async () => {
        const k = key({
          keyState: 'PendingDeletion',
          deletionDate: '2025-01-17T00:00:00.000Z',
        });
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({
                name: 'c',
                encryptionKeyRef: keyArnOf(k),
                healthIssues: [
                  {
                    code: 'KmsKeyMarkedForDeletion',
                    message: 'key pending deletion',
                  },
                ],
              }),
            ],
            keys: [k],
          }),
        );
        const check = checkOf(out, 'c', 'key-usable');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
          'The KMS key is scheduled for deletion on 2025-01-17 (in 7 days): the cluster will lose its Secrets',
        );
        expect(check.details).toContain('KmsKeyMarkedForDeletion');
        expect(remediationText(check)).toContain(
          `aws kms cancel-key-deletion --region eu-west-1 --key-id ${keyArnOf(
            k,
          )}`,
        );
      });

      it('fails for a disabled key with the enable-key command', async () => {
        const k = key({ keyState: 'Disabled' });
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        const check = checkOf(out, 'c', 'key-usable');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
          'The KMS key is disabled: the cluster cannot decrypt its Secrets',
        );
        expect(remediationText(check)).toContain(
          `aws kms enable-key --region eu-west-1 --key-id ${keyArnOf(k)}`,
        );
      });

      it('fails for an enabled key when EKS reports a revoked grant', async () => {
        const k = key();
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({
                name: 'c',
                encryptionKeyRef: keyArnOf(k),
                healthIssues: [
                  { code: 'KmsGrantRevoked', message: 'grant revoked' },
                ],
              }),
            ],
            keys: [k],
          }),
        );
        const check = checkOf(out, 'c', 'key-usable');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
          'EKS cannot use the enabled KMS key: KmsGrantRevoked',
        );
        expect(remediationText(check)).toContain('aws kms list-grants');
      });
    });

    describe('key-rotation', () => {
      const run = (
        rotation: Parameters<typeof keyFixture>[0]['rotation'],
        maxRotationDays = 365,
      ) => {
        const k = key({ rotation });
        return harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
          { policy: { maxRotationDays } },
        );
      };

      it('passes for rotation every 365 days', async () => {
        const check = checkOf(
          await run({ enabled: true, periodInDays: 365 }),
          'c',
          'key-rotation',
        );
        expect(check.status).toBe('pass');
        expect(check.summary).toBe(
          'The KMS key rotates automatically every 365 days',
        );
      });

      it('reads an absent period as the AWS default of 365 days', async () => {
        const pass = checkOf(await run({ enabled: true }), 'c', 'key-rotation');
        expect(pass.status).toBe('pass');
        expect(pass.details).toContain('the AWS default');
        await harness.cleanup();
        const fail = checkOf(
          await run({ enabled: true }, 180),
          'c',
          'key-rotation',
        );
        expect(fail.status).toBe('fail');
        expect(fail.summary).toBe(
          'The KMS key rotates every 365 days, longer than the 180-day maximum',
        );
        expect(remediationText(fail)).toContain(
          '--rotation-period-in-days 180',
        );
      });

      it('fails when rotation is off, with the enable-key-rotation command', async () => {
        const check = checkOf(
          await run({ enabled: false }),
          'c',
          'key-rotation',
        );
        expect(check.status).toBe('fail');
        expect(check.summary).toBe('Automatic rotation of the KMS key is off');
        const text = remediationText(check);
        expect(text).toContain(
          `aws kms enable-key-rotation --region eu-west-1 --key-id arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID} --rotation-period-in-days 365`,
        );
        expect(text).toContain('enable_key_rotation     = true');
      });

      it('fails for a period longer than the policy allows and passes within it', async () => {
        const fail = checkOf(
          await run({ enabled: true, periodInDays: 730 }),
          'c',
          'key-rotation',
        );
        expect(fail.status).toBe('fail');
        await harness.cleanup();
        const pass = checkOf(
          await run({ enabled: true, periodInDays: 730 }, 730),
          'c',
          'key-rotation',
        );
        expect(pass.status).toBe('pass');
      });
    });

    describe('key-dedicated', () => {
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

      it('passes for a key used by one cluster', async () => {
        const out = await harness.evaluate(
          fixture({ clusters: [cluster('a', 'prod')], keys: [shared] }),
        );
        const check = checkOf(out, 'a', 'key-dedicated');
        expect(check.status).toBe('pass');
        expect(check.summary).toBe('The KMS key is used by this cluster only');
        expect(clusterNamed(out, 'a').environment).toBe('prod');
      });

      it('with scope environment passes within one environment and fails across', async () => {
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
        const a = checkOf(out, 'a', 'key-dedicated');
        expect(a.status).toBe('fail');
        expect(a.summary).toBe(
          'The KMS key is shared with 1 cluster beyond environment "prod"',
        );
        expect(a.details).toContain(
          `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/c`,
        );
        expect(remediationText(a)).toContain('aws eks create-cluster');
        expect(checkOf(out, 'c', 'key-dedicated').summary).toBe(
          'The KMS key is shared with 2 clusters beyond environment "staging"',
        );
      });

      it('with scope environment fails when this cluster has no environment tag', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [cluster('a', undefined), cluster('b', undefined)],
            keys: [shared],
          }),
        );
        const check = checkOf(out, 'a', 'key-dedicated');
        expect(check.status).toBe('fail');
        expect(check.details).toContain('has no environment tag');
      });

      it('with scope cluster fails for any sharing', async () => {
        const out = await harness.evaluate(
          fixture({
            clusters: [cluster('a', 'prod'), cluster('b', 'prod')],
            keys: [shared],
          }),
          { policy: { keySharing: 'cluster' } },
        );
        expect(checkOf(out, 'a', 'key-dedicated').summary).toBe(
          'The KMS key is shared with 1 other cluster; the policy allows no sharing',
        );
      });

      it('with scope account passes within the account and fails across accounts', async () => {
        const within = await harness.evaluate(
          fixture({
            clusters: [cluster('a', 'prod'), cluster('b', 'dev')],
            keys: [shared],
          }),
          { policy: { keySharing: 'account' } },
        );
        expect(checkOf(within, 'a', 'key-dedicated').status).toBe('pass');
        await harness.cleanup();
        const across = await harness.evaluate(
          fixture({
            clusters: [
              cluster('a', 'prod'),
              cluster('b', 'prod', OTHER_ACCOUNT),
            ],
            keys: [shared],
          }),
          { policy: { keySharing: 'account' } },
        );
        const check = checkOf(across, 'a', 'key-dedicated');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
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

    describe('key-policy', () => {
      const run = (policy: Record<string, unknown>) => {
        const k = key({ policy });
        return harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({
                name: 'c',
                encryptionKeyRef: keyArnOf(k),
                roleArn: ROLE,
              }),
            ],
            keys: [k],
          }),
        );
      };
      const withStatement = (statement: Record<string, unknown>) => {
        const base = defaultKeyPolicy(ACCOUNT);
        return {
          ...base,
          Statement: [...(base.Statement as unknown[]), statement],
        };
      };

      it('passes for the default policy plus use by the cluster role', async () => {
        const check = checkOf(
          await run(
            withStatement({
              Sid: 'ClusterRole',
              Effect: 'Allow',
              Principal: { AWS: ROLE },
              Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:CreateGrant'],
              Resource: '*',
            }),
          ),
          'c',
          'key-policy',
        );
        expect(check.status).toBe('pass');
      });

      it('fails for a wildcard principal without a restricting condition, naming the statement', async () => {
        const check = checkOf(
          await run(
            withStatement({
              Sid: 'OpenDecrypt',
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'kms:Decrypt',
              Resource: '*',
              Condition: {
                StringEquals: {
                  'kms:ViaService': 'eks.eu-west-1.amazonaws.com',
                },
              },
            }),
          ),
          'c',
          'key-policy',
        );
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
          'Key policy Sid "OpenDecrypt" allows kms:Decrypt to every principal ("*") without a condition that pins the caller',
        );
        expect(check.details).toContain(
          'kms:ViaService only names the AWS service',
        );
        expect(remediationText(check)).toContain(
          `aws kms put-key-policy --region eu-west-1 --key-id ${keyArnOf(
            key(),
          )}`,
        );
      });

      it('warns for a grant to another account', async () => {
        const check = checkOf(
          await run(
            withStatement({
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
              Action: 'kms:DescribeKey',
              Resource: '*',
            }),
          ),
          'c',
          'key-policy',
        );
        expect(check.status).toBe('warn');
        expect(check.summary).toBe(
          `Key policy statement at index 1 grants kms:DescribeKey to arn:aws:iam::${OTHER_ACCOUNT}:root in another account (${OTHER_ACCOUNT})`,
        );
      });

      it('is unknown for a policy that cannot be analysed', async () => {
        const check = checkOf(
          await run({ Version: '2012-10-17' }),
          'c',
          'key-policy',
        );
        expect(check.status).toBe('unknown');
        expect(check.summary).toBe(
          `Not verified: kms:GetKeyPolicy in account ${ACCOUNT} returned a policy that could not be parsed`,
        );
        expect(check.details).toContain(
          'kms:GetKeyPolicy returned a policy that could not be parsed: the policy has no Statement',
        );
      });
    });

    describe('approved-key', () => {
      it('is not applicable without approved keys', async () => {
        const k = key();
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        expect(checkOf(out, 'c', 'approved-key').status).toBe('not-applicable');
      });

      it('passes for an approved key reached through its alias', async () => {
        const k = key({ aliases: ['alias/approved'] });
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: aliasArnOf(k) }),
            ],
            keys: [k],
          }),
          { policy: { approvedKeyArns: [keyArnOf(k)] } },
        );
        expect(checkOf(out, 'c', 'approved-key').status).toBe('pass');
      });

      it('fails for a key not approved and proposes a new cluster', async () => {
        const k = key();
        const approved =
          'arn:aws:kms:eu-west-1:111122223333:key/99999999-0000-4000-8000-000000000000';
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
          { policy: { approvedKeyArns: [approved] } },
        );
        const check = checkOf(out, 'c', 'approved-key');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe(
          'Secrets are encrypted with a KMS key that is not approved',
        );
        const text = remediationText(check);
        expect(text).toContain(approved);
        expect(text).not.toContain(
          'associate-encryption-config --cluster-name',
        );
      });
    });

    describe('secrets-rewritten', () => {
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
            ? {
                tags: {
                  owner: 'team-a',
                  environment: 'production',
                  ...attestation.tags,
                },
              }
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
      const namer = (
        entityRef: string,
        ownerRef?: string,
        secretsRewrittenAt?: string,
      ): ClusterNamer => ({
        entityRef,
        ...(ownerRef ? { ownerRef } : {}),
        ...(secretsRewrittenAt ? { secretsRewrittenAt } : {}),
      });

      it('passes when encryption was present at creation', async () => {
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
        expect(check.status).toBe('pass');
        expect(check.summary).toBe(
          'Encryption was configured when the cluster was created',
        );
      });

      it('warns with the association date, the rewrite command and the tag to set', async () => {
        const check = checkOf(
          await run([association('2024-06-01T09:00:00.000Z')]),
          'c',
          'secrets-rewritten',
        );
        expect(check.status).toBe('warn');
        expect(check.summary).toBe(
          'Encryption was enabled after creation (2024-06-01): rewrite Secrets created before then',
        );
        expect(check.details).toContain(
          'No rewrite is attested with the cluster tag secrets-rewritten-at or the annotation aws.amazon.com/eks-secrets-rewritten-at.',
        );
        const text = remediationText(check);
        expect(text).toContain(
          'kubectl get secrets --all-namespaces -o json | kubectl replace -f -',
        );
        expect(text).toContain(
          `aws eks tag-resource --region eu-west-1 --resource-arn arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/c --tags secrets-rewritten-at=`,
        );
        expect(text).toContain('aws.amazon.com/eks-secrets-rewritten-at');
      });

      it('passes once the cluster tag attests a rewrite after the association', async () => {
        const check = checkOf(
          await run([association('2024-06-01T09:00:00.000Z')], {
            tags: { 'secrets-rewritten-at': '2024-06-02T10:00:00Z' },
          }),
          'c',
          'secrets-rewritten',
        );
        expect(check.status).toBe('pass');
        expect(check.summary).toBe(
          'Existing Secrets were rewritten after encryption was enabled on 2024-06-01 (cluster tag secrets-rewritten-at)',
        );
      });

      it('reads the tag the policy names', async () => {
        const k = key();
        const c = clusterFixture({
          name: 'c',
          encryptionKeyRef: keyArnOf(k),
          updates: [association('2024-06-01T09:00:00.000Z')],
          tags: { owner: 'team-a', 'security/rewritten': '2024-06-02' },
        });
        const out = await harness.evaluate(
          fixture({ clusters: [c], keys: [k] }),
          { policy: { rewriteAttestationTag: 'security/rewritten' } },
        );
        expect(checkOf(out, 'c', 'secrets-rewritten').summary).toContain(
          '(cluster tag security/rewritten)',
        );
      });

      it('passes on an annotation when every entity naming the cluster has its owner', async () => {
        const check = checkOf(
          await run([association('2024-06-01T09:00:00.000Z')], {
            namedBy: [
              namer(
                'resource:default/payments-prod-cluster',
                'group:default/payments',
                '2024-06-02T10:00:00Z',
              ),
              namer('component:default/payments', 'group:default/payments'),
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

      it('ignores an annotation when entities of two owners name the cluster', async () => {
        const check = checkOf(
          await run([association('2024-06-01T09:00:00.000Z')], {
            namedBy: [
              namer('component:default/a', 'group:default/a', '2024-06-02'),
              namer('component:default/b', 'group:default/b'),
            ],
          }),
          'c',
          'secrets-rewritten',
        );
        expect(check.status).toBe('warn');
        expect(check.details).toContain(
          'The annotation on component:default/a is ignored: entities of 2 owners (group:default/a, group:default/b) name this cluster',
        );
      });

      it('keeps warning for an attestation before the association', async () => {
        const before = checkOf(
          await run([association('2024-06-01T09:00:00.000Z')], {
            tags: { 'secrets-rewritten-at': '2024-05-01' },
          }),
          'c',
          'secrets-rewritten',
        );
        expect(before.status).toBe('warn');
        expect(before.details).toContain(
          'The rewrite attested on 2024-05-01T00:00:00.000Z by the cluster tag secrets-rewritten-at is not after the association.',
        );
      });

      it('ignores a tag that is not a date, with a note', async () => {
        const check = checkOf(
          await run([association('2024-06-01T09:00:00.000Z')], {
            tags: { 'secrets-rewritten-at': 'yesterday' },
          }),
          'c',
          'secrets-rewritten',
        );
        expect(check.status).toBe('warn');
        expect(check.details).toContain(
          'The cluster tag secrets-rewritten-at ("yesterday") is not an ISO 8601 date',
        );
      });

      it('ignores a failed association', async () => {
        const check = checkOf(
          await run([association('2024-06-01T09:00:00.000Z', 'Failed')]),
          'c',
          'secrets-rewritten',
        );
        expect(check.status).toBe('pass');
      });
    });

    describe('ownership-tags', () => {
      it('passes when cluster and key carry the owner tag', async () => {
        const k = key();
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        const check = checkOf(out, 'c', 'ownership-tags');
        expect(check.status).toBe('pass');
        expect(check.summary).toBe(
          'The cluster and its key carry the required tags (owner)',
        );
      });

      it('fails when the key lacks a required tag, with the kms tag-resource command', async () => {
        const k = key({ tags: { Owner: 'team-a' } });
        const out = await harness.evaluate(
          fixture({
            clusters: [
              clusterFixture({ name: 'c', encryptionKeyRef: keyArnOf(k) }),
            ],
            keys: [k],
          }),
        );
        const check = checkOf(out, 'c', 'ownership-tags');
        expect(check.status).toBe('fail');
        expect(check.summary).toBe('Missing required tags: owner on the key');
        expect(check.details).toContain(
          '"Owner" is present, but tag keys are case-sensitive',
        );
        expect(remediationText(check)).toContain(
          `aws kms tag-resource --region eu-west-1 --key-id ${keyArnOf(k)}`,
        );
      });

      it('is not applicable when no tags are required', async () => {
        const out = await harness.evaluate(
          fixture({ clusters: [clusterFixture({ name: 'c', tags: {} })] }),
          {
            policy: { requiredTags: [] },
          },
        );
        expect(checkOf(out, 'c', 'ownership-tags').status).toBe(
          'not-applicable',
        );
      });
    });
  },
);
