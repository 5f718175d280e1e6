import {
  analyzeKeyPolicy,
  type KeyPolicyAnalysis,
  type KeyPolicyFindingKind,
} from './keyPolicyAnalysis';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;
const ROOT = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
};
/** The key administrators statement of the AWS console's default key policy. */
const ADMINS = {
  Sid: 'Allow access for Key Administrators',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` },
  Action: [
    'kms:Create*',
    'kms:Describe*',
    'kms:Enable*',
    'kms:List*',
    'kms:Put*',
    'kms:Update*',
    'kms:Revoke*',
    'kms:Disable*',
    'kms:Get*',
    'kms:Delete*',
    'kms:TagResource',
    'kms:UntagResource',
    'kms:ScheduleKeyDeletion',
    'kms:CancelKeyDeletion',
    'kms:RotateKeyOnDemand',
  ],
  Resource: '*',
};

type Verdict = 'pass' | 'warn' | 'fail' | 'unknown';

function verdict(analysis: KeyPolicyAnalysis): Verdict {
  if (!analysis.ok) return 'unknown';
  if (analysis.findings.some(f => f.level === 'fail')) return 'fail';
  return analysis.findings.length ? 'warn' : 'pass';
}

/** A statement under test, Sid "Test", after the root statement (index 1). */
const stmt = (extra: Record<string, unknown>) => ({
  Sid: 'Test',
  Effect: 'Allow',
  Action: ['kms:Encrypt', 'kms:DescribeKey'],
  Resource: '*',
  ...extra,
});
const wildcard = (Condition?: Record<string, unknown>) =>
  stmt({ Principal: { AWS: '*' }, ...(Condition ? { Condition } : {}) });
const policy = (...statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [ROOT, ...statements] });

interface Case {
  /** The policy document, or statements added after the root statement. */
  document: string | Record<string, unknown>[];
  verdict: Verdict;
  /** The only finding expected (for fail/warn), or part of the error (unknown). */
  finding?: { statement?: string; kind: KeyPolicyFindingKind; reason?: string };
  error?: string;
  clusterRoleArn?: string;
}

const cases: Record<string, Case> = {
  // --- what passes
  'the AWS default key policy (root of its own account only)': {
    document: [],
    verdict: 'pass',
  },
  'the root as a bare account id': {
    document: [stmt({ Principal: { AWS: ACCOUNT }, Action: 'kms:*' })],
    verdict: 'pass',
  },
  'the cluster role with kms:Decrypt and kms:CreateGrant': {
    document: [
      stmt({
        Principal: { AWS: ROLE },
        Action: ['kms:Decrypt', 'kms:CreateGrant'],
      }),
    ],
    verdict: 'pass',
  },
  'an admin-only statement (AWS console key administrators)': {
    document: [ADMINS],
    verdict: 'pass',
  },
  'harmless actions to another role of the account': {
    document: [
      stmt({
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/auditor` },
        Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:List*'],
      }),
    ],
    verdict: 'pass',
  },
  'the cluster role in another account (central key account)': {
    document: [
      stmt({
        Principal: { AWS: `arn:aws:iam::${OTHER}:role/eks-cluster` },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:CreateGrant'],
      }),
    ],
    clusterRoleArn: `arn:aws:iam::${OTHER}:role/eks-cluster`,
    verdict: 'pass',
  },
  'Deny with "*" and NotPrincipal is ignored': {
    document: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:ScheduleKeyDeletion',
        Resource: '*',
      },
    ],
    verdict: 'pass',
  },
  'wildcard + StringEquals aws:PrincipalAccount': {
    document: [wildcard({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT } })],
    verdict: 'pass',
  },
  'wildcard + StringEquals aws:PrincipalOrgID': {
    document: [
      wildcard({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
    ],
    verdict: 'pass',
  },
  'wildcard + ArnLike aws:PrincipalArn (wildcard after the account)': {
    document: [
      wildcard({
        ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app-*` },
      }),
    ],
    verdict: 'pass',
  },
  'wildcard + StringEquals kms:CallerAccount': {
    document: [wildcard({ StringEquals: { 'kms:CallerAccount': [ACCOUNT] } })],
    verdict: 'pass',
  },
  'wildcard + StringEquals aws:SourceAccount': {
    document: [wildcard({ StringEquals: { 'aws:SourceAccount': ACCOUNT } })],
    verdict: 'pass',
  },
  'wildcard + a pinning key in another case': {
    document: [
      wildcard({ StringEqualsIgnoreCase: { 'AWS:PRINCIPALACCOUNT': ACCOUNT } }),
    ],
    verdict: 'pass',
  },
  'wildcard + ForAnyValue:StringLike (false for a missing key)': {
    document: [
      wildcard({
        'ForAnyValue:StringLike': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
      }),
    ],
    verdict: 'pass',
  },
  'wildcard + kms:ViaService and kms:CallerAccount': {
    document: [
      wildcard({
        StringEquals: {
          'kms:ViaService': 'eks.eu-west-1.amazonaws.com',
          'kms:CallerAccount': ACCOUNT,
        },
      }),
    ],
    verdict: 'pass',
  },
  'wildcard pinned by aws:PrincipalArn to the cluster role, with kms:Decrypt': {
    document: [
      stmt({
        Principal: '*',
        Action: 'kms:Decrypt',
        Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE } },
      }),
    ],
    verdict: 'pass',
  },
  'a service principal pinned by aws:SourceAccount': {
    document: [
      stmt({
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      }),
    ],
    verdict: 'pass',
  },
  'a service principal pinned by aws:SourceArn': {
    document: [
      stmt({
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: {
          ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${ACCOUNT}:*` },
        },
      }),
    ],
    verdict: 'pass',
  },
  'principal as an array naming only the root and the cluster role': {
    document: [
      stmt({
        Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, ROLE] },
        Action: 'kms:Decrypt',
      }),
    ],
    verdict: 'pass',
  },
  'a single statement object instead of an array': {
    document: JSON.stringify({ Statement: ROOT }),
    verdict: 'pass',
  },

  // --- what fails
  'Principal "*" without a condition': {
    document: [stmt({ Principal: '*' })],
    verdict: 'fail',
    finding: {
      statement: 'Sid "Test"',
      kind: 'open-principal',
      reason:
        'allows kms:Encrypt, kms:DescribeKey to every principal ("*") without a condition that pins the caller',
    },
  },
  '{"AWS": "*"} without a condition': {
    document: [wildcard()],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  '{"AWS": ["*", …]} among named principals': {
    document: [stmt({ Principal: { AWS: [ROLE, '*'] } })],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'Principal as an array holding "*"': {
    document: [stmt({ Principal: ['*'] })],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'wildcard + kms:ViaService only': {
    document: [
      wildcard({
        StringEquals: { 'kms:ViaService': 'eks.eu-west-1.amazonaws.com' },
      }),
    ],
    verdict: 'fail',
    finding: {
      kind: 'open-principal',
      reason: 'kms:ViaService only names the AWS service',
    },
  },
  'wildcard + StringEqualsIfExists': {
    document: [
      wildcard({ StringEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT } }),
    ],
    verdict: 'fail',
    finding: {
      kind: 'open-principal',
      reason:
        'StringEqualsIfExists on aws:PrincipalAccount is also true when the key is missing',
    },
  },
  'wildcard + ArnLikeIfExists under ForAnyValue': {
    document: [
      wildcard({
        'ForAnyValue:ArnLikeIfExists': { 'aws:PrincipalArn': ROLE },
      }),
    ],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'wildcard + StringNotEquals': {
    document: [
      wildcard({ StringNotEquals: { 'aws:PrincipalAccount': OTHER } }),
    ],
    verdict: 'fail',
    finding: {
      kind: 'open-principal',
      reason: 'StringNotEquals on aws:PrincipalAccount does not pin a value',
    },
  },
  'wildcard + ForAllValues:StringEquals (true for a missing key)': {
    document: [
      wildcard({
        'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
      }),
    ],
    verdict: 'fail',
    finding: {
      kind: 'open-principal',
      reason: 'is also true when the key is missing or empty',
    },
  },
  'wildcard + aws:PrincipalAccount "*"': {
    document: [wildcard({ StringLike: { 'aws:PrincipalAccount': '*' } })],
    verdict: 'fail',
    finding: {
      kind: 'open-principal',
      reason:
        'aws:PrincipalAccount is compared with a wildcard or non-concrete value ("*")',
    },
  },
  'wildcard + kms:CallerAccount "1111*"': {
    document: [wildcard({ StringLike: { 'kms:CallerAccount': '1111*' } })],
    verdict: 'fail',
    finding: { kind: 'open-principal', reason: '("1111*")' },
  },
  'wildcard + aws:PrincipalArn in any account': {
    document: [
      wildcard({
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' },
      }),
    ],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'wildcard + aws:PrincipalOrgID "o-*"': {
    document: [wildcard({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } })],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'wildcard + a condition that pins nothing (aws:SecureTransport)': {
    document: [wildcard({ Bool: { 'aws:SecureTransport': 'true' } })],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'wildcard + aws:SourceArn (pins only a service principal)': {
    document: [
      wildcard({
        ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${ACCOUNT}:*` },
      }),
    ],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'NotPrincipal with Allow': {
    document: [stmt({ NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })],
    verdict: 'fail',
    finding: {
      kind: 'not-principal',
      reason: `through NotPrincipal, that is to every principal of every account except arn:aws:iam::${ACCOUNT}:root`,
    },
  },
  'NotAction with Allow to "*"': {
    document: [
      {
        Sid: 'Test',
        Effect: 'Allow',
        Principal: '*',
        NotAction: 'kms:ScheduleKeyDeletion',
        Resource: '*',
      },
    ],
    verdict: 'fail',
    finding: {
      kind: 'open-principal',
      reason:
        'allows every action except kms:ScheduleKeyDeletion to every principal',
    },
  },
  'a service principal without a condition (confused deputy)': {
    document: [stmt({ Principal: { Service: 'logs.amazonaws.com' } })],
    verdict: 'fail',
    finding: {
      kind: 'open-principal',
      reason: 'to the service principal logs.amazonaws.com without a condition',
    },
  },
  'a web identity provider as Federated principal': {
    document: [stmt({ Principal: { Federated: 'accounts.google.com' } })],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },
  'a partial wildcard in a principal ARN': {
    document: [stmt({ Principal: { AWS: 'arn:aws:iam::*:root' } })],
    verdict: 'fail',
    finding: { kind: 'open-principal' },
  },

  // --- what warns
  "another account's root": {
    document: [stmt({ Principal: { AWS: `arn:aws:iam::${OTHER}:root` } })],
    verdict: 'warn',
    finding: {
      statement: 'Sid "Test"',
      kind: 'other-account',
      reason: `grants kms:Encrypt, kms:DescribeKey to arn:aws:iam::${OTHER}:root in another account (${OTHER})`,
    },
  },
  'another account as a bare id': {
    document: [stmt({ Principal: { AWS: OTHER } })],
    verdict: 'warn',
    finding: { kind: 'other-account' },
  },
  'a role in another account that is not the cluster role': {
    document: [
      stmt({ Principal: { AWS: `arn:aws:iam::${OTHER}:role/eks-cluster` } }),
    ],
    verdict: 'warn',
    finding: { kind: 'other-account' },
  },
  'wildcard pinned to another account': {
    document: [wildcard({ StringEquals: { 'aws:PrincipalAccount': OTHER } })],
    verdict: 'warn',
    finding: {
      kind: 'other-account',
      reason: `for other accounts (${OTHER}) with aws:PrincipalAccount = ${OTHER}`,
    },
  },
  'a role of the own account with kms:Decrypt': {
    document: [
      stmt({
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
        Action: 'kms:Decrypt',
      }),
    ],
    verdict: 'warn',
    finding: {
      statement: 'Sid "Test"',
      kind: 'in-account-use',
      reason: `allows kms:Decrypt to AWS arn:aws:iam::${ACCOUNT}:role/app, which is neither the account root nor the cluster role`,
    },
  },
  'a role of the own account with kms:*': {
    document: [
      stmt({
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
        Action: 'kms:*',
      }),
    ],
    verdict: 'warn',
    finding: {
      kind: 'in-account-use',
      reason: 'allows kms:Decrypt, kms:CreateGrant and kms:ReEncryptFrom to',
    },
  },
  'a user of the own account with "*" as action': {
    document: [
      stmt({
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/ops` },
        Action: '*',
      }),
    ],
    verdict: 'warn',
    finding: { kind: 'in-account-use' },
  },
  'a role of the own account with kms:De* (expands to kms:Decrypt)': {
    document: [
      stmt({
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
        Action: 'KMS:DE*',
      }),
    ],
    verdict: 'warn',
    finding: { kind: 'in-account-use', reason: 'allows kms:Decrypt to' },
  },
  'a role of the own account with kms:CreateGrant next to admin actions': {
    document: [
      {
        ...ADMINS,
        Sid: 'Test',
        Action: [...ADMINS.Action, 'kms:CreateGrant'],
      },
    ],
    verdict: 'warn',
    finding: { kind: 'in-account-use', reason: 'allows kms:CreateGrant to' },
  },
  'a role of the own account with NotAction (grants kms:Decrypt)': {
    document: [
      {
        Sid: 'Test',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` },
        NotAction: 'kms:Encrypt',
        Resource: '*',
      },
    ],
    verdict: 'warn',
    finding: { kind: 'in-account-use' },
  },
  'wildcard pinned to the own account with kms:Decrypt': {
    document: [
      stmt({
        Principal: '*',
        Action: 'kms:Decrypt',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } },
      }),
    ],
    verdict: 'warn',
    finding: {
      kind: 'in-account-use',
      reason: `allows kms:Decrypt to every principal ("*") with kms:CallerAccount = ${ACCOUNT}, not only the account root or the cluster role`,
    },
  },
  'a service principal with kms:Decrypt for the own account': {
    document: [
      stmt({
        Principal: { Service: 'logs.amazonaws.com' },
        Action: 'kms:Decrypt',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      }),
    ],
    verdict: 'warn',
    finding: { kind: 'in-account-use' },
  },
  'a canonical user': {
    document: [stmt({ Principal: { CanonicalUser: 'a1b2c3' } })],
    verdict: 'warn',
    finding: { kind: 'unidentified-principal' },
  },
  'the unique id of a deleted role': {
    document: [stmt({ Principal: { AWS: 'AROAEXAMPLEID12345678' } })],
    verdict: 'warn',
    finding: { kind: 'unidentified-principal' },
  },
  'a statement without Sid is named by its index': {
    document: [{ ...wildcard(), Sid: undefined }],
    verdict: 'fail',
    finding: { statement: 'statement at index 1', kind: 'open-principal' },
  },

  // --- what cannot be judged
  'a document that is not JSON': {
    document: '{',
    verdict: 'unknown',
    error: 'not valid JSON',
  },
  'a document that is not an object': {
    document: '[]',
    verdict: 'unknown',
    error: 'the policy is not a JSON object',
  },
  'a policy without Statement': {
    document: '{"Version":"2012-10-17"}',
    verdict: 'unknown',
    error: 'the policy has no Statement',
  },
  'a Statement that is a string': {
    document: '{"Statement":"x"}',
    verdict: 'unknown',
    error: 'the Statement is neither an object nor an array',
  },
  'a statement that is not an object': {
    document: '{"Statement":["x"]}',
    verdict: 'unknown',
    error: 'the statement at index 0 is not an object',
  },
  'a statement without Effect': {
    document: '{"Statement":[{"Principal":"*","Action":"kms:*"}]}',
    verdict: 'unknown',
    error: 'statement at index 0 has no valid Effect',
  },
  'Effect in lower case ("allow")': {
    document:
      '{"Statement":[{"Effect":"allow","Principal":"*","Action":"kms:*"}]}',
    verdict: 'unknown',
    error: 'IAM accepts exactly "Allow" or "Deny"',
  },
  'an element name in lower case ("effect")': {
    document:
      '{"Statement":[{"effect":"Allow","Principal":"*","Action":"kms:*"}]}',
    verdict: 'unknown',
    error:
      'has the element "effect", which IAM does not define (IAM spells it "Effect"',
  },
  'a principal type in lower case ("aws")': {
    document: policy(stmt({ Principal: { aws: '*' } })),
    verdict: 'unknown',
    error: 'IAM spells it "AWS"',
  },
  'a principal that is neither "*" nor a map': {
    document: policy(stmt({ Principal: 'someone' })),
    verdict: 'unknown',
    error: 'Sid "Test" Principal must be "*" or a map',
  },
  'a statement without Action or NotAction': {
    document: policy({ Effect: 'Allow', Principal: '*', Resource: '*' }),
    verdict: 'unknown',
    error: 'must have exactly one of Action and NotAction',
  },
  'an action that is not a string': {
    document: policy(stmt({ Principal: '*', Action: [1] })),
    verdict: 'unknown',
    error: 'Action must be a string or a non-empty array of strings',
  },
  'a condition block that is not an object': {
    document: policy(
      stmt({ Principal: '*', Condition: { StringEquals: 'x' } }),
    ),
    verdict: 'unknown',
    error: 'Condition operator StringEquals must map keys to values',
  },
  'a statement without Principal': {
    document: policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
    verdict: 'unknown',
    error: 'must have exactly one of Principal and NotPrincipal',
  },
};

describe('analyzeKeyPolicy', () => {
  it.each(Object.entries(cases))('%s', (_, c) => {
    const document =
      typeof c.document === 'string' ? c.document : policy(...c.document);
    const analysis = analyzeKeyPolicy(document, {
      keyAccountId: ACCOUNT,
      clusterRoleArn: c.clusterRoleArn ?? ROLE,
    });
    expect(verdict(analysis)).toBe(c.verdict);
    const error = analysis.ok ? '' : analysis.error;
    expect(error).toContain(c.error ?? '');
    const findings = analysis.ok ? analysis.findings : [];
    expect(findings).toHaveLength(c.finding ? 1 : 0);
    const [f] = findings;
    expect({ kind: f?.kind, level: f?.level }).toEqual({
      kind: c.finding?.kind,
      level: c.finding && c.verdict,
    });
    expect(f?.statement).toBe(c.finding?.statement ?? f?.statement);
    expect(f ? `${f.reason} ${f.why ?? ''}` : '').toContain(
      c.finding?.reason ?? '',
    );
  });

  it('reports every failing and warning statement, each named', () => {
    const analysis = analyzeKeyPolicy(
      policy(
        wildcard(),
        stmt({ Sid: 'Cross', Principal: { AWS: OTHER } }),
        stmt({ Sid: undefined, NotPrincipal: { AWS: ROLE } }),
      ),
      { keyAccountId: ACCOUNT, clusterRoleArn: ROLE },
    );
    expect(
      analysis.ok &&
        analysis.findings.map(f => [f.statement, f.level, f.kind, f.index]),
    ).toEqual([
      ['Sid "Test"', 'fail', 'open-principal', 1],
      ['Sid "Cross"', 'warn', 'other-account', 2],
      ['statement at index 3', 'fail', 'not-principal', 3],
    ]);
  });

  it('warns for the same role in another account without a cluster role to match', () => {
    const analysis = analyzeKeyPolicy(
      policy(
        stmt({ Principal: { AWS: `arn:aws:iam::${OTHER}:role/eks-cluster` } }),
      ),
      { keyAccountId: ACCOUNT },
    );
    expect(verdict(analysis)).toBe('warn');
  });

  it('names what the condition lacks when "*" is not pinned', () => {
    const analysis = analyzeKeyPolicy(
      policy(
        wildcard({
          StringEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT },
          StringEquals: { 'kms:ViaService': 'eks.eu-west-1.amazonaws.com' },
        }),
      ),
      { keyAccountId: ACCOUNT },
    );
    expect(analysis.ok && analysis.findings[0].why).toBe(
      '(only a concrete aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn, kms:CallerAccount or aws:SourceAccount under a positive operator pins it; here StringEqualsIfExists on aws:PrincipalAccount is also true when the key is missing; kms:ViaService only names the AWS service the call comes through, not the caller)',
    );
  });
});
