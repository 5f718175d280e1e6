import type { CheckId } from 'backstage-plugin-eks-encryption-common';
import {
  clusterArnOf,
  clusterFixture,
  fixture,
  keyArnOf,
  keyFixture,
  type AwsFixture,
  type FailureFixture,
} from '../__testUtils__/awsEstate';
import {
  checkOf,
  clusterNamed,
  remediationText,
  SOURCE_KINDS,
  SourceHarness,
} from './__testUtils__/evaluationHarness';
import { allPassExcept } from './__testUtils__/checkStatuses';
import type { EvaluationOutput } from './types';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const KEY_ID = '5678efgh-12ab-34cd-56ef-1234567890ab';

const key = keyFixture({ keyId: KEY_ID });
const UPDATE_ID = 'b1b2c3d4-0000-4000-8000-000000000001';
const cluster = clusterFixture({
  name: 'c',
  encryptionKeyRef: keyArnOf(key),
  updates: [
    {
      id: UPDATE_ID,
      type: 'VersionUpdate',
      status: 'Successful',
      createdAt: '2024-03-01T00:00:00.000Z',
    },
  ],
});

function failing(...failures: Omit<FailureFixture, 'resource'>[]): AwsFixture {
  return fixture({
    clusters: [cluster],
    keys: [key],
    failures: failures.map(f => ({
      ...f,
      resource: f.action.startsWith('eks:')
        ? clusterArnOf(cluster)
        : keyArnOf(key),
    })),
  });
}

function statuses(out: EvaluationOutput): Record<string, string> {
  return Object.fromEntries(
    clusterNamed(out, 'c').checks.map(check => [check.id, check.status]),
  );
}

describe.each(SOURCE_KINDS)(
  'DefaultClusterEvaluator failed calls (%s source)',
  kind => {
    const harness = new SourceHarness(kind);
    afterEach(() => harness.cleanup());

    it('passes every check when every call answers', async () => {
      const out = await harness.evaluate(failing());
      expect(statuses(out)).toEqual(allPassExcept({}));
    });

    it('kms:DescribeKey denied makes every check that needs the key unknown', async () => {
      const out = await harness.evaluate(
        failing({
          action: 'kms:DescribeKey',
          errorName: 'AccessDeniedException',
        }),
      );
      expect(statuses(out)).toEqual(
        allPassExcept({
          'customer-managed-key': 'unknown',
          'key-usable': 'unknown',
          'key-rotation': 'unknown',
          'key-dedicated': 'unknown',
          'key-policy': 'unknown',
          'ownership-tags': 'unknown',
        }),
      );
      const usable = checkOf(out, 'c', 'key-usable');
      expect(usable.summary).toBe(
        `Not verified: kms:DescribeKey denied in account ${ACCOUNT}`,
      );
      expect(remediationText(usable)).toContain('"Action": "kms:DescribeKey"');
      expect(clusterNamed(out, 'c').verdict).toBe('incomplete');
    });

    it('still fails key-usable on a KMS health issue when DescribeKey is denied', async () => {
      const f = failing({
        action: 'kms:DescribeKey',
        errorName: 'AccessDeniedException',
      });
      f.clusters[0] = {
        ...cluster,
        healthIssues: [{ code: 'KmsKeyDisabled', message: 'disabled' }],
      };
      const check = checkOf(await harness.evaluate(f), 'c', 'key-usable');
      expect(check.status).toBe('fail');
      expect(check.details).toContain(
        `kms:DescribeKey denied in account ${ACCOUNT}`,
      );
    });

    it.each([
      ['kms:GetKeyRotationStatus', 'key-rotation'],
      ['kms:GetKeyPolicy', 'key-policy'],
      ['kms:ListResourceTags', 'ownership-tags'],
    ] as const)(
      '%s denied makes only %s unknown, naming the permission',
      async (action, checkId) => {
        const out = await harness.evaluate(
          failing({ action, errorName: 'AccessDeniedException' }),
        );
        expect(statuses(out)).toEqual(allPassExcept({ [checkId]: 'unknown' }));
        const check = checkOf(out, 'c', checkId);
        expect(check.summary).toBe(
          `Not verified: ${action} denied in account ${ACCOUNT}`,
        );
        const text = remediationText(check);
        expect(text).toContain(`"Action": "${action}"`);
        expect(text).toContain(`"Resource": "${keyArnOf(key)}"`);
      },
    );

    it('a timeout leaves the check unknown with the reason', async () => {
      const out = await harness.evaluate(
        failing({ action: 'kms:GetKeyPolicy', errorName: 'TimeoutError' }),
      );
      const check = checkOf(out, 'c', 'key-policy');
      expect(check.status).toBe('unknown');
      expect(check.summary).toBe(
        `Not verified: kms:GetKeyPolicy failed in account ${ACCOUNT}`,
      );
      expect(check.details).toContain('TimeoutError');
    });

    it('a server error leaves the check unknown with the reason', async () => {
      const out = await harness.evaluate(
        failing({
          action: 'kms:GetKeyRotationStatus',
          errorName: 'KMSInternalException',
          httpStatus: 500,
        }),
      );
      const check = checkOf(out, 'c', 'key-rotation');
      expect(check.status).toBe('unknown');
      expect(check.summary).toBe(
        `Not verified: kms:GetKeyRotationStatus failed in account ${ACCOUNT}`,
      );
      expect(check.details).toContain('KMSInternalException');
    });

    it('eks:ListUpdates denied makes only secrets-rewritten unknown', async () => {
      const out = await harness.evaluate(
        failing({
          action: 'eks:ListUpdates',
          errorName: 'AccessDeniedException',
        }),
      );
      expect(statuses(out)).toEqual(
        allPassExcept({ 'secrets-rewritten': 'unknown' }),
      );
      expect(checkOf(out, 'c', 'secrets-rewritten').summary).toBe(
        `Not verified: eks:ListUpdates denied in account ${ACCOUNT}`,
      );
      // A medium check that is unknown does not make the cluster incomplete.
      expect(clusterNamed(out, 'c').verdict).toBe('compliant');
    });

    it('eks:DescribeUpdate denied makes secrets-rewritten unknown', async () => {
      const out = await harness.evaluate(
        failing({
          action: 'eks:DescribeUpdate',
          errorName: 'AccessDeniedException',
        }),
      );
      const check = checkOf(out, 'c', 'secrets-rewritten');
      expect(check.status).toBe('unknown');
      expect(check.summary).toBe(
        `Not verified: eks:DescribeUpdate denied in account ${ACCOUNT}`,
      );
      expect(remediationText(check)).toContain(`--update-id ${UPDATE_ID}`);
    });

    it('a key that does not exist fails key-usable', async () => {
      const out = await harness.evaluate(
        failing({ action: 'kms:DescribeKey', errorName: 'NotFoundException' }),
      );
      const check = checkOf(out, 'c', 'key-usable');
      expect(check.status).toBe('fail');
      expect(check.summary).toBe(
        `The KMS key ${keyArnOf(
          key,
        )} does not exist: the cluster cannot decrypt its Secrets`,
      );
      expect(checkOf(out, 'c', 'key-rotation').status).toBe('unknown');
      expect(clusterNamed(out, 'c').verdict).toBe('non-compliant');
    });

    it('a cluster that does not exist is an error: cluster not found', async () => {
      const out = await harness.evaluate(
        failing({
          action: 'eks:DescribeCluster',
          errorName: 'ResourceNotFoundException',
        }),
      );
      const evaluation = clusterNamed(out, 'c');
      expect(evaluation.verdict).toBe('error');
      expect(evaluation.error).toBe(
        `cluster not found: no EKS cluster named c in account ${ACCOUNT}, region eu-west-1`,
      );
      expect(evaluation).toMatchObject({ score: 0, grade: 'F', checks: [] });
    });

    it('eks:DescribeCluster denied is an error naming the permission', async () => {
      const out = await harness.evaluate(
        failing({
          action: 'eks:DescribeCluster',
          errorName: 'AccessDeniedException',
        }),
      );
      const evaluation = clusterNamed(out, 'c');
      expect(evaluation.verdict).toBe('error');
      expect(evaluation.error).toMatch(
        new RegExp(`^eks:DescribeCluster denied in account ${ACCOUNT}`),
      );
    });

    it('any other eks:DescribeCluster failure is an error', async () => {
      const out = await harness.evaluate(
        failing({
          action: 'eks:DescribeCluster',
          errorName: 'ServerException',
          httpStatus: 500,
        }),
      );
      const evaluation = clusterNamed(out, 'c');
      expect(evaluation.verdict).toBe('error');
      expect(evaluation.error).toContain('ServerException');
    });

    it('an account without credentials is an error naming the account', async () => {
      const elsewhere = clusterFixture({
        name: 'far',
        accountId: OTHER_ACCOUNT,
      });
      const out = await harness.evaluate(
        fixture({ clusters: [cluster, elsewhere], keys: [key] }),
        { accounts: [ACCOUNT] },
      );
      const expected = {
        // The SDK source has no credentials for the account.
        sdk: `no AWS credentials for account ${OTHER_ACCOUNT}: add it under aws.accounts in app-config.yaml (accountId and the roleName of a read-only role), or set aws.accountDefaults.roleName`,
        // The snapshot holds nothing of the account.
        snapshot: expect.stringMatching(
          new RegExp(
            `^eks:DescribeCluster failed in account ${OTHER_ACCOUNT} .*account ${OTHER_ACCOUNT} is not in the snapshot`,
          ),
        ),
      }[kind];
      expect(clusterNamed(out, 'far')).toMatchObject({
        verdict: 'error',
        error: expected,
      });
      expect(clusterNamed(out, 'c').verdict).toBe('compliant');
    });

    it('a key in another account without credentials is unknown, never pass or fail', async () => {
      const foreignKey = keyFixture({
        keyId: KEY_ID,
        accountId: OTHER_ACCOUNT,
      });
      const user = clusterFixture({
        name: 'c',
        encryptionKeyRef: keyArnOf(foreignKey),
      });
      const out = await harness.evaluate(
        fixture({ clusters: [user], keys: [foreignKey] }),
        { accounts: [ACCOUNT] },
      );
      const summary = (id: CheckId) => checkOf(out, 'c', id).summary;
      const expected = {
        // DescribeKey and GetKeyRotationStatus work across accounts with the cluster
        // account's credentials; the key policy and tags need the key's own account.
        sdk: {
          statuses: allPassExcept({
            'key-policy': 'unknown',
            'ownership-tags': 'unknown',
          }),
          'key-policy': `Not verified: kms:GetKeyPolicy not called: no AWS credentials configured for account ${OTHER_ACCOUNT}`,
          'ownership-tags': `Not verified: kms:ListResourceTags not called: no AWS credentials configured for account ${OTHER_ACCOUNT}`,
        },
        // A snapshot without the key's account cannot describe the key at all.
        snapshot: {
          statuses: allPassExcept({
            'customer-managed-key': 'unknown',
            'key-usable': 'unknown',
            'key-rotation': 'unknown',
            'key-dedicated': 'unknown',
            'key-policy': 'unknown',
            'ownership-tags': 'unknown',
          }),
          'key-policy': `Not verified: kms:DescribeKey failed in account ${OTHER_ACCOUNT}`,
          'ownership-tags': `Not verified: kms:DescribeKey failed in account ${OTHER_ACCOUNT}`,
        },
      }[kind];
      expect({
        statuses: statuses(out),
        'key-policy': summary('key-policy'),
        'ownership-tags': summary('ownership-tags'),
      }).toEqual(expected);
    });

    it('names the credentials to add for a key policy in another account', async () => {
      const foreignKey = keyFixture({
        keyId: KEY_ID,
        accountId: OTHER_ACCOUNT,
      });
      const user = clusterFixture({
        name: 'c',
        encryptionKeyRef: keyArnOf(foreignKey),
      });
      const out = await harness.evaluate(
        fixture({
          clusters: [user],
          keys: [foreignKey],
          failures: [
            {
              action: 'kms:GetKeyPolicy',
              resource: keyArnOf(foreignKey),
              errorName: 'CredentialsProviderError',
              message: 'Could not load credentials from any providers',
            },
          ],
        }),
      );
      const check = checkOf(out, 'c', 'key-policy');
      expect(check.summary).toBe(
        `Not verified: kms:GetKeyPolicy not called: no AWS credentials configured for account ${OTHER_ACCOUNT}`,
      );
      expect(remediationText(check)).toContain(
        `- accountId: '${OTHER_ACCOUNT}'`,
      );
    });
  },
);
