import type { AwsFailure } from 'backstage-plugin-eks-encryption-node';

/**
 * One line naming the action, the account and what went wrong, e.g.
 * "kms:GetKeyPolicy denied in account 111122223333".
 */
export function describeFailure(failure: AwsFailure): string {
  const { action, accountId } = failure;
  switch (failure.kind) {
    case 'access-denied':
      return `${action} denied in account ${accountId}`;
    case 'not-found':
      return `${action} found nothing in account ${accountId}`;
    case 'no-credentials':
      return `${action} not called: no AWS credentials configured for account ${accountId}`;
    default:
      return `${action} failed in account ${accountId}`;
  }
}

/** The failure with its region and the SDK's own message, for `details`. */
export function failureDetails(failure: AwsFailure): string {
  const message = failure.message ? `: ${failure.message}` : '';
  return `${describeFailure(failure)} (region ${failure.region})${message}.`;
}

/** Why a cluster could not be read at all (its verdict becomes `error`). */
export function clusterReadError(
  failure: AwsFailure,
  clusterName: string,
): string {
  const where = `account ${failure.accountId}, region ${failure.region}`;
  switch (failure.kind) {
    case 'not-found':
      return `cluster not found: no EKS cluster named ${clusterName} in ${where}`;
    case 'no-credentials':
      return `no AWS credentials for account ${failure.accountId}: add it under aws.accounts in app-config.yaml (accountId and the roleName of a read-only role), or set aws.accountDefaults.roleName`;
    default:
      return `${describeFailure(failure)} (region ${failure.region}): ${
        failure.message
      }`;
  }
}
