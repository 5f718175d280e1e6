import type { CheckResult } from 'backstage-plugin-eks-encryption-common';
import { newClusterRemediation } from '../remediation';
import { checkResult, notApplicable } from '../results';
import { newKeyOptions, resolveKey, type JudgeContext } from './context';

/** `approved-key`: judged only when `policy.approvedKeyArns` is set. */
export function judgeApprovedKey(ctx: JudgeContext): CheckResult {
  const id = 'approved-key';
  const approved = ctx.policy.approvedKeyArns;
  if (!approved) {
    return notApplicable(
      id,
      'No approved keys are configured',
      'eksEncryption.policy.approvedKeyArns is not set, so any key may be used.',
    );
  }
  // A key ARN on the cluster that is itself in the list needs no DescribeKey.
  if (ctx.keyRef && approved.includes(ctx.keyRef)) {
    return checkResult(
      id,
      'pass',
      'Secrets are encrypted with an approved KMS key',
      `${ctx.keyRef} is in eksEncryption.policy.approvedKeyArns.`,
    );
  }
  const resolved = resolveKey(
    id,
    ctx,
    'Which key the reference resolves to is unknown, so it cannot be matched against the approved keys.',
  );
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  if (approved.includes(key.arn)) {
    return checkResult(
      id,
      'pass',
      'Secrets are encrypted with an approved KMS key',
      `${ctx.keyRef} resolves to ${key.arn}, which is in eksEncryption.policy.approvedKeyArns.`,
    );
  }
  return checkResult(
    id,
    'fail',
    'Secrets are encrypted with a KMS key that is not approved',
    `${ctx.keyRef}${
      ctx.keyRef === key.arn ? '' : ` (resolving to ${key.arn})`
    } is not one of the ${
      approved.length
    } keys in eksEncryption.policy.approvedKeyArns.`,
    newClusterRemediation(
      ctx.cluster,
      `${ctx.cluster.name} encrypts Secrets with ${key.arn}, which is not an approved key.`,
      {
        ...newKeyOptions(ctx),
        keyStep: `Choose one of the approved keys in ${
          ctx.cluster.region
        } (${approved.join(
          ', ',
        )}), or have a new dedicated key added to eksEncryption.policy.approvedKeyArns.`,
      },
    ),
  );
}
