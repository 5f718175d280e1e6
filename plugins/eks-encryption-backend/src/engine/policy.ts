import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { isKmsKeyArn } from './arns';
import type { EvaluationPolicy, KeySharingScope } from './types';

const PREFIX = 'eksEncryption.policy';
const SCOPES: readonly KeySharingScope[] = [
  'cluster',
  'environment',
  'account',
];
// KMS accepts automatic rotation periods from 90 to 2560 days.
const MIN_ROTATION_DAYS = 90;
const MAX_ROTATION_DAYS = 2560;

/** The policy applied when `eksEncryption.policy` is absent. */
export const DEFAULT_EVALUATION_POLICY: Readonly<EvaluationPolicy> = {
  maxRotationDays: 365,
  keySharing: 'environment',
  requiredTags: ['owner'],
  environmentTagKeys: ['environment', 'env'],
  productionValues: ['production', 'prod'],
};

function invalid(key: string, why: string): InputError {
  return new InputError(`Invalid config ${PREFIX}.${key}: ${why}`);
}

function readNames(
  config: Config,
  key: string,
  fallback: string[],
  allowEmpty: boolean,
): string[] {
  const values = config.getOptionalStringArray(key);
  if (values === undefined) return [...fallback];
  const names = values.map(v => v.trim());
  if (names.some(n => n.length === 0)) {
    throw invalid(key, 'entries must not be empty');
  }
  if (!allowEmpty && names.length === 0) {
    throw invalid(key, 'list at least one value');
  }
  return [...new Set(names)];
}

/**
 * Reads `eksEncryption.policy` with defaults: rotation at most every 365 days, keys
 * shared only within one environment, an `owner` tag, environment from the tags
 * `environment` or `env`, production being `production` or `prod`.
 */
export function readEvaluationPolicy(config: Config): EvaluationPolicy {
  const policy = config.getOptionalConfig(PREFIX);
  if (!policy) {
    return {
      ...DEFAULT_EVALUATION_POLICY,
      requiredTags: [...DEFAULT_EVALUATION_POLICY.requiredTags],
      environmentTagKeys: [...DEFAULT_EVALUATION_POLICY.environmentTagKeys],
      productionValues: [...DEFAULT_EVALUATION_POLICY.productionValues],
    };
  }

  const maxRotationDays =
    policy.getOptionalNumber('maxRotationDays') ??
    DEFAULT_EVALUATION_POLICY.maxRotationDays;
  if (
    !Number.isInteger(maxRotationDays) ||
    maxRotationDays < MIN_ROTATION_DAYS ||
    maxRotationDays > MAX_ROTATION_DAYS
  ) {
    throw invalid(
      'maxRotationDays',
      `${maxRotationDays} is not a whole number of days from ${MIN_ROTATION_DAYS} to ${MAX_ROTATION_DAYS} (the rotation periods KMS supports)`,
    );
  }

  const keySharing =
    policy.getOptionalString('keySharing') ??
    DEFAULT_EVALUATION_POLICY.keySharing;
  if (!SCOPES.includes(keySharing as KeySharingScope)) {
    throw invalid(
      'keySharing',
      `"${keySharing}" is not one of ${SCOPES.join(', ')}`,
    );
  }

  const approvedKeyArns = policy.getOptionalStringArray('approvedKeyArns');
  if (approvedKeyArns !== undefined) {
    if (approvedKeyArns.length === 0) {
      throw invalid(
        'approvedKeyArns',
        'the list is empty; leave it out to skip the approved-key check',
      );
    }
    const bad = approvedKeyArns.find(arn => !isKmsKeyArn(arn));
    if (bad !== undefined) {
      throw invalid(
        'approvedKeyArns',
        `"${bad}" is not a KMS key ARN (arn:<partition>:kms:<region>:<account-id>:key/<key-id>)`,
      );
    }
  }

  return {
    maxRotationDays,
    keySharing: keySharing as KeySharingScope,
    ...(approvedKeyArns
      ? { approvedKeyArns: [...new Set(approvedKeyArns)] }
      : {}),
    requiredTags: readNames(
      policy,
      'requiredTags',
      DEFAULT_EVALUATION_POLICY.requiredTags,
      true,
    ),
    environmentTagKeys: readNames(
      policy,
      'environmentTagKeys',
      DEFAULT_EVALUATION_POLICY.environmentTagKeys,
      false,
    ),
    productionValues: readNames(
      policy,
      'productionValues',
      DEFAULT_EVALUATION_POLICY.productionValues,
      true,
    ),
  };
}
