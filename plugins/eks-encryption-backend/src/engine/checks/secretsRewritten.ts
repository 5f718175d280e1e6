import {
  SECRETS_REWRITTEN_AT_ANNOTATION,
  type CheckResult,
} from 'backstage-plugin-eks-encryption-common';
import { rewriteSecretsRemediation } from '../remediation';
import { REWRITE_SECRETS_COMMAND } from '../remediationSnippets';
import { checkResult, unknownFromFailure } from '../results';
import { noKeyResult, type JudgeContext } from './context';

function parseDate(value?: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function day(value?: string): string {
  return parseDate(value)?.toISOString().slice(0, 10) ?? 'an unknown date';
}

/** Why the owner's attestation does not settle the check, if one is present. */
function attestationNote(
  attested: string | undefined,
  associatedAt?: Date,
): string {
  if (!attested) {
    return ` No rewrite is attested with the annotation ${SECRETS_REWRITTEN_AT_ANNOTATION}.`;
  }
  const date = parseDate(attested);
  if (!date) {
    return ` The annotation ${SECRETS_REWRITTEN_AT_ANNOTATION} holds "${attested}", which is not an ISO 8601 date.`;
  }
  if (!associatedAt) {
    return ` The rewrite attested on ${attested} cannot be compared with an association of unknown date.`;
  }
  return ` The rewrite attested on ${attested} is not after the association.`;
}

/**
 * `secrets-rewritten`: encryption present at creation passes; associated later warns
 * with the date and the rewrite command, unless a rewrite after it is attested.
 */
export function judgeSecretsRewritten(ctx: JudgeContext): CheckResult {
  const id = 'secrets-rewritten';
  const updates = ctx.updates;
  if (!ctx.keyRef || !updates) return noKeyResult(id, ctx);
  const resource = {
    clusterArn: ctx.cluster.arn,
    clusterName: ctx.cluster.name,
  };
  if (!updates.ok) {
    return unknownFromFailure(
      id,
      updates.failure,
      resource,
      'Whether encryption was enabled after the cluster was created is unknown.',
    );
  }
  const association = updates.association ?? updates.associationInProgress;
  if (association) {
    const associatedAt = parseDate(association.createdAt);
    const attested = parseDate(ctx.target.secretsRewrittenAt);
    const inProgress = association === updates.associationInProgress;
    const when = day(association.createdAt);
    if (!inProgress && attested && associatedAt && attested > associatedAt) {
      return checkResult(
        id,
        'pass',
        `Existing Secrets were rewritten after encryption was enabled on ${when}`,
        `Encryption was associated after creation (update ${association.id}, ${association.createdAt}); the owner attests a rewrite of all Secrets on ${ctx.target.secretsRewrittenAt} with ${SECRETS_REWRITTEN_AT_ANNOTATION}.`,
      );
    }
    const state = inProgress
      ? `Encryption is being associated (update ${
          association.id
        } in progress since ${association.createdAt ?? 'an unknown time'})`
      : `Encryption was associated on ${
          association.createdAt ?? 'an unknown date'
        } (update ${association.id}), after the cluster was created on ${
          ctx.eks.createdAt ?? 'an unknown date'
        }`;
    return checkResult(
      id,
      'warn',
      `Encryption was enabled after creation (${when}): rewrite Secrets created before then`,
      `${state}. Secrets written before the association stay as they were (Base64 before Kubernetes 1.28, the AWS-owned key after) until rewritten with "${REWRITE_SECRETS_COMMAND}".${attestationNote(
        ctx.target.secretsRewrittenAt,
        inProgress ? undefined : associatedAt,
      )}`,
      rewriteSecretsRemediation(ctx.cluster),
    );
  }
  if (updates.unread) {
    return unknownFromFailure(
      id,
      updates.unread.failure,
      { ...resource, updateId: updates.unread.updateId },
      `Update ${updates.unread.updateId} could not be read, so whether encryption was enabled after creation is unknown.`,
    );
  }
  return checkResult(
    id,
    'pass',
    'Encryption was configured when the cluster was created',
    `The update history of ${
      ctx.cluster.name
    } has no AssociateEncryptionConfig update: the key was set at creation${
      ctx.eks.createdAt ? ` (${ctx.eks.createdAt})` : ''
    }, so every Secret was written encrypted with it.`,
  );
}
