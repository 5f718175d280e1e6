import {
  clusterFixture,
  defaultKeyPolicy,
  fixture,
  keyArnOf,
  keyFixture,
} from '../../__testUtils__/awsFixtures';
import {
  checkOf,
  remediationText,
  SOURCE_KINDS,
  SourceHarness,
} from '../__testUtils__/evaluationHarness';
import type { EvaluationPolicy } from '../types';
import type { JudgeContext } from './context';
import { judgeKeyPolicy } from './keyPolicy';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;

const withStatements = (...statements: Record<string, unknown>[]) => {
  const base = defaultKeyPolicy(ACCOUNT);
  return {
    ...base,
    Statement: [...(base.Statement as unknown[]), ...statements],
  };
};

describe.each(SOURCE_KINDS)('key-policy check (%s source)', kind => {
  const harness = new SourceHarness(kind);
  afterEach(() => harness.cleanup());

  /** One cluster `c` (role {@link ROLE} unless given) using a key with `policy`. */
  const run = async (
    policy: Record<string, unknown>,
    cluster: { accountId?: string; roleArn?: string } = {},
  ) => {
    const k = keyFixture({ keyId: KEY_ID, policy });
    const out = await harness.evaluate(
      fixture({
        clusters: [
          clusterFixture({
            name: 'c',
            encryptionKeyRef: keyArnOf(k),
            roleArn: ROLE,
            ...cluster,
          }),
        ],
        keys: [k],
      }),
    );
    return checkOf(out, 'c', 'key-policy');
  };

  it('passes for the AWS default key policy', async () => {
    const check = await run(defaultKeyPolicy(ACCOUNT));
    expect(check.status).toBe('pass');
    expect(check.severity).toBe('high');
    expect(check.remediation).toBeUndefined();
  });

  it('passes for the cluster role of another account using a central key', async () => {
    const role = `arn:aws:iam::${OTHER}:role/eks-cluster`;
    const check = await run(
      withStatements({
        Sid: 'ClusterRole',
        Effect: 'Allow',
        Principal: { AWS: role },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:CreateGrant'],
        Resource: '*',
      }),
      { accountId: OTHER, roleArn: role },
    );
    expect(check.status).toBe('pass');
    expect(check.details).toContain(`except the cluster role ${role}`);
  });

  it('fails for "*" without a pinning condition, naming the statement and how to fix it', async () => {
    const check = await run(
      withStatements({
        Sid: 'OpenDecrypt',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: {
          StringEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT },
          StringEquals: { 'kms:ViaService': 'eks.eu-west-1.amazonaws.com' },
        },
      }),
    );
    expect(check.status).toBe('fail');
    expect(check.summary).toBe(
      'Key policy Sid "OpenDecrypt" allows kms:Decrypt to every principal ("*") without a condition that pins the caller',
    );
    expect(check.details).toContain(
      'StringEqualsIfExists on aws:PrincipalAccount is also true when the key is missing',
    );
    expect(check.details).toContain(
      'kms:ViaService only names the AWS service',
    );
    expect(check.remediation?.steps).toContain(
      `Sid "OpenDecrypt": name the cluster role ${ROLE} instead of "*"; kms:Decrypt on this key should go to the cluster role alone.`,
    );
    const corrected = check.remediation?.snippets.find(
      s => s.title === 'Corrected statements (key policy JSON)',
    );
    expect(JSON.parse(corrected!.code)).toEqual([
      {
        Sid: 'OpenDecrypt',
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:ViaService': 'eks.eu-west-1.amazonaws.com' },
        },
      },
    ]);
    expect(remediationText(check)).toContain(
      `aws kms put-key-policy --region eu-west-1 --key-id ${keyArnOf(
        keyFixture({ keyId: KEY_ID }),
      )}`,
    );
  });

  it('pins "*" to the key account when the statement grants no sensitive action', async () => {
    const check = await run(
      withStatements({
        Sid: 'Describe',
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:DescribeKey',
        Resource: '*',
      }),
    );
    expect(check.status).toBe('fail');
    const corrected = check.remediation?.snippets.find(
      s => s.title === 'Corrected statements (key policy JSON)',
    );
    expect(JSON.parse(corrected!.code)).toEqual([
      {
        Sid: 'Describe',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
      },
    ]);
  });

  it('fails for NotPrincipal with Allow, naming the statement by index', async () => {
    const check = await run(
      withStatements({
        Effect: 'Allow',
        NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/intruder` },
        Action: 'kms:Encrypt',
        Resource: '*',
      }),
    );
    expect(check.status).toBe('fail');
    expect(check.summary).toBe(
      `Key policy statement at index 1 allows kms:Encrypt through NotPrincipal, that is to every principal of every account except arn:aws:iam::${ACCOUNT}:role/intruder`,
    );
    expect(check.remediation?.steps.join('\n')).toContain(
      'statement at index 1: replace NotPrincipal with a Principal',
    );
  });

  it('fails before it warns, listing every finding in the details', async () => {
    const check = await run(
      withStatements(
        {
          Sid: 'Cross',
          Effect: 'Allow',
          Principal: { AWS: OTHER },
          Action: 'kms:DescribeKey',
          Resource: '*',
        },
        {
          Sid: 'Open',
          Effect: 'Allow',
          Principal: '*',
          NotAction: 'kms:ScheduleKeyDeletion',
          Resource: '*',
        },
      ),
    );
    expect(check.status).toBe('fail');
    expect(check.summary).toMatch(
      /^Key policy Sid "Open" allows every action except kms:ScheduleKeyDeletion to every principal/,
    );
    expect(check.details).toContain(
      `Sid "Cross" grants kms:DescribeKey to ${OTHER} in another account (${OTHER}).`,
    );
  });

  it('warns for the root of another account', async () => {
    const check = await run(
      withStatements({
        Sid: 'Cross',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
        Action: 'kms:Decrypt',
        Resource: '*',
      }),
    );
    expect(check.status).toBe('warn');
    expect(check.summary).toBe(
      `Key policy Sid "Cross" grants kms:Decrypt to arn:aws:iam::${OTHER}:root in another account (${OTHER})`,
    );
    expect(check.remediation?.steps.join('\n')).toContain(
      `Sid "Cross": remove arn:aws:iam::${OTHER}:root unless that account must use this key`,
    );
    expect(check.remediation?.steps.join('\n')).toContain(
      'Sid "Cross": no principal is left, so delete the statement.',
    );
  });

  it('warns for kms:Decrypt to a role of the key account, proposing the cluster role', async () => {
    const check = await run(
      withStatements({
        Sid: 'App',
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/app`, ROLE] },
        Action: ['kms:Encrypt', 'kms:Decrypt'],
        Resource: '*',
      }),
    );
    expect(check.status).toBe('warn');
    expect(check.summary).toBe(
      `Key policy Sid "App" allows kms:Decrypt to AWS arn:aws:iam::${ACCOUNT}:role/app, which is neither the account root nor the cluster role`,
    );
    const corrected = check.remediation?.snippets.find(
      s => s.title === 'Corrected statements (key policy JSON)',
    );
    expect(JSON.parse(corrected!.code)[0].Principal).toEqual({ AWS: ROLE });
  });

  it('passes for key administrators without cryptographic use', async () => {
    const check = await run(
      withStatements({
        Sid: 'Admins',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` },
        Action: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:Revoke*'],
        Resource: '*',
      }),
    );
    expect(check.status).toBe('pass');
  });

  it('is unknown for a policy of the wrong shape', async () => {
    const check = await run({
      Statement: [{ effect: 'Allow', Principal: '*', Action: 'kms:*' }],
    });
    expect(check.status).toBe('unknown');
    expect(check.summary).toBe(
      `Not verified: kms:GetKeyPolicy in account ${ACCOUNT} returned a policy that could not be parsed`,
    );
    expect(check.details).toContain(
      'kms:GetKeyPolicy returned a policy that could not be parsed: statement at index 0 has the element "effect", which IAM does not define (IAM spells it "Effect": names are case-sensitive)',
    );
  });
});

describe('judgeKeyPolicy', () => {
  it('is unknown, never pass, for a policy that is not JSON', () => {
    const keyArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY_ID}`;
    const ctx = {
      target: { cluster: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/c` },
      cluster: {
        arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/c`,
        partition: 'aws',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        name: 'c',
      },
      eks: {
        arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/c`,
        name: 'c',
        roleArn: ROLE,
        encryptionKeyRefs: [keyArn],
        healthIssues: [],
        tags: {},
      },
      state: 'kms-key',
      keyRef: keyArn,
      key: {
        ref: keyArn,
        metadata: {
          ok: true,
          value: { arn: keyArn, keyId: KEY_ID, accountId: ACCOUNT },
        },
        location: { accountId: ACCOUNT, region: 'eu-west-1' },
        rotation: { ok: true, value: { enabled: true } },
        policy: { ok: true, value: '{"Version": "2012-10-17", "Statement": [' },
      },
      policy: {} as EvaluationPolicy,
      now: new Date('2025-01-10T12:00:00.000Z'),
    } as unknown as JudgeContext;
    const check = judgeKeyPolicy(ctx);
    expect(check.status).toBe('unknown');
    expect(check.details).toMatch(
      /^kms:GetKeyPolicy returned a policy that could not be parsed: not valid JSON \(/,
    );
    expect(check.remediation?.snippets[0].code).toContain(
      `aws kms get-key-policy --region eu-west-1 --key-id ${keyArn}`,
    );
  });
});
