import { principalAccount } from './arns';

/** What the analysis needs to know besides the policy. */
export interface KeyPolicyContext {
  /** The key's own account; principals elsewhere belong to other accounts. */
  keyAccountId: string;
  /** The cluster's IAM role, which may use the key. */
  clusterRoleArn?: string;
}

/** One reason a policy statement fails or warns. */
export interface KeyPolicyFinding {
  level: 'fail' | 'warn';
  /** Which statement: its Sid, or its index in `Statement`. */
  statement: string;
  reason: string;
}

export type KeyPolicyAnalysis =
  | { ok: true; statements: number; findings: KeyPolicyFinding[] }
  | { ok: false; error: string };

/** Condition keys that pin the caller to an organisation, account or principal. */
const PINNING_KEYS = new Map<string, string>(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalArn',
    'kms:CallerAccount',
    'aws:SourceAccount',
  ].map(k => [k.toLowerCase(), k]),
);
const ACCOUNT_KEYS = new Set([
  'aws:principalaccount',
  'kms:calleraccount',
  'aws:sourceaccount',
]);
/** Operators that require the key to be present and equal (or like) a value. */
const PINNING_OPERATORS = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
]);
const SENSITIVE_ACTIONS = ['kms:Decrypt', 'kms:CreateGrant'];
const ACCOUNT_ID = /^\d{12}$/;
const MAX_ACTIONS_SHOWN = 4;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function strings(value: unknown): string[] | undefined {
  const list = asList(value);
  return list.every(v => typeof v === 'string')
    ? (list as string[])
    : undefined;
}

interface Principal {
  /** `*`, `AWS`, `Service`, `Federated` or `CanonicalUser`. */
  type: string;
  value: string;
}

function readPrincipals(value: unknown): Principal[] | undefined {
  if (value === '*') return [{ type: '*', value: '*' }];
  if (!isObject(value)) return undefined;
  const principals: Principal[] = [];
  for (const [type, raw] of Object.entries(value)) {
    const values = strings(raw);
    if (!values) return undefined;
    principals.push(...values.map(v => ({ type, value: v.trim() })));
  }
  return principals;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`,
    'i',
  );
}

interface Actions {
  covers(action: string): boolean;
  label: string;
}

function readActions(statement: JsonObject): Actions | undefined {
  const listed = strings(statement.Action);
  const excluded = strings(statement.NotAction);
  if (!listed || !excluded) return undefined;
  const shown = (list: string[]) =>
    list.length > MAX_ACTIONS_SHOWN
      ? `${list.slice(0, MAX_ACTIONS_SHOWN).join(', ')} and ${
          list.length - MAX_ACTIONS_SHOWN
        } more`
      : list.join(', ');
  if (listed.length > 0) {
    const patterns = listed.map(globToRegExp);
    return {
      covers: a => patterns.some(p => p.test(a)),
      label: shown(listed),
    };
  }
  if (excluded.length > 0) {
    const patterns = excluded.map(globToRegExp);
    return {
      covers: a => !patterns.some(p => p.test(a)),
      label: `every action except ${shown(excluded)}`,
    };
  }
  return { covers: () => false, label: 'no action' };
}

/** A condition that pins the caller, with the accounts it names (if any). */
interface Pin {
  description: string;
  accounts: string[];
}

function pinsValue(key: string, value: string): boolean {
  if (ACCOUNT_KEYS.has(key)) return ACCOUNT_ID.test(value);
  if (key === 'aws:principalarn') {
    return value.startsWith('arn:') && principalAccount(value) !== undefined;
  }
  // aws:PrincipalOrgID
  return value.length > 0 && !/[*?]/.test(value);
}

function pinnedAccount(key: string, value: string): string | undefined {
  if (ACCOUNT_KEYS.has(key)) return value;
  if (key === 'aws:principalarn') return principalAccount(value);
  return undefined;
}

/** Conditions that pin the caller, and why the others present do not. */
function reviewConditions(condition: unknown): {
  pins: Pin[];
  notPinning: string[];
} {
  const pins: Pin[] = [];
  const notPinning: string[] = [];
  if (!isObject(condition)) return { pins, notPinning };
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    const op = operator.toLowerCase();
    for (const [rawKey, rawValues] of Object.entries(block)) {
      const key = rawKey.toLowerCase();
      if (key === 'kms:viaservice') {
        notPinning.push(
          `${rawKey} only names the AWS service the call comes through, not the caller`,
        );
        continue;
      }
      if (!PINNING_KEYS.has(key)) continue;
      if (op.endsWith('ifexists')) {
        notPinning.push(
          `${operator} on ${rawKey} also matches callers without the key`,
        );
        continue;
      }
      if (op.startsWith('forallvalues:')) {
        notPinning.push(
          `${operator} on ${rawKey} also matches callers without the key`,
        );
        continue;
      }
      if (!PINNING_OPERATORS.has(op.replace(/^foranyvalue:/, ''))) {
        notPinning.push(`${operator} on ${rawKey} does not pin a value`);
        continue;
      }
      const values = strings(rawValues);
      if (
        !values ||
        values.length === 0 ||
        !values.every(v => pinsValue(key, v))
      ) {
        notPinning.push(
          `${rawKey} is compared with a wildcard or non-concrete value (${JSON.stringify(
            rawValues,
          )})`,
        );
        continue;
      }
      pins.push({
        description: `${PINNING_KEYS.get(key)} = ${values.join(' | ')}`,
        accounts: values
          .map(v => pinnedAccount(key, v))
          .filter((a): a is string => a !== undefined),
      });
    }
  }
  return { pins, notPinning };
}

function statementLabel(statement: JsonObject, index: number): string {
  return typeof statement.Sid === 'string' && statement.Sid.length > 0
    ? `Sid "${statement.Sid}"`
    : `statement at index ${index}`;
}

function isAccountRoot(principal: Principal, accountId: string): boolean {
  if (principal.type !== 'AWS') return false;
  return (
    principal.value === accountId ||
    /^arn:[^:]+:iam::(\d{12}):root$/.exec(principal.value)?.[1] === accountId
  );
}

function isRole(principal: Principal, roleArn?: string): boolean {
  return (
    principal.type === 'AWS' &&
    roleArn !== undefined &&
    principal.value.toLowerCase() === roleArn.toLowerCase()
  );
}

function analyzeAllow(
  statement: JsonObject,
  principals: Principal[],
  actions: Actions,
  context: KeyPolicyContext,
): Omit<KeyPolicyFinding, 'statement'>[] {
  const reasons: Omit<KeyPolicyFinding, 'statement'>[] = [];
  const fail = (reason: string) => reasons.push({ level: 'fail', reason });
  const warn = (reason: string) => reasons.push({ level: 'warn', reason });
  const sensitive = SENSITIVE_ACTIONS.filter(a => actions.covers(a));
  const wildcard = principals.some(p => p.value === '*');
  if (wildcard) {
    const { pins, notPinning } = reviewConditions(statement.Condition);
    if (pins.length === 0) {
      const why = notPinning.length ? ` (${notPinning.join('; ')})` : '';
      fail(
        `allows ${actions.label} to every principal ("*") without a condition pinning the caller with a concrete aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn, kms:CallerAccount or aws:SourceAccount${why}`,
      );
    } else {
      const pinned = pins.map(p => p.description).join(', ');
      const others = [...new Set(pins.flatMap(p => p.accounts))].filter(
        a => a !== context.keyAccountId,
      );
      if (others.length) {
        warn(
          `allows ${
            actions.label
          } to principals of other accounts (${others.join(
            ', ',
          )}) through "*" with ${pinned}`,
        );
      }
      if (sensitive.length) {
        warn(
          `allows ${sensitive.join(
            ' and ',
          )} to every principal matching ${pinned}, not only the account root or the cluster role`,
        );
      }
    }
  }
  for (const principal of principals) {
    if (principal.value === '*') continue;
    const account =
      principal.type === 'AWS' ? principalAccount(principal.value) : undefined;
    if (account && account !== context.keyAccountId) {
      warn(
        `grants ${actions.label} to ${principal.value} in another account (${account})`,
      );
    } else if (
      sensitive.length &&
      !isAccountRoot(principal, context.keyAccountId) &&
      !isRole(principal, context.clusterRoleArn)
    ) {
      warn(
        `allows ${sensitive.join(' and ')} to ${principal.type} ${
          principal.value
        }, which is neither the account root nor the cluster role`,
      );
    }
  }
  return reasons;
}

/**
 * Reviews a key policy document: an Allow statement with a wildcard principal fails
 * unless a condition pins the caller with a concrete value; NotPrincipal, grants to
 * other accounts, and kms:Decrypt or kms:CreateGrant to principals other than the
 * account root or the cluster role warn.
 */
export function analyzeKeyPolicy(
  document: string,
  context: KeyPolicyContext,
): KeyPolicyAnalysis {
  let policy: unknown;
  try {
    policy = JSON.parse(document);
  } catch (e) {
    return {
      ok: false,
      error: `the key policy is not valid JSON (${(e as Error).message})`,
    };
  }
  if (!isObject(policy) || policy.Statement === undefined) {
    return { ok: false, error: 'the key policy has no Statement' };
  }
  const statements = asList(policy.Statement);
  const findings: KeyPolicyFinding[] = [];
  for (const [index, statement] of statements.entries()) {
    if (!isObject(statement)) {
      return {
        ok: false,
        error: `the statement at index ${index} is not an object`,
      };
    }
    const label = statementLabel(statement, index);
    const effect = statement.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      return { ok: false, error: `${label} has no valid Effect` };
    }
    if (statement.NotPrincipal !== undefined) {
      findings.push({
        level: 'warn',
        statement: label,
        reason: `uses NotPrincipal with ${effect}, which applies to every principal except the ones listed, including other accounts`,
      });
    }
    if (effect !== 'Allow' || statement.Principal === undefined) continue;
    const principals = readPrincipals(statement.Principal);
    const actions = readActions(statement);
    if (!principals || !actions) {
      return {
        ok: false,
        error: `${label} has a malformed Principal or Action`,
      };
    }
    for (const finding of analyzeAllow(
      statement,
      principals,
      actions,
      context,
    )) {
      findings.push({ ...finding, statement: label });
    }
  }
  return { ok: true, statements: statements.length, findings };
}
