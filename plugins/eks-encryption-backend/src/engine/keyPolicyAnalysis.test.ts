import { analyzeKeyPolicy, type KeyPolicyFinding } from './keyPolicy';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;
const ROOT = {
  Sid: 'Root',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
};

function analyze(...statements: unknown[]) {
  return analyzeKeyPolicy(
    JSON.stringify({ Version: '2012-10-17', Statement: [ROOT, ...statements] }),
    { keyAccountId: ACCOUNT, clusterRoleArn: ROLE },
  );
}

function findings(...statements: unknown[]): KeyPolicyFinding[] {
  const result = analyze(...statements);
  if (!result.ok) throw new Error(result.error);
  return result.findings;
}

const wildcard = (extra: Record<string, unknown> = {}) => ({
  Sid: 'Wild',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: ['kms:Encrypt', 'kms:DescribeKey'],
  Resource: '*',
  ...extra,
});

describe('analyzeKeyPolicy', () => {
  it('accepts the default policy and use by the cluster role', () => {
    expect(
      findings({
        Effect: 'Allow',
        Principal: { AWS: [ROLE] },
        Action: ['kms:Decrypt', 'kms:CreateGrant'],
        Resource: '*',
      }),
    ).toEqual([]);
    expect(findings({ ...ROOT, Principal: { AWS: ACCOUNT } })).toEqual([]);
  });

  it.each([
    ['"*"', { Principal: '*' }],
    ['{"AWS":"*"}', { Principal: { AWS: '*' } }],
    ['{"AWS":["*"]}', { Principal: { AWS: ['*'] } }],
  ])('fails a wildcard principal %s without a condition', (_, principal) => {
    expect(findings(wildcard(principal))).toEqual([
      {
        level: 'fail',
        statement: 'Sid "Wild"',
        reason:
          'allows kms:Encrypt, kms:DescribeKey to every principal ("*") without a condition pinning the caller with a concrete aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn, kms:CallerAccount or aws:SourceAccount',
      },
    ]);
  });

  it.each([
    [
      'aws:PrincipalAccount',
      { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    ],
    [
      'aws:PrincipalOrgID',
      { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    ],
    [
      'aws:PrincipalArn with a concrete account',
      { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/*` } },
    ],
    ['kms:CallerAccount', { StringEquals: { 'kms:CallerAccount': [ACCOUNT] } }],
    ['aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': ACCOUNT } }],
    [
      'a key name in another case',
      { StringEquals: { 'AWS:PRINCIPALACCOUNT': ACCOUNT } },
    ],
    [
      'ForAnyValue',
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    ],
    [
      'kms:ViaService together with kms:CallerAccount',
      {
        StringEquals: {
          'kms:ViaService': 'eks.eu-west-1.amazonaws.com',
          'kms:CallerAccount': ACCOUNT,
        },
      },
    ],
  ])('accepts a wildcard principal pinned by %s', (_, condition) => {
    expect(findings(wildcard({ Condition: condition }))).toEqual([]);
  });

  it.each([
    [
      'kms:ViaService alone',
      { StringEquals: { 'kms:ViaService': 'eks.eu-west-1.amazonaws.com' } },
      'kms:ViaService only names the AWS service the call comes through, not the caller',
    ],
    [
      'a "*" value',
      { StringLike: { 'aws:PrincipalAccount': '*' } },
      'aws:PrincipalAccount is compared with a wildcard or non-concrete value ("*")',
    ],
    [
      'a partial account',
      { StringLike: { 'kms:CallerAccount': '1111*' } },
      'kms:CallerAccount is compared with a wildcard or non-concrete value ("1111*")',
    ],
    [
      'a principal ARN in any account',
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } },
      'aws:PrincipalArn is compared with a wildcard or non-concrete value ("arn:aws:iam::*:role/admin")',
    ],
    [
      'an organisation id with a wildcard',
      { StringLike: { 'aws:PrincipalOrgID': 'o-*' } },
      'aws:PrincipalOrgID is compared with a wildcard or non-concrete value ("o-*")',
    ],
    [
      'an …IfExists operator',
      { StringEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT } },
      'StringEqualsIfExists on aws:PrincipalAccount also matches callers without the key',
    ],
    [
      'ForAllValues',
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      'ForAllValues:StringEquals on aws:PrincipalOrgID also matches callers without the key',
    ],
    [
      'a negated operator',
      { StringNotEquals: { 'aws:PrincipalAccount': OTHER } },
      'StringNotEquals on aws:PrincipalAccount does not pin a value',
    ],
  ])(
    'fails a wildcard principal restricted only by %s',
    (_, condition, why) => {
      const [finding] = findings(wildcard({ Condition: condition }));
      expect(finding.level).toBe('fail');
      expect(finding.reason).toContain(`(${why})`);
    },
  );

  it('names a statement without Sid by its index', () => {
    const [finding] = findings({ ...wildcard(), Sid: undefined });
    expect(finding.statement).toBe('statement at index 1');
  });

  it('ignores wildcard principals in Deny statements', () => {
    expect(
      findings({
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ).toEqual([]);
  });

  it('warns for NotPrincipal in any statement', () => {
    expect(
      findings({
        Sid: 'AllButRoot',
        Effect: 'Deny',
        NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:ScheduleKeyDeletion',
        Resource: '*',
      }),
    ).toEqual([
      {
        level: 'warn',
        statement: 'Sid "AllButRoot"',
        reason:
          'uses NotPrincipal with Deny, which applies to every principal except the ones listed, including other accounts',
      },
    ]);
  });

  it.each([
    [`arn:aws:iam::${OTHER}:root`],
    [OTHER],
    [`arn:aws:iam::${OTHER}:role/reader`],
  ])('warns for a grant to %s in another account', principal => {
    expect(
      findings({
        Sid: 'Cross',
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: 'kms:DescribeKey',
        Resource: '*',
      }),
    ).toEqual([
      {
        level: 'warn',
        statement: 'Sid "Cross"',
        reason: `grants kms:DescribeKey to ${principal} in another account (${OTHER})`,
      },
    ]);
  });

  it('warns for a wildcard pinned to another account', () => {
    expect(
      findings(
        wildcard({
          Action: 'kms:DescribeKey',
          Condition: { StringEquals: { 'aws:PrincipalAccount': OTHER } },
        }),
      ),
    ).toEqual([
      {
        level: 'warn',
        statement: 'Sid "Wild"',
        reason: `allows kms:DescribeKey to principals of other accounts (${OTHER}) through "*" with aws:PrincipalAccount = ${OTHER}`,
      },
    ]);
  });

  it.each([
    ['kms:Decrypt', 'kms:Decrypt'],
    ['kms:*', 'kms:Decrypt and kms:CreateGrant'],
    ['kms:Create*', 'kms:CreateGrant'],
    ['KMS:DECRYPT', 'kms:Decrypt'],
  ])(
    'warns when %s reaches a principal other than the root or the cluster role',
    (action, sensitive) => {
      expect(
        findings({
          Sid: 'Admin',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` },
          Action: action,
          Resource: '*',
        }),
      ).toEqual([
        {
          level: 'warn',
          statement: 'Sid "Admin"',
          reason: `allows ${sensitive} to AWS arn:aws:iam::${ACCOUNT}:role/admin, which is neither the account root nor the cluster role`,
        },
      ]);
    },
  );

  it('warns for kms:Decrypt through NotAction and to a service principal', () => {
    const result = findings(
      {
        Sid: 'AllButEncrypt',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
        NotAction: 'kms:Encrypt',
        Resource: '*',
      },
      {
        Sid: 'Service',
        Effect: 'Allow',
        Principal: { Service: 'logs.amazonaws.com' },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    );
    expect(result.map(f => [f.statement, f.level])).toEqual([
      ['Sid "AllButEncrypt"', 'warn'],
      ['Sid "Service"', 'warn'],
    ]);
    expect(result[0].reason).toBe(
      `allows kms:Decrypt and kms:CreateGrant to AWS arn:aws:iam::${ACCOUNT}:role/app, which is neither the account root nor the cluster role`,
    );
  });

  it('does not warn for harmless actions to other principals of the account', () => {
    expect(
      findings({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/auditor` },
        Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:List*'],
        Resource: '*',
      }),
    ).toEqual([]);
  });

  it('warns for sensitive actions to a wildcard pinned to our account', () => {
    const [finding] = findings(
      wildcard({
        Action: 'kms:Decrypt',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } },
      }),
    );
    expect(finding).toEqual({
      level: 'warn',
      statement: 'Sid "Wild"',
      reason: `allows kms:Decrypt to every principal matching kms:CallerAccount = ${ACCOUNT}, not only the account root or the cluster role`,
    });
  });

  it.each([
    ['not JSON', '{', 'the key policy is not valid JSON'],
    [
      'no Statement',
      '{"Version":"2012-10-17"}',
      'the key policy has no Statement',
    ],
    [
      'a statement that is not an object',
      '{"Statement":["x"]}',
      'the statement at index 0 is not an object',
    ],
    [
      'a statement without Effect',
      '{"Statement":[{"Principal":"*"}]}',
      'statement at index 0 has no valid Effect',
    ],
    [
      'a malformed principal',
      '{"Statement":[{"Effect":"Allow","Principal":"someone","Action":"kms:*"}]}',
      'statement at index 0 has a malformed Principal or Action',
    ],
  ])('cannot analyse %s', (_, document, error) => {
    const result = analyzeKeyPolicy(document, { keyAccountId: ACCOUNT });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });

  it('reads a single statement object', () => {
    const result = analyzeKeyPolicy(JSON.stringify({ Statement: wildcard() }), {
      keyAccountId: ACCOUNT,
    });
    expect(result.ok && result.findings.map(f => f.level)).toEqual(['fail']);
  });
});
