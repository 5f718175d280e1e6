import { createHash } from 'node:crypto';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';

/**
 * First segment of every name the provider gives. The names are
 * dot-separated; the catalog AWS module names EKS Resources from the cluster
 * name alone (lower-cased, anything but `[a-z0-9-]` turned into `-`) and EKS
 * cluster names have no dot, so its names never contain one and can never
 * equal ours.
 */
const NAME_PREFIX = 'eks';

/** The catalog's limit on `metadata.name`. */
const MAX_NAME_LENGTH = 63;

/** Hex digits of the ARN's SHA-256 kept in a shortened name: 40 bits. */
const HASH_LENGTH = 10;

/**
 * The catalog `metadata.name` of the Resource for one EKS cluster:
 * `eks.<account>.<region>.<cluster name>`, e.g.
 * `eks.123456789012.eu-west-1.payments`.
 *
 * @remarks
 *
 * Catalog names are at most 63 characters and compare case-insensitively,
 * while EKS cluster names are up to 100 characters, case-sensitive, and may
 * repeat or end with `-`/`_`. When the cluster name cannot be kept as it is
 * (upper case, `--`, a trailing `-`/`_`, or too long), the name carries a
 * lower-cased, cleaned-up and possibly shortened form of it and, as a fifth
 * segment, 10 hex digits of the SHA-256 of the ARN:
 * `eks.123456789012.eu-west-1.payments-prod.0e8712061d`.
 *
 * Distinct ARNs get distinct names: an unchanged name has four segments and
 * spells out account, region and cluster (the region fixes the partition); a
 * changed one has five and differs by the hash.
 *
 * @public
 */
export function discoveredClusterEntityName(cluster: ClusterArn): string {
  const { accountId, region, name, arn } = cluster;
  const head = `${NAME_PREFIX}.${accountId}.${region}.`;
  const readable = cleanSegment(name);
  if (readable === name && head.length + name.length <= MAX_NAME_LENGTH) {
    return `${head}${name}`;
  }
  const hash = createHash('sha256')
    .update(arn, 'utf8')
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const room = MAX_NAME_LENGTH - head.length - HASH_LENGTH - 1;
  // Never empty: a four-segment hashed name could read as an unchanged one.
  const shortened = cleanSegment(readable.slice(0, room)) || 'cluster';
  return `${head}${shortened}.${hash}`;
}

/**
 * A name segment the catalog accepts: lower case, letters and digits with
 * single `-`/`_` between them, none at either end.
 */
function cleanSegment(value: string): string {
  return value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/[_-]{2,}/g, match => match[0])
    .replace(/^[_-]+|[_-]+$/g, '');
}
