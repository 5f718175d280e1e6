/**
 * Analysis of a KMS key policy for the `key-policy` check: who does each `Allow`
 * statement reach, judged by its effect rather than by its spelling.
 *
 * AWS documentation this relies on (IAM User Guide unless noted):
 * - "Grammar of the IAM JSON policy language": element names and principal types are
 *   spelled exactly as in the grammar (`Effect`, `Principal`, `AWS`, …); `Statement`
 *   may be one object or an array; most values may be a string or an array.
 * - "IAM JSON policy elements: Effect": the value is `Allow` or `Deny`, case-sensitive.
 * - "IAM JSON policy elements: Principal": `"*"` and `{"AWS": "*"}` mean everyone; a
 *   wildcard cannot match part of a principal ARN; an account id stands for its root,
 *   which delegates to that account's IAM policies.
 * - "IAM JSON policy elements: NotPrincipal": with `Allow` it grants every principal
 *   except the ones listed.
 * - "IAM JSON policy elements: NotAction": with `Allow` it grants every action except
 *   the ones listed.
 * - "IAM JSON policy elements: Action": action names are case-insensitive; `*` and `?`
 *   are wildcards.
 * - "IAM JSON policy elements: Condition": context key names are not case-sensitive;
 *   operators in a statement, and keys in an operator block, are ANDed; values of one
 *   key are ORed.
 * - "IAM JSON policy elements: Condition operators": a positive operator is false when
 *   the key is missing; negated operators (`StringNotEquals`, …) are true then, and
 *   `…IfExists` operators are true then as well.
 * - "Single-valued vs. multivalued context keys": `ForAnyValue:` is false for a missing
 *   key; `ForAllValues:` is true for a missing or empty key.
 * - "AWS global condition context keys": aws:PrincipalAccount, aws:PrincipalOrgID,
 *   aws:PrincipalArn, aws:SourceAccount, aws:SourceArn.
 * - "The confused deputy problem": a service principal acts for any AWS customer
 *   unless aws:SourceAccount or aws:SourceArn names the account it acts for.
 * - AWS KMS Developer Guide, "Condition keys for AWS KMS": kms:CallerAccount names the
 *   caller's account; kms:ViaService only names the service a request comes through.
 * - AWS KMS Developer Guide, "Default key policy": the account root statement and the
 *   key administrator actions (`kms:Create*`, `kms:Describe*`, …).
 * - AWS KMS Developer Guide, "Allowing users in other accounts to use a KMS key".
 * - AWS KMS API Reference, "ReEncrypt": kms:ReEncryptFrom decrypts under the source
 *   key, so it reveals as much as kms:Decrypt.
 */
import { principalAccount } from './arns';

/** What the analysis needs to know besides the policy. */
export interface KeyPolicyContext {
  /** The key's own account; principals elsewhere belong to other accounts. */
  keyAccountId: string;
  /** The cluster's IAM role, which may use the key from any account. */
  clusterRoleArn?: string;
}

/**
 * Why a statement fails or warns:
 * - `open-principal` (fail): "*", a service or a federated provider without a
 *   condition that pins the caller;
 * - `not-principal` (fail): NotPrincipal with Allow;
 * - `other-account` (warn): principals of other accounts, named or pinned;
 * - `unidentified-principal` (warn): a principal whose account cannot be told;
 * - `in-account-use` (warn): kms:Decrypt or kms:CreateGrant to principals other
 *   than the account root and the cluster role.
 */
export type KeyPolicyFindingKind =
  | 'open-principal'
  | 'not-principal'
  | 'other-account'
  | 'unidentified-principal'
  | 'in-account-use';

/** One reason a policy statement fails or warns. */
export interface KeyPolicyFinding {
  level: 'fail' | 'warn';
  kind: KeyPolicyFindingKind;
  /** Which statement: `Sid "…"`, or `statement at index N`. */
  statement: string;
  /** The statement's index in `Statement`. */
  index: number;
  /** What the statement grants to whom, short enough for a summary. */
  reason: string;
  /** Why, for the details: e.g. what the condition lacks to pin the caller. */
  why?: string;
  /** The principal values the finding is about, as written (`*` for a wildcard). */
  principals: string[];
  /** The sensitive actions the statement grants (kms:Decrypt, kms:CreateGrant, …). */
  sensitive: string[];
}

export type KeyPolicyAnalysis =
  | {
      ok: true;
      /** The statements, each as written, by index. */
      statements: Record<string, unknown>[];
      findings: KeyPolicyFinding[];
    }
  | { ok: false; error: string };

const POLICY_ELEMENTS = ['Version', 'Id', 'Statement'];
/** The elements of a policy statement, in the order IAM's grammar lists them. */
export const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Condition keys that pin the caller; aws:SourceArn only for service principals. */
const PIN_KEYS = new Map<string, string>(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalArn',
    'kms:CallerAccount',
    'aws:SourceAccount',
    'aws:SourceArn',
  ].map(k => [k.toLowerCase(), k]),
);
const ACCOUNT_KEYS = new Set([
  'aws:principalaccount',
  'kms:calleraccount',
  'aws:sourceaccount',
]);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
/**
 * Operators that are false unless the key is present and matches a value. With
 * `ForAnyValue:` they stay so; `ForAllValues:`, `…IfExists` and the negated
 * operators are true for a missing key and pin nothing.
 */
const POSITIVE_OPERATORS = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
]);
/** Actions that reveal plaintext or hand on the key's use. */
const SENSITIVE_ACTIONS = [
  'kms:Decrypt',
  'kms:CreateGrant',
  'kms:ReEncryptFrom',
];
/** Key administration as in the AWS default key policy: no cryptographic use. */
const ADMIN_ACTIONS = [
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
];
const ACCOUNT_ID = /^\d{12}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/i;
const MAX_SHOWN = 4;

type JsonObject = Record<string, unknown>;

class PolicyShapeError extends Error {}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function shown(list: string[]): string {
  return list.length > MAX_SHOWN
    ? `${list.slice(0, MAX_SHOWN).join(', ')} and ${
        list.length - MAX_SHOWN
      } more`
    : list.join(', ');
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`,
    'i',
  );
}

const hasWildcard = (value: string) => /[*?]/.test(value);

// ---------------------------------------------------------------------------
// Parsing: the shape IAM accepts, or a PolicyShapeError.

interface Principal {
  /** `*` for the bare wildcard `"Principal": "*"`, else the principal type. */
  type: string;
  value: string;
}

interface ConditionEntry {
  operator: string;
  key: string;
  values: string[];
}

interface Statement {
  index: number;
  label: string;
  raw: JsonObject;
  effect: 'Allow' | 'Deny';
  principals?: Principal[];
  notPrincipals?: Principal[];
  actions: Actions;
  conditions: ConditionEntry[];
}

interface Actions {
  covers(action: string): boolean;
  /** Action (not NotAction) and every entry is key administration. */
  adminOnly: boolean;
  label: string;
}

function stringList(value: unknown, what: string): string[] {
  const list = asList(value);
  if (list.length === 0 || !list.every(v => typeof v === 'string')) {
    throw new PolicyShapeError(
      `${what} must be a string or a non-empty array of strings`,
    );
  }
  return list as string[];
}

/** `"*"`, a principal map, or (not in IAM's grammar, read anyway) an array of them. */
function readPrincipals(value: unknown, what: string): Principal[] {
  if (value === '*') return [{ type: '*', value: '*' }];
  if (Array.isArray(value) && value.length > 0) {
    return value.flatMap(v => readPrincipals(v, what));
  }
  if (!isObject(value) || Object.keys(value).length === 0) {
    throw new PolicyShapeError(
      `${what} must be "*" or a map of AWS, Service, Federated or CanonicalUser`,
    );
  }
  const principals: Principal[] = [];
  for (const [type, raw] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.includes(type)) {
      throw new PolicyShapeError(
        `${what} has the principal type "${type}"${caseHint(
          type,
          PRINCIPAL_TYPES,
        )}; IAM knows ${PRINCIPAL_TYPES.join(', ')}`,
      );
    }
    for (const v of stringList(raw, `${what}.${type}`)) {
      principals.push({ type, value: v.trim() });
    }
  }
  return principals;
}

function isAdminEntry(entry: string): boolean {
  const lower = entry.toLowerCase();
  if (ADMIN_ACTIONS.some(a => a.toLowerCase() === lower)) return true;
  // A concrete action under an admin pattern (kms:CreateAlias under kms:Create*),
  // unless it is itself sensitive (kms:CreateGrant).
  return (
    !hasWildcard(entry) &&
    !SENSITIVE_ACTIONS.some(s => s.toLowerCase() === lower) &&
    ADMIN_ACTIONS.some(a => globToRegExp(a).test(entry))
  );
}

function readActions(statement: JsonObject, label: string): Actions {
  const hasAction = statement.Action !== undefined;
  const hasNotAction = statement.NotAction !== undefined;
  if (hasAction === hasNotAction) {
    throw new PolicyShapeError(
      `${label} must have exactly one of Action and NotAction`,
    );
  }
  if (hasAction) {
    const listed = stringList(statement.Action, `${label} Action`);
    const patterns = listed.map(globToRegExp);
    return {
      covers: a => patterns.some(p => p.test(a)),
      adminOnly: listed.every(isAdminEntry),
      label: listed.includes('*') ? 'every action ("*")' : shown(listed),
    };
  }
  const excluded = stringList(statement.NotAction, `${label} NotAction`);
  const patterns = excluded.map(globToRegExp);
  return {
    covers: a => !patterns.some(p => p.test(a)),
    adminOnly: false,
    label: `every action except ${shown(excluded)}`,
  };
}

function readConditions(value: unknown, label: string): ConditionEntry[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    throw new PolicyShapeError(`${label} Condition must be an object`);
  }
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) {
      throw new PolicyShapeError(
        `${label} Condition operator ${operator} must map keys to values`,
      );
    }
    for (const [key, raw] of Object.entries(block)) {
      const list = asList(raw);
      if (
        !list.every(v => ['string', 'number', 'boolean'].includes(typeof v))
      ) {
        throw new PolicyShapeError(
          `${label} Condition ${operator} ${key} must be a string, number, boolean or an array of them`,
        );
      }
      entries.push({ operator, key, values: list.map(String) });
    }
  }
  return entries;
}

function caseHint(name: string, known: string[]): string {
  const match = known.find(k => k.toLowerCase() === name.toLowerCase());
  return match ? ` (IAM spells it "${match}": names are case-sensitive)` : '';
}

function statementLabel(statement: JsonObject, index: number): string {
  return typeof statement.Sid === 'string' && statement.Sid.length > 0
    ? `Sid "${statement.Sid}"`
    : `statement at index ${index}`;
}

function readStatement(raw: unknown, index: number): Statement {
  if (!isObject(raw)) {
    throw new PolicyShapeError(
      `the statement at index ${index} is not an object`,
    );
  }
  const label = statementLabel(raw, index);
  for (const element of Object.keys(raw)) {
    if (!STATEMENT_ELEMENTS.includes(element)) {
      throw new PolicyShapeError(
        `${label} has the element "${element}", which IAM does not define${caseHint(
          element,
          STATEMENT_ELEMENTS,
        )}`,
      );
    }
  }
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') {
    throw new PolicyShapeError(`${label} has a Sid that is not a string`);
  }
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    throw new PolicyShapeError(
      `${label} has no valid Effect (${JSON.stringify(
        raw.Effect ?? null,
      )}; IAM accepts exactly "Allow" or "Deny")`,
    );
  }
  if ((raw.Principal === undefined) === (raw.NotPrincipal === undefined)) {
    throw new PolicyShapeError(
      `${label} must have exactly one of Principal and NotPrincipal`,
    );
  }
  if (raw.Resource !== undefined && raw.NotResource !== undefined) {
    throw new PolicyShapeError(`${label} has both Resource and NotResource`);
  }
  for (const element of ['Resource', 'NotResource']) {
    if (raw[element] !== undefined)
      stringList(raw[element], `${label} ${element}`);
  }
  return {
    index,
    label,
    raw,
    effect: raw.Effect,
    ...(raw.Principal !== undefined
      ? { principals: readPrincipals(raw.Principal, `${label} Principal`) }
      : {
          notPrincipals: readPrincipals(
            raw.NotPrincipal,
            `${label} NotPrincipal`,
          ),
        }),
    actions: readActions(raw, label),
    conditions: readConditions(raw.Condition, label),
  };
}

function readPolicy(document: string): JsonObject[] {
  let policy: unknown;
  try {
    policy = JSON.parse(document);
  } catch (e) {
    throw new PolicyShapeError(`not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(policy)) {
    throw new PolicyShapeError('the policy is not a JSON object');
  }
  for (const element of Object.keys(policy)) {
    if (!POLICY_ELEMENTS.includes(element)) {
      throw new PolicyShapeError(
        `the policy has the element "${element}", which IAM does not define${caseHint(
          element,
          POLICY_ELEMENTS,
        )}`,
      );
    }
  }
  if (policy.Statement === undefined) {
    throw new PolicyShapeError('the policy has no Statement');
  }
  if (!isObject(policy.Statement) && !Array.isArray(policy.Statement)) {
    throw new PolicyShapeError(
      'the Statement is neither an object nor an array',
    );
  }
  return asList(policy.Statement) as JsonObject[];
}

// ---------------------------------------------------------------------------
// Conditions: which ones pin the caller.

/** A condition that pins the caller, with what it bounds the caller to. */
interface Pin {
  description: string;
  /** The accounts it names (account keys, or the account part of ARN values). */
  accounts: string[];
  /** Concrete principal ARNs (aws:PrincipalArn without wildcards). */
  arns?: string[];
  kind: 'account' | 'arn' | 'org';
}

function arnAccount(value: string): string | undefined {
  const parts = value.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && ACCOUNT_ID.test(parts[4])
    ? parts[4]
    : undefined;
}

function isConcrete(key: string, value: string): boolean {
  if (ACCOUNT_KEYS.has(key)) return ACCOUNT_ID.test(value);
  // Wildcards in the resource part still bound the caller to the named account.
  if (ARN_KEYS.has(key)) return arnAccount(value) !== undefined;
  return ORG_ID.test(value); // aws:PrincipalOrgID
}

/** The pins among the statement's conditions, and why the others pin nothing. */
function reviewConditions(
  conditions: ConditionEntry[],
  forService: boolean,
): { pins: Pin[]; notPinning: string[] } {
  const pins: Pin[] = [];
  const notPinning: string[] = [];
  for (const { operator, key: rawKey, values } of conditions) {
    const key = rawKey.toLowerCase();
    if (key === 'kms:viaservice') {
      notPinning.push(
        `${rawKey} only names the AWS service the call comes through, not the caller`,
      );
      continue;
    }
    if (!PIN_KEYS.has(key) || (key === 'aws:sourcearn' && !forService)) {
      continue;
    }
    let op = operator.toLowerCase();
    if (op.startsWith('forallvalues:')) {
      notPinning.push(
        `${operator} on ${rawKey} is also true when the key is missing or empty`,
      );
      continue;
    }
    op = op.replace(/^foranyvalue:/, '');
    if (op.endsWith('ifexists')) {
      notPinning.push(
        `${operator} on ${rawKey} is also true when the key is missing`,
      );
      continue;
    }
    if (!POSITIVE_OPERATORS.has(op)) {
      notPinning.push(`${operator} on ${rawKey} does not pin a value`);
      continue;
    }
    if (values.length === 0 || !values.every(v => isConcrete(key, v))) {
      notPinning.push(
        `${rawKey} is compared with a wildcard or non-concrete value (${values
          .map(v => JSON.stringify(v))
          .join(', ')})`,
      );
      continue;
    }
    const name = PIN_KEYS.get(key)!;
    const description = `${name} = ${values.join(' | ')}`;
    if (ACCOUNT_KEYS.has(key)) {
      pins.push({ kind: 'account', description, accounts: values });
    } else if (ARN_KEYS.has(key)) {
      pins.push({
        kind: 'arn',
        description,
        accounts: values.map(v => arnAccount(v)!),
        ...(values.every(v => !hasWildcard(v)) ? { arns: values } : {}),
      });
    } else {
      pins.push({ kind: 'org', description, accounts: [] });
    }
  }
  return { pins, notPinning };
}

// ---------------------------------------------------------------------------
// Judging an Allow statement.

type Outcome = Omit<KeyPolicyFinding, 'statement' | 'index' | 'sensitive'>;

function sameArn(a: string, b?: string): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}

function isAccountRoot(value: string, accountId: string): boolean {
  return (
    value === accountId ||
    /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1] === accountId
  );
}

function joinActions(actions: string[]): string {
  return actions.length > 1
    ? `${actions.slice(0, -1).join(', ')} and ${actions[actions.length - 1]}`
    : actions[0];
}

/** A named principal (an AWS ARN or account, or an IAM identity provider ARN). */
function judgeNamed(
  principal: Principal,
  shownAs: string,
  actions: Actions,
  sensitive: string[],
  context: KeyPolicyContext,
): Outcome | undefined {
  const { value } = principal;
  if (sameArn(value, context.clusterRoleArn)) return undefined;
  const account = principalAccount(value);
  if (!account) {
    return {
      level: 'warn',
      kind: 'unidentified-principal',
      reason: `grants ${actions.label} to ${shownAs}, whose account cannot be determined (a deleted IAM principal shows as its unique id)`,
      principals: [value],
    };
  }
  if (account !== context.keyAccountId) {
    return {
      level: 'warn',
      kind: 'other-account',
      reason: `grants ${actions.label} to ${shownAs} in another account (${account})`,
      principals: [value],
    };
  }
  if (principal.type === 'AWS' && isAccountRoot(value, context.keyAccountId)) {
    return undefined;
  }
  if (!sensitive.length) return undefined;
  return {
    level: 'warn',
    kind: 'in-account-use',
    reason: `allows ${joinActions(sensitive)} to ${
      principal.type
    } ${value}, which is neither the account root nor the cluster role`,
    principals: [value],
  };
}

/** A principal not bounded by itself ("*", a service, a web identity provider). */
function judgeOpen(
  principals: Principal[],
  statement: Statement,
  sensitive: string[],
  context: KeyPolicyContext,
): Outcome[] {
  const values = principals.map(p => p.value);
  const forService = principals.every(p => p.type === 'Service');
  let who = `the federated principal ${values.join(', ')}`;
  if (forService) {
    who = `the service principal${values.length > 1 ? 's' : ''} ${values.join(
      ', ',
    )}`;
  } else if (principals.some(p => p.value === '*')) {
    who = 'every principal ("*")';
  }
  const { actions } = statement;
  const { pins, notPinning } = reviewConditions(
    statement.conditions,
    forService,
  );
  if (pins.length === 0) {
    const keys = forService
      ? 'aws:SourceAccount or aws:SourceArn (the account the service acts for), aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn or kms:CallerAccount'
      : 'aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn, kms:CallerAccount or aws:SourceAccount';
    const found = notPinning.length ? `; here ${notPinning.join('; ')}` : '';
    return [
      {
        level: 'fail',
        kind: 'open-principal',
        reason: `allows ${actions.label} to ${who} without a condition that pins the caller`,
        why: `(only a concrete ${keys} under a positive operator pins it${found})`,
        principals: values,
      },
    ];
  }
  const pinned = pins.map(p => p.description).join(', ');
  // Pins are ANDed: the statement reaches what every one of them admits.
  const accountSets = pins
    .filter(p => p.kind !== 'org')
    .map(p => new Set(p.accounts));
  const admitted = (account: string) => accountSets.every(s => s.has(account));
  const arnPin = pins.find(p => p.arns);
  const outcomes: Outcome[] = [];
  if (arnPin?.arns && !forService) {
    // Concrete aws:PrincipalArn values: as if the statement named them.
    for (const arn of arnPin.arns.filter(a => admitted(arnAccount(a)!))) {
      const outcome = judgeNamed(
        { type: 'AWS', value: arn },
        `${arn} (through "*" with ${pinned})`,
        actions,
        sensitive,
        context,
      );
      if (outcome) outcomes.push({ ...outcome, principals: values });
    }
    return outcomes;
  }
  const accounts = accountSets.length
    ? [...accountSets[0]].filter(admitted)
    : undefined;
  const others = (accounts ?? []).filter(a => a !== context.keyAccountId);
  if (others.length) {
    outcomes.push({
      level: 'warn',
      kind: 'other-account',
      reason: `allows ${
        actions.label
      } to ${who} for other accounts (${others.join(', ')}) with ${pinned}`,
      principals: values,
    });
  }
  const reachesOwn =
    accounts === undefined || accounts.includes(context.keyAccountId);
  if (sensitive.length && reachesOwn) {
    outcomes.push({
      level: 'warn',
      kind: 'in-account-use',
      reason: `allows ${joinActions(
        sensitive,
      )} to ${who} with ${pinned}, not only the account root or the cluster role`,
      principals: values,
    });
  }
  return outcomes;
}

/** The sensitive actions a statement grants; none for key administration alone. */
function sensitiveActions(actions: Actions): string[] {
  return actions.adminOnly
    ? []
    : SENSITIVE_ACTIONS.filter(a => actions.covers(a));
}

function judgeAllow(
  statement: Statement,
  sensitive: string[],
  context: KeyPolicyContext,
): Outcome[] {
  const { actions } = statement;
  if (statement.notPrincipals) {
    return [
      {
        level: 'fail',
        kind: 'not-principal',
        reason: `allows ${
          actions.label
        } through NotPrincipal, that is to every principal of every account except ${statement.notPrincipals
          .map(p => p.value)
          .join(', ')}`,
        principals: ['*'],
      },
    ];
  }
  const outcomes: Outcome[] = [];
  const open: Principal[] = [];
  const openServices: Principal[] = [];
  for (const principal of statement.principals ?? []) {
    const { type, value } = principal;
    if (value === '*' || (type === 'AWS' && hasWildcard(value))) {
      // IAM matches no partial wildcard in a principal: read it as "*".
      open.push(principal);
    } else if (type === 'Service') {
      openServices.push(principal);
    } else if (type === 'Federated' && !arnAccount(value)) {
      // A web identity provider (accounts.google.com, cognito-identity.amazonaws.com)
      // belongs to no account; an IAM SAML/OIDC provider ARN names one.
      open.push(principal);
    } else if (type === 'CanonicalUser') {
      outcomes.push({
        level: 'warn',
        kind: 'unidentified-principal',
        reason: `grants ${actions.label} to the canonical user ${value}, an account that cannot be matched to the key's account`,
        principals: [value],
      });
    } else {
      const outcome = judgeNamed(
        principal,
        type === 'AWS' ? value : `${type} ${value}`,
        actions,
        sensitive,
        context,
      );
      if (outcome) outcomes.push(outcome);
    }
  }
  if (open.length) {
    outcomes.push(...judgeOpen(open, statement, sensitive, context));
  }
  if (openServices.length) {
    outcomes.push(...judgeOpen(openServices, statement, sensitive, context));
  }
  return outcomes;
}

/**
 * Reviews a key policy document. An Allow statement fails when it reaches principals
 * not bounded to named accounts or roles: "*" (or a service or web identity provider)
 * without a condition that pins the caller, or NotPrincipal. It warns for principals
 * of other accounts (except the cluster role), for kms:Decrypt, kms:CreateGrant or
 * kms:ReEncryptFrom to principals other than the account root and the cluster role,
 * and for principals whose account cannot be told. Deny statements only restrict and
 * are not judged. A document IAM would not accept is an error, never a pass.
 */
export function analyzeKeyPolicy(
  document: string,
  context: KeyPolicyContext,
): KeyPolicyAnalysis {
  let statements: Statement[];
  try {
    statements = readPolicy(document).map(readStatement);
  } catch (e) {
    if (e instanceof PolicyShapeError) return { ok: false, error: e.message };
    throw e;
  }
  const findings: KeyPolicyFinding[] = [];
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    const sensitive = sensitiveActions(statement.actions);
    const seen = new Set<string>();
    for (const outcome of judgeAllow(statement, sensitive, context)) {
      if (seen.has(outcome.reason)) continue;
      seen.add(outcome.reason);
      findings.push({
        ...outcome,
        statement: statement.label,
        index: statement.index,
        sensitive,
      });
    }
  }
  return { ok: true, statements: statements.map(s => s.raw), findings };
}
