import {
  getCheckDefinition,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type Remediation,
} from 'backstage-plugin-eks-encryption-common';
import type { AwsFailure } from '../aws/types';
import { describeFailure, failureDetails } from './failures';
import { failedCallRemediation } from './accessRemediation';

/** A check result with the catalogue's severity. */
export function checkResult(
  id: CheckId,
  status: CheckStatus,
  summary: string,
  details: string,
  remediation?: Remediation,
): CheckResult {
  const result: CheckResult = {
    id,
    severity: getCheckDefinition(id).severity,
    status,
    summary,
    details,
  };
  return remediation ? { ...result, remediation } : result;
}

/** A check that does not apply to this cluster. */
export function notApplicable(
  id: CheckId,
  summary: string,
  details = summary,
): CheckResult {
  return checkResult(id, 'not-applicable', summary, details);
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
  id: CheckId,
  failure: AwsFailure,
  resource: FailedResource,
  consequence: string,
): CheckResult {
  return checkResult(
    id,
    'unknown',
    `Not verified: ${describeFailure(failure)}`,
    `${failureDetails(failure)} ${consequence}`,
    failedCallRemediation(failure, resource),
  );
}
