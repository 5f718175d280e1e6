import { parse as parseArn, validate as isArn } from '@aws-sdk/util-arn-parser';
import type { AnnotationError } from './types';
import {
  MAX_ANNOTATION_ERRORS_PER_ENTITY,
  MAX_CLUSTERS_PER_ENTITY,
} from './constants';

/** @public */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/**
 * A validated EKS cluster ARN and its parts.
 *
 * @public
 */
export interface ClusterArn {
  arn: string;
  partition: AwsPartition;
  region: string;
  accountId: string;
  name: string;
}

/** @public */
export interface ParsedClusterArns {
  clusters: ClusterArn[];
  errors: AnnotationError[];
}

const PARTITIONS: readonly AwsPartition[] = ['aws', 'aws-cn', 'aws-us-gov'];

/*
 * Regions per partition, written out rather than asked of the SDK (whose partition
 * lookup accepts any string). Area and direction come from closed sets, so the valid
 * regions of a partition are bounded (they bound the backend's client cache):
 * aws 9 × 9 × 99, aws-cn and aws-us-gov 9 × 99 each.
 */
const DIRECTION =
  '(north|south|east|west|central|northeast|southeast|northwest|southwest)';
const REGION_NUMBER = '[1-9][0-9]?';
/** @public */
export const REGION_PATTERNS: Readonly<Record<AwsPartition, RegExp>> = {
  aws: new RegExp(
    `^(us|eu|ap|sa|ca|me|af|il|mx)-${DIRECTION}-${REGION_NUMBER}$`,
  ),
  'aws-cn': new RegExp(`^cn-${DIRECTION}-${REGION_NUMBER}$`),
  'aws-us-gov': new RegExp(`^us-gov-${DIRECTION}-${REGION_NUMBER}$`),
};
const REGION_EXAMPLE: Record<AwsPartition, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};
/** Longest region accepted (the longest real one is far shorter). */
const MAX_REGION_LENGTH = 25;
const ACCOUNT_ID = /^[0-9]{12}$/;
// EKS: 1–100 characters, starting with a letter or digit, then letters, digits, '-' and '_'.
const CLUSTER_NAME = /^[0-9A-Za-z][0-9A-Za-z_-]{0,99}$/;
const MAX_VALUE_LENGTH = 10_000;
const MAX_TOKEN_SHOWN = 120;
// Control, format (bidi marks, zero-width, BOM), line/paragraph separators, lone surrogates.
const UNSAFE_CHAR = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

function escapeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0xffff
    ? `\\u{${code.toString(16)}}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A token as reports show it: control and invisible formatting characters (bidi
 * marks, zero-width spaces) escaped, and at most 120 characters, so a report never
 * carries terminal escapes, reordered text or megabytes.
 *
 * @public
 */
export function displayToken(token: string): string {
  let out = '';
  for (const char of token) {
    const piece = UNSAFE_CHAR.test(char) ? escapeChar(char) : char;
    if (out.length + piece.length > MAX_TOKEN_SHOWN) return `${out}…`;
    out += piece;
  }
  return out;
}

const shown = displayToken;

/** Why `region` is not a region of `partition`, or undefined when it is. */
function regionProblem(
  region: string,
  partition: AwsPartition,
): string | undefined {
  if (region.length > MAX_REGION_LENGTH) {
    return `region "${shown(region)}" is ${
      region.length
    } characters long; an AWS region has at most ${MAX_REGION_LENGTH}`;
  }
  if (REGION_PATTERNS[partition].test(region)) return undefined;
  const home = PARTITIONS.find(p => REGION_PATTERNS[p].test(region));
  if (home) {
    return `region ${region} is not in partition ${partition}: it belongs to ${home}`;
  }
  const lower = region.toLocaleLowerCase('en-US');
  if (
    lower !== region &&
    PARTITIONS.some(p => REGION_PATTERNS[p].test(lower))
  ) {
    return `"${shown(
      region,
    )}" is not an AWS region: regions are lower-case, e.g. ${
      REGION_EXAMPLE[partition]
    }`;
  }
  return `"${shown(
    region,
  )}" is not an AWS region of partition ${partition}, e.g. ${
    REGION_EXAMPLE[partition]
  }`;
}

/**
 * The partition a region belongs to, or undefined when it is not an AWS region.
 *
 * @public
 */
export function partitionOfRegion(region: string): AwsPartition | undefined {
  if (region.length > MAX_REGION_LENGTH) return undefined;
  return PARTITIONS.find(p => REGION_PATTERNS[p].test(region));
}

function partCountProblem(token: string): string {
  return `an EKS cluster ARN has 6 colon-separated parts, found ${
    token.split(':').length
  }`;
}

/**
 * Parses one EKS cluster ARN strictly: `arn:<partition>:eks:<region>:<account>:cluster/<name>`.
 * Returns the reason it is invalid instead of throwing.
 *
 * @public
 */
export function parseClusterArn(token: string): ClusterArn | { error: string } {
  if (!isArn(token)) {
    // Fewer than 6 parts, or not starting with `arn:`.
    return token.split(':')[0] === 'arn'
      ? { error: partCountProblem(token) }
      : {
          error:
            'not an ARN: expected arn:<partition>:eks:<region>:<account-id>:cluster/<name>',
        };
  }
  const { partition, service, region, accountId, resource } = parseArn(token);
  // The parser keeps any further colons in the resource; a cluster ARN has none.
  if (resource.includes(':')) return { error: partCountProblem(token) };
  if (!PARTITIONS.includes(partition as AwsPartition)) {
    return {
      error: `unsupported partition "${shown(
        partition,
      )}": use aws, aws-cn or aws-us-gov`,
    };
  }
  if (service !== 'eks') {
    return { error: `service is "${shown(service)}", not "eks"` };
  }
  const badRegion = regionProblem(region, partition as AwsPartition);
  if (badRegion) return { error: badRegion };
  if (!ACCOUNT_ID.test(accountId)) {
    return { error: `account id "${shown(accountId)}" must be 12 digits` };
  }
  const slash = resource.indexOf('/');
  const resourceType = slash < 0 ? resource : resource.slice(0, slash);
  if (resourceType !== 'cluster' || slash < 0) {
    return {
      error: `resource must be "cluster/<name>", found "${shown(resource)}"`,
    };
  }
  const name = resource.slice(slash + 1);
  if (!CLUSTER_NAME.test(name)) {
    return {
      error: `cluster name "${shown(
        name,
      )}" is invalid: 1–100 letters, digits, "-" or "_", starting with a letter or digit`,
    };
  }
  return {
    arn: token,
    partition: partition as AwsPartition,
    region,
    accountId,
    name,
  };
}

/**
 * At most `max` errors, then one entry counting the rest: what an entity keeps.
 *
 * @public
 */
export function capAnnotationErrors(
  errors: readonly AnnotationError[],
  max: number = MAX_ANNOTATION_ERRORS_PER_ENTITY,
): AnnotationError[] {
  if (errors.length <= max + 1) return [...errors];
  const more = errors.length - max;
  return [
    ...errors.slice(0, max),
    { token: '…', reason: `and ${more} more invalid tokens, not listed` },
  ];
}

/** @public */
export interface ParseClusterArnsOptions {
  /**
   * Errors kept before the rest are counted in one entry; default
   * {@link MAX_ANNOTATION_ERRORS_PER_ENTITY}. `Infinity` for a caller that adds
   * errors of its own and caps the whole list.
   */
  maxErrors?: number;
}

/**
 * Parses the value of the cluster ARN annotation: ARNs separated by commas or whitespace,
 * duplicates collapsed, every invalid token reported with its reason (the first
 * `maxErrors`, then a count). Never throws.
 *
 * @public
 */
export function parseClusterArns(
  value: unknown,
  options: ParseClusterArnsOptions = {},
): ParsedClusterArns {
  const clusters: ClusterArn[] = [];
  const errors: AnnotationError[] = [];
  if (value === undefined || value === null) return { clusters, errors };
  if (typeof value !== 'string') {
    errors.push({
      token: shown(String(value)),
      reason: 'the annotation value must be a string',
    });
    return { clusters, errors };
  }
  if (value.length > MAX_VALUE_LENGTH) {
    errors.push({
      token: shown(value),
      reason: `the annotation is ${value.length} characters long; at most ${MAX_VALUE_LENGTH} are read`,
    });
    return { clusters, errors };
  }
  const seen = new Set<string>();
  for (const token of value.split(/[\s,]+/)) {
    if (token === '' || seen.has(token)) continue;
    seen.add(token);
    const parsed = parseClusterArn(token);
    if ('error' in parsed) {
      errors.push({ token: shown(token), reason: parsed.error });
    } else if (clusters.length >= MAX_CLUSTERS_PER_ENTITY) {
      errors.push({
        token: shown(token),
        reason: `more than ${MAX_CLUSTERS_PER_ENTITY} clusters on one entity; this one is not evaluated`,
      });
    } else {
      clusters.push(parsed);
    }
  }
  return {
    clusters,
    errors: capAnnotationErrors(
      errors,
      options.maxErrors ?? MAX_ANNOTATION_ERRORS_PER_ENTITY,
    ),
  };
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An attestation of a rewrite (annotation or cluster tag value) as an ISO timestamp,
 * or why it is refused: not an ISO 8601 date (calendar-checked), or in the future
 * (it would attest a rewrite that has not happened).
 *
 * @public
 */
export function parseAttestationDate(
  raw: string,
  now: Date,
): { value: string } | { error: string } {
  const match = raw.length <= 40 ? ISO_DATE.exec(raw) : null;
  const notIso = {
    error: 'is not an ISO 8601 date, e.g. 2024-05-31 or 2024-05-31T12:00:00Z',
  };
  if (!match) return notIso;
  const [, year, month, dayOfMonth, hours, minutes, seconds] =
    match.map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (
    month < 1 ||
    month > 12 ||
    calendar.getUTCDate() !== dayOfMonth ||
    (match[4] !== undefined && (hours > 23 || minutes > 59)) ||
    (match[6] !== undefined && seconds > 59)
  ) {
    return notIso;
  }
  const time = Date.parse(raw);
  if (Number.isNaN(time)) return notIso;
  if (time > now.getTime()) {
    return { error: 'is in the future; attest a rewrite once it is done' };
  }
  return { value: new Date(time).toISOString() };
}
