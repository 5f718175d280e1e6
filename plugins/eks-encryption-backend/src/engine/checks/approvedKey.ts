import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { newClusterRemediation } from '../remediation';
import { outcome, notApplicable } from '../results';
import { newKeyOptions, resolveKey } from './context';

/** `approved-key`: judged only when `policy.approvedKeyArns` is set. */
function judgeApprovedKey(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const approved = ctx.policy.approvedKeyArns;
  if (!approved) {
    return notApplicable(
      'No approved keys are configured',
      'eksEncryption.policy.approvedKeyArns is not set, so any key may be used.',
    );
  }
  // A key ARN on the cluster that is itself in the list needs no DescribeKey.
  if (ctx.keyRef && approved.includes(ctx.keyRef)) {
    return outcome(
      'pass',
      'Secrets are encrypted with an approved KMS key',
      `${ctx.keyRef} is in eksEncryption.policy.approvedKeyArns.`,
    );
  }
  const resolved = resolveKey(
    ctx,
    'Which key the reference resolves to is unknown, so it cannot be matched against the approved keys.',
  );
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;
  if (approved.includes(key.arn)) {
    return outcome(
      'pass',
      'Secrets are encrypted with an approved KMS key',
      `${ctx.keyRef} resolves to ${key.arn}, which is in eksEncryption.policy.approvedKeyArns.`,
    );
  }
  return outcome(
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

export const approvedKeyCheck: EksEncryptionCheck = {
  id: 'approved-key',
  title: 'Approved key',
  severity: 'high',
  description:
    'Judged only when approved key ARNs are configured: the key is one of them.',
  judge: judgeApprovedKey,
};
