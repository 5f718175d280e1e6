import type { Remediation } from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import {
  analyzeKeyPolicy,
  type KeyPolicyFinding,
  type KeyPolicyFindingKind,
  STATEMENT_ELEMENTS,
} from '../keyPolicyAnalysis';
import type { KeyTarget } from '../remediation';
import { outcome, unknownFromFailure } from '../results';
import { keyTarget, resolveKey } from './context';

/** What to change in a key policy: a step per statement, and the statements as corrected. */
interface KeyPolicyFix {
  steps: string[];
  /** The corrected statements, to put in place of the ones with the same Sid or index. */
  statements?: unknown[];
}

/** A key policy that grants too much, or that could not be read. */
function keyPolicyRemediation(key: KeyTarget, fix: KeyPolicyFix): Remediation {
  const statements = fix.statements ?? [];
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, and on the "Key policy" tab choose Edit (or use the AWS CLI below).`,
      ...fix.steps,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          `aws kms get-key-policy --region ${key.region} --key-id ${key.arn} \\`,
          '  --policy-name default --query Policy --output text > policy.json',
          '# edit policy.json, then:',
          `aws kms put-key-policy --region ${key.region} --key-id ${key.arn} \\`,
          '  --policy-name default --policy file://policy.json',
        ].join('\n'),
      },
      ...(statements.length
        ? [
            {
              title: 'Corrected statements (key policy JSON)',
              language: 'json' as const,
              code: JSON.stringify(statements, null, 2),
            },
          ]
        : []),
      {
        title: 'Terraform',
        language: 'hcl',
        code: [
          'resource "aws_kms_key_policy" "eks" {',
          '  key_id = aws_kms_key.eks.id',
          '  policy = file("${path.module}/eks-key-policy.json")',
          '}',
        ].join('\n'),
      },
    ],
  };
}

type Json = Record<string, unknown>;

/** Condition keys that pin the caller; dropped once a statement names its principal. */
const PIN_KEYS = [
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalarn',
  'kms:calleraccount',
  'aws:sourceaccount',
  'aws:sourcearn',
];

const quoted = (values: string[]) =>
  values.map(v => (v === '*' ? '"*"' : v)).join(', ');

function joinActions(actions: string[]): string {
  return actions.length > 1
    ? `${actions.slice(0, -1).join(', ')} and ${actions[actions.length - 1]}`
    : actions[0] ?? '';
}

function listFindings(findings: KeyPolicyFinding[]): string {
  return findings
    .map(f => `${f.statement} ${f.reason}${f.why ? ` ${f.why}` : ''}.`)
    .join(' ');
}

function inElementOrder(statement: Json): Json {
  return Object.fromEntries(
    STATEMENT_ELEMENTS.filter(e => statement[e] !== undefined).map(e => [
      e,
      statement[e],
    ]),
  );
}

/** A Principal element as a map of type to values ("*" is `{AWS: ["*"]}`). */
function principalMap(value: unknown): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (v: unknown) => {
    if (v === '*') {
      map.set('AWS', [...(map.get('AWS') ?? []), '*']);
    } else if (Array.isArray(v)) {
      v.forEach(add);
    } else if (v && typeof v === 'object') {
      for (const [type, raw] of Object.entries(v)) {
        const values = (Array.isArray(raw) ? raw : [raw]).map(String);
        map.set(type, [...(map.get(type) ?? []), ...values]);
      }
    }
  };
  add(value);
  return map;
}

function principalElement(map: Map<string, string[]>): Json | undefined {
  const element: Json = {};
  for (const [type, values] of map) {
    const unique = [...new Set(values)];
    if (unique.length) element[type] = unique.length === 1 ? unique[0] : unique;
  }
  return Object.keys(element).length ? element : undefined;
}

function withoutPins(condition: unknown): Json | undefined {
  if (!condition || typeof condition !== 'object') return undefined;
  const kept: Json = {};
  for (const [operator, block] of Object.entries(condition)) {
    const entries = Object.entries(block as Json).filter(
      ([key]) => !PIN_KEYS.includes(key.toLowerCase()),
    );
    if (entries.length) kept[operator] = Object.fromEntries(entries);
  }
  return Object.keys(kept).length ? kept : undefined;
}

function withPin(condition: unknown, key: string, value: string): Json {
  const current = (condition ?? {}) as Json;
  return {
    ...current,
    StringEquals: { ...((current.StringEquals as Json) ?? {}), [key]: value },
  };
}

/**
 * The steps and corrected statements that clear the findings: statements reaching
 * "*" or NotPrincipal name their principal (the cluster role for kms:Decrypt and the
 * like) or pin the caller to the key's account; principals of other accounts and
 * unidentified ones are removed; sensitive use goes to the cluster role alone.
 */
function keyPolicyFix(
  statements: Json[],
  findings: KeyPolicyFinding[],
  key: KeyTarget,
  keyAccountId: string,
  clusterRoleArn?: string,
): KeyPolicyFix {
  const partition = key.arn.split(':')[1] || 'aws';
  const role =
    clusterRoleArn ??
    `arn:${partition}:iam::${keyAccountId}:role/<cluster-role>`;
  const roleName = `arn:${partition}:iam::${keyAccountId}:role/<role-name>`;
  const steps: string[] = [];
  const corrected: unknown[] = [];
  const indexes = [...new Set(findings.map(f => f.index))];
  for (const index of indexes) {
    const own = findings.filter(f => f.index === index);
    const label = own[0].statement;
    const sensitive = own[0].sensitive;
    const kinds = new Set<KeyPolicyFindingKind>(own.map(f => f.kind));
    const about = (kind: KeyPolicyFindingKind) => [
      ...new Set(own.filter(f => f.kind === kind).flatMap(f => f.principals)),
    ];
    const statement: Json = { ...statements[index] };
    let principals = principalMap(statement.Principal);
    const remove = (values: string[]) => {
      for (const [type, list] of principals) {
        principals.set(
          type,
          list.filter(v => !values.includes(v)),
        );
      }
    };
    const nameRole = (replaced: string[]) => {
      remove(replaced);
      principals.set('AWS', [...(principals.get('AWS') ?? []), role]);
      if (replaced.includes('*')) {
        const condition = withoutPins(statement.Condition);
        if (condition) statement.Condition = condition;
        else delete statement.Condition;
      }
    };
    const use = joinActions(sensitive);

    if (kinds.has('not-principal')) {
      delete statement.NotPrincipal;
      principals = new Map([['AWS', [sensitive.length ? role : roleName]]]);
      steps.push(
        `${label}: replace NotPrincipal with a Principal that names who needs the key${
          sensitive.length ? ` (for ${use}: the cluster role ${role})` : ''
        }; NotPrincipal with Allow grants every other principal of every account.`,
      );
    }
    if (kinds.has('open-principal')) {
      const open = about('open-principal');
      const services = [...(principals.get('Service') ?? [])].filter(v =>
        open.includes(v),
      );
      const others = open.filter(v => !services.includes(v));
      if (others.length && sensitive.length) {
        nameRole(others);
        steps.push(
          `${label}: name the cluster role ${role} instead of ${quoted(
            others,
          )}; ${use} on this key should go to the cluster role alone.`,
        );
      } else if (others.length) {
        statement.Condition = withPin(
          statement.Condition,
          'aws:PrincipalAccount',
          keyAccountId,
        );
        steps.push(
          `${label}: pin the caller with "StringEquals": {"aws:PrincipalAccount": "${keyAccountId}"} (or aws:PrincipalOrgID / aws:PrincipalArn with concrete values). kms:ViaService, …IfExists, ForAllValues and negated operators do not pin the caller.`,
        );
      }
      if (services.length) {
        statement.Condition = withPin(
          statement.Condition,
          'aws:SourceAccount',
          keyAccountId,
        );
        steps.push(
          `${label}: name the account ${services.join(
            ', ',
          )} may act for with "StringEquals": {"aws:SourceAccount": "${keyAccountId}"} (or aws:SourceArn), so no other AWS customer can make the service use this key; remove the statement if the service does not need the key.`,
        );
      }
    }
    if (kinds.has('other-account') || kinds.has('unidentified-principal')) {
      const named = [
        ...about('other-account'),
        ...about('unidentified-principal'),
      ];
      remove(named);
      steps.push(
        `${label}: remove ${quoted(
          named,
        )} unless that account must use this key; a cluster whose key lives in a central account needs only its cluster role ${role} named.`,
      );
    }
    if (kinds.has('in-account-use')) {
      const wide = about('in-account-use');
      nameRole(wide);
      steps.push(
        `${label}: grant ${use} to the cluster role ${role} only, in place of ${quoted(
          wide,
        )}; if ${
          wide.length > 1 ? 'they administer' : 'it administers'
        } the key, grant only administration actions (kms:Create*, kms:Describe*, kms:Put*, …).`,
      );
    }

    const element = principalElement(principals);
    if (!element) {
      steps.push(`${label}: no principal is left, so delete the statement.`);
      continue;
    }
    statement.Principal = element;
    corrected.push(inElementOrder(statement));
  }
  return { steps, statements: corrected };
}

/**
 * `key-policy`: no Allow statement reaches principals not bounded to named accounts or
 * roles ("*" without a condition that pins the caller, NotPrincipal); principals of
 * other accounts, and sensitive use beyond the account root and the cluster role, warn.
 */
function judgeKeyPolicy(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const resolved = resolveKey(ctx, 'Who may use the key is unknown.');
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  const policy = resolved.key.policy;
  if (!policy.ok) {
    return unknownFromFailure(
      policy,
      { keyRef: key.arn, clusterName: ctx.cluster.name },
      "Who may use the key is unknown: a key policy can only be read with credentials in the key's own account.",
    );
  }
  const clusterRoleArn = ctx.eks.roleArn;
  const analysis = analyzeKeyPolicy(policy.value, {
    keyAccountId: key.accountId,
    ...(clusterRoleArn ? { clusterRoleArn } : {}),
  });
  const target = keyTarget(ctx);
  if (!analysis.ok) {
    return outcome(
      'unknown',
      `Not verified: kms:GetKeyPolicy in account ${key.accountId} returned a policy that could not be parsed`,
      `kms:GetKeyPolicy returned a policy that could not be parsed: ${analysis.error}. Who may use ${key.arn} is unknown.`,
      keyPolicyRemediation(target, {
        steps: [
          'Read the default key policy with the AWS CLI below and check it against the IAM policy grammar (element names such as "Effect" and "Principal" are case-sensitive); KMS rejects documents it cannot parse, so a policy read back like this points at the source that returned it.',
        ],
      }),
    );
  }
  const failures = analysis.findings.filter(f => f.level === 'fail');
  const warnings = analysis.findings.filter(f => f.level === 'warn');
  const flagged = [...failures, ...warnings];
  if (flagged.length) {
    const first = flagged[0];
    const same = failures.length ? failures : warnings;
    const more = same.length > 1 ? ` (and ${same.length - 1} more)` : '';
    return outcome(
      failures.length ? 'fail' : 'warn',
      `Key policy ${first.statement} ${first.reason}${more}`,
      `In the default key policy of ${key.arn}${
        clusterRoleArn ? ` (cluster role ${clusterRoleArn})` : ''
      }: ${listFindings(flagged)}`,
      keyPolicyRemediation(
        target,
        keyPolicyFix(
          analysis.statements,
          flagged,
          target,
          key.accountId,
          clusterRoleArn,
        ),
      ),
    );
  }
  return outcome(
    'pass',
    'The key policy grants the key only to named principals or callers pinned by a condition',
    `All ${
      analysis.statements.length
    } statements of the default key policy of ${
      key.arn
    } name their principals or pin the caller with a concrete condition, reach no other account${
      clusterRoleArn ? ` except the cluster role ${clusterRoleArn}` : ''
    }, and give kms:Decrypt and kms:CreateGrant only to the account root${
      clusterRoleArn ? ` and the cluster role` : ''
    }.`,
  );
}

export const keyPolicyCheck: EksEncryptionCheck = {
  id: 'key-policy',
  title: 'Key policy scoped',
  severity: 'high',
  description:
    'Every Allow statement of the key policy reaches named accounts or roles only: no wildcard principal without a condition pinning the caller, no NotPrincipal; principals in other accounts (except the cluster role) and key use beyond the cluster role and admins warn.',
  judge: judgeKeyPolicy,
};
