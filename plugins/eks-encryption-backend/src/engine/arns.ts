import { parse as parseArn, validate as isArn } from '@aws-sdk/util-arn-parser';
import { parseKmsKeyRef } from '../aws/awsReferences';
import type { AwsLocation } from 'backstage-plugin-eks-encryption-node';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Where a KMS key reference lives: the account and region of its ARN. A reference
 * without them (a bare key id or alias name) lives where the cluster does.
 */
export function kmsLocation(ref: string, cluster: AwsLocation): AwsLocation {
  const parsed = parseKmsKeyRef(ref);
  return {
    accountId: parsed?.accountId ?? cluster.accountId,
    region: parsed?.region ?? cluster.region,
  };
}

/** True for a full key ARN (`arn:…:kms:<region>:<account>:key/<id>`). */
export function isKmsKeyArn(ref: string): boolean {
  const parsed = parseKmsKeyRef(ref);
  return parsed?.kind === 'key' && parsed.accountId !== undefined;
}

/** The account of an IAM principal ARN or bare account id, if it names one. */
export function principalAccount(principal: string): string | undefined {
  if (ACCOUNT_ID.test(principal)) return principal;
  if (!isArn(principal)) return undefined;
  const { accountId } = parseArn(principal);
  return ACCOUNT_ID.test(accountId) ? accountId : undefined;
}
