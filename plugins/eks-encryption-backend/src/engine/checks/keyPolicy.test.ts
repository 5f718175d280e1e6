import { defaultKeyPolicy } from '../../__testUtils__/awsEstate';
import {
  ACCOUNT,
  awsFailure,
  checkContext,
  KEY_ARN,
  OTHER_ACCOUNT as OTHER,
  remediationText,
  resolvedKey,
} from './__testUtils__/checkContext';
import { keyPolicyCheck } from './keyPolicy';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;

const withStatements = (...statements: Record<string, unknown>[]) => {
  const base = defaultKeyPolicy(ACCOUNT);
  return {
    ...base,
    Statement: [...(base.Statement as unknown[]), ...statements],
  };
};

/** Judges cluster `c` (role {@link ROLE} unless given) whose key has `policy`. */
const run = (
  policy: Record<string, unknown> | string,
  cluster: { accountId?: string; roleArn?: string } = {},
) =>
  keyPolicyCheck.judge(
    checkContext({
      ...(cluster.accountId ? { accountId: cluster.accountId } : {}),
      eks: { roleArn: cluster.roleArn ?? ROLE },
      key: resolvedKey({ policy }),
    }),
  );

describe('key-policy check', () => {
  it('is a high check', () => {
    expect(keyPolicyCheck).toMatchObject({
      id: 'key-policy',
      severity: 'high',
    });
  });

  it('passes for the AWS default key policy', () => {
    const check = run(defaultKeyPolicy(ACCOUNT));
    expect(check.status).toBe('pass');
    expect(check.remediation).toBeUndefined();
  });

  it('passes for the default policy plus use by the cluster role', () => {
    const check = run(
      withStatements({
        Sid: 'ClusterRole',
        Effect: 'Allow',
        Principal: { AWS: ROLE },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:CreateGrant'],
        Resource: '*',
      }),
    );
    expect(check.status).toBe('pass');
    expect(check.details).toContain(`except the cluster role ${ROLE}`);
  });

  it('passes for the cluster role of another account using a central key', () => {
    const role = `arn:aws:iam::${OTHER}:role/eks-cluster`;
    const check = run(
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

  it('warns for a grant to another account', () => {
    const check = run(
      withStatements({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
        Action: 'kms:DescribeKey',
        Resource: '*',
      }),
    );
    expect(check.status).toBe('warn');
    expect(check.summary).toBe(
      `Key policy statement at index 1 grants kms:DescribeKey to arn:aws:iam::${OTHER}:root in another account (${OTHER})`,
    );
  });

  it('fails for "*" without a pinning condition, naming the statement and how to fix it', () => {
    const check = run(
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
      `aws kms put-key-policy --region eu-west-1 --key-id ${KEY_ARN}`,
    );
  });

  it('pins "*" to the key account when the statement grants no sensitive action', () => {
    const check = run(
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

  it('fails for NotPrincipal with Allow, naming the statement by index', () => {
    const check = run(
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

  it('fails before it warns, listing every finding in the details', () => {
    const check = run(
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

  it('warns for the root of another account', () => {
    const check = run(
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

  it('warns for kms:Decrypt to a role of the key account, proposing the cluster role', () => {
    const check = run(
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

  it('passes for key administrators without cryptographic use', () => {
    const check = run(
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

  it('is unknown for a policy of the wrong shape', () => {
    const check = run({
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

  it('is unknown for a policy without statements', () => {
    const check = run({ Version: '2012-10-17' });
    expect(check.status).toBe('unknown');
    expect(check.details).toContain(
      'kms:GetKeyPolicy returned a policy that could not be parsed: the policy has no Statement',
    );
  });

  it('is unknown, never pass, for a policy that is not JSON', () => {
    const check = run('{"Version": "2012-10-17", "Statement": [');
    expect(check.status).toBe('unknown');
    expect(check.details).toMatch(
      /^kms:GetKeyPolicy returned a policy that could not be parsed: not valid JSON \(/,
    );
    expect(check.remediation?.snippets[0].code).toContain(
      `aws kms get-key-policy --region eu-west-1 --key-id ${KEY_ARN}`,
    );
  });

  it('is unknown when the policy cannot be read, naming the account', () => {
    const check = keyPolicyCheck.judge(
      checkContext({
        key: resolvedKey({ policy: awsFailure('kms:GetKeyPolicy') }),
      }),
    );
    expect(check.status).toBe('unknown');
    expect(check.summary).toBe(
      `Not verified: kms:GetKeyPolicy denied in account ${ACCOUNT}`,
    );
    expect(check.details).toContain("the key's own account");
  });

  it('is not applicable without a key', () => {
    expect(keyPolicyCheck.judge(checkContext({ key: 'none' })).status).toBe(
      'not-applicable',
    );
  });
});
