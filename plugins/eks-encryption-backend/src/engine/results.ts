import type {
  CheckStatus,
  Remediation,
} from 'backstage-plugin-eks-encryption-common';
import type {
  AwsFailure,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { describeFailure, failureDetails } from './failures';
import { failedCallRemediation } from './accessRemediation';

/** What a check concludes, with its remediation when there is one. */
export function outcome(
  status: CheckStatus,
  summary: string,
  details: string,
  remediation?: Remediation,
): EksEncryptionCheckOutcome {
  const result = { status, summary, details };
  return remediation ? { ...result, remediation } : result;
}

/** A check that does not apply to this cluster. */
export function notApplicable(
  summary: string,
  details = summary,
): EksEncryptionCheckOutcome {
  return outcome('not-applicable', summary, details);
}

/** The resource a failed call was about, for the remediation snippets. */
export interface FailedResource {
  clusterArn?: string;
  clusterName?: string;
  keyRef?: string;
  updateId?: string;
}

/**
 * A check that could not be judged because a call failed: the summary names the
 * action and the account, e.g. "kms:GetKeyPolicy denied in account 111122223333".
 */
export function unknownFromFailure(
  failure: AwsFailure,
  resource: FailedResource,
  consequence: string,
): EksEncryptionCheckOutcome {
  return outcome(
    'unknown',
    `Not verified: ${describeFailure(failure)}`,
    `${failureDetails(failure)} ${consequence}`,
    failedCallRemediation(failure, resource),
  );
}
