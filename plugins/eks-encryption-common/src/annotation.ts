import type { AnnotationError } from './types';
import { MAX_CLUSTERS_PER_ENTITY } from './constants';

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
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
// EKS: 1–100 characters, starting with a letter or digit, then letters, digits, '-' and '_'.
const CLUSTER_NAME = /^[0-9A-Za-z][0-9A-Za-z_-]{0,99}$/;
const MAX_VALUE_LENGTH = 10_000;
const MAX_TOKEN_SHOWN = 120;

function regionFitsPartition(region: string, partition: AwsPartition): boolean {
  if (partition === 'aws-cn') return region.startsWith('cn-');
  if (partition === 'aws-us-gov') return region.startsWith('us-gov-');
  return (
    !region.startsWith('cn-') &&
    !region.startsWith('us-gov-') &&
    !region.includes('-iso')
  );
}

/** Shortens and escapes a token so a report never carries control characters or megabytes. */
function shown(token: string): string {
  const printable = token.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return printable.length > MAX_TOKEN_SHOWN
    ? `${printable.slice(0, MAX_TOKEN_SHOWN)}…`
    : printable;
}

/**
 * Parses one EKS cluster ARN strictly: `arn:<partition>:eks:<region>:<account>:cluster/<name>`.
 * Returns the reason it is invalid instead of throwing.
 *
 * @public
 */
export function parseClusterArn(token: string): ClusterArn | { error: string } {
  const parts = token.split(':');
  if (parts[0] !== 'arn') {
    return {
      error:
        'not an ARN: expected arn:<partition>:eks:<region>:<account-id>:cluster/<name>',
    };
  }
  if (parts.length !== 6) {
    return {
      error: `an EKS cluster ARN has 6 colon-separated parts, found ${parts.length}`,
    };
  }
  const [, partition, service, region, accountId, resource] = parts;
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
  if (!REGION.test(region)) {
    return { error: `"${shown(region)}" is not an AWS region` };
  }
  if (!regionFitsPartition(region, partition as AwsPartition)) {
    return { error: `region ${region} is not in partition ${partition}` };
  }
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
 * Parses the value of the cluster ARN annotation: ARNs separated by commas or whitespace,
 * duplicates collapsed, every invalid token reported with its reason. Never throws.
 *
 * @public
 */
export function parseClusterArns(value: unknown): ParsedClusterArns {
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
  return { clusters, errors };
}
