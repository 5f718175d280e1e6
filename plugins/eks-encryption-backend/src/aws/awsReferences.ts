import { parse as parseArn, validate as isArn } from '@aws-sdk/util-arn-parser';
import { otherFailure } from './awsErrors';
import type {
  AwsAction,
  AwsFailure,
  AwsLocation,
} from 'backstage-plugin-eks-encryption-node';

/**
 * A KMS key reference as `encryptionConfig[].provider.keyArn` or `kms:DescribeKey`
 * accept it: a key ARN, an alias ARN, a key id or an alias name.
 */
export type KmsKeyRef =
  | { kind: 'key'; keyId: string; accountId?: string; region?: string }
  | { kind: 'alias'; aliasName: string; accountId?: string; region?: string };

// Key ids are UUIDs, multi-Region keys start with "mrk-"; alias names are
// "alias/" followed by letters, digits, "/", "_" and "-".
const KEY_ID = /^(mrk-)?[0-9A-Za-z-]{1,64}$/;
const ALIAS_NAME = /^alias\/[0-9A-Za-z/_-]{1,250}$/;
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov']);
const REGION = /^[a-z0-9-]+$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The region, account and resource of a KMS ARN, split by the SDK's ARN parser and
 * held to what KMS accepts; `undefined` for anything else.
 */
function parseKmsArn(
  ref: string,
): { region: string; accountId: string; resource: string } | undefined {
  const arn = parseArn(ref);
  const strict =
    PARTITIONS.has(arn.partition) &&
    arn.service === 'kms' &&
    REGION.test(arn.region) &&
    ACCOUNT_ID.test(arn.accountId) &&
    /^(key|alias)\/./.test(arn.resource);
  return strict
    ? { region: arn.region, accountId: arn.accountId, resource: arn.resource }
    : undefined;
}

/** Parses a KMS key reference; `undefined` when it is none of the accepted forms. */
export function parseKmsKeyRef(ref: string): KmsKeyRef | undefined {
  const arn = isArn(ref) ? parseKmsArn(ref) : undefined;
  // An ARN that is not a KMS key or alias ARN is no reference at all.
  if (isArn(ref) && !arn) return undefined;
  const resource = arn ? arn.resource : ref;
  const location = arn ? { region: arn.region, accountId: arn.accountId } : {};
  if (resource.startsWith('alias/')) {
    return ALIAS_NAME.test(resource) && !resource.includes('//')
      ? { kind: 'alias', aliasName: resource, ...location }
      : undefined;
  }
  const keyId = arn ? resource.slice('key/'.length) : resource;
  return KEY_ID.test(keyId) ? { kind: 'key', keyId, ...location } : undefined;
}

/** A KMS call's target: the parsed reference and where the call goes. */
export interface KmsCallTarget<R extends KmsKeyRef = KmsKeyRef> {
  ref: R;
  at: AwsLocation;
}

/** Where a KMS call on `keyRef` goes, or why it cannot be made. */
export function kmsCallTarget(
  action: AwsAction,
  keyRef: string,
  at: AwsLocation,
  accepts: 'key',
): KmsCallTarget<Extract<KmsKeyRef, { kind: 'key' }>> | AwsFailure;
export function kmsCallTarget(
  action: AwsAction,
  keyRef: string,
  at: AwsLocation,
  accepts: 'key-or-alias' | 'key',
): KmsCallTarget | AwsFailure;
export function kmsCallTarget(
  action: AwsAction,
  keyRef: string,
  at: AwsLocation,
  accepts: 'key-or-alias' | 'key',
): KmsCallTarget | AwsFailure {
  const ref = parseKmsKeyRef(keyRef);
  if (!ref || (accepts === 'key' && ref.kind !== 'key')) {
    return otherFailure(
      'failed',
      action,
      at,
      `not called: "${keyRef.slice(0, 200)}" is not a KMS ${
        accepts === 'key' ? 'key ARN' : 'key or alias ARN'
      }`,
    );
  }
  // A key lives in the region its ARN names; credentials stay the caller's choice.
  return {
    ref,
    at: { accountId: at.accountId, region: ref.region ?? at.region },
  };
}

// What EKS allows as a cluster name (and what is safe as a file name).
const CLUSTER_NAME = /^[0-9A-Za-z][0-9A-Za-z_-]{0,99}$/;

/** Whether `name` is a valid EKS cluster name. */
export function isValidClusterName(name: string): boolean {
  return CLUSTER_NAME.test(name);
}

// EKS update ids are UUIDs.
const UPDATE_ID = /^[0-9A-Za-z-]{1,100}$/;

/** Whether `updateId` looks like an EKS update id (and is safe as a file name). */
export function isValidUpdateId(updateId: string): boolean {
  return UPDATE_ID.test(updateId);
}

/** The failure for an update id that is not one; the call is not made. */
export function invalidUpdateIdFailure(
  at: AwsLocation,
  updateId: string,
): AwsFailure {
  return otherFailure(
    'failed',
    'eks:DescribeUpdate',
    at,
    `not called: "${updateId.slice(0, 100)}" is not an EKS update id`,
  );
}
