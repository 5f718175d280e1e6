import type {
  ClusterArn,
  Remediation,
} from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import { describeFailure } from '../failures';
import { newClusterRemediation, type KeyTarget } from '../remediation';
import { outcome } from '../results';
import { keyTarget, newKeyOptions, resolveKey } from './context';

/** `health.issues` codes by which EKS reports a key it cannot use. */
const KMS_HEALTH_ISSUE_CODES = [
  'KmsKeyDisabled',
  'KmsKeyMarkedForDeletion',
  'KmsKeyNotFound',
  'KmsGrantRevoked',
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const CANNOT_DECRYPT =
  'the control plane cannot decrypt Secrets: reading or writing them fails and the cluster is degraded';

/** A disabled key: enable it again. */
function enableKeyRemediation(key: KeyTarget): Remediation {
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, then Key actions → Enable.`,
      'Check CloudTrail (DisableKey) for who disabled it, and guard the key with a policy that denies kms:DisableKey to everyone but key administrators.',
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: `aws kms enable-key --region ${key.region} --key-id ${key.arn}`,
      },
    ],
  };
}

/** A key pending deletion: cancel the deletion and enable the key. */
function cancelKeyDeletionRemediation(key: KeyTarget): Remediation {
  return {
    steps: [
      `Open the AWS KMS console in ${key.region}, choose the key, then Key actions → Cancel key deletion, then Key actions → Enable (a key whose deletion is cancelled stays disabled).`,
      'Check CloudTrail (ScheduleKeyDeletion) for who scheduled it, and deny kms:ScheduleKeyDeletion on this key to everyone but key administrators.',
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          `aws kms cancel-key-deletion --region ${key.region} --key-id ${key.arn}`,
          `aws kms enable-key --region ${key.region} --key-id ${key.arn}`,
        ].join('\n'),
      },
    ],
  };
}

/** EKS lost its grant on the key. */
function grantRevokedRemediation(
  cluster: ClusterArn,
  key: KeyTarget,
): Remediation {
  return {
    steps: [
      'Find who revoked or retired the grant of Amazon EKS on the key in CloudTrail (RevokeGrant, RetireGrant).',
      `Make sure the key policy still lets the cluster role of ${cluster.name} use the key (kms:DescribeKey, kms:Encrypt, kms:Decrypt, kms:CreateGrant).`,
      'Open an AWS Support case to restore the cluster; if it cannot be restored, create a new cluster with a new key and migrate.',
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: [
          `aws kms list-grants --region ${key.region} --key-id ${key.arn}`,
          `aws cloudtrail lookup-events --region ${key.region} \\`,
          '  --lookup-attributes AttributeKey=EventName,AttributeValue=RevokeGrant',
        ].join('\n'),
      },
    ],
  };
}

/** A key in a state other than Enabled, Disabled or pending deletion. */
function keyStateRemediation(key: KeyTarget, keyState: string): Remediation {
  const steps: Record<string, string> = {
    Unavailable:
      'The key lives in a custom key store that is disconnected: reconnect it (KMS console → Custom key stores → Connect), and check the CloudHSM cluster or external key manager behind it.',
    PendingImport:
      'The key has no key material: import the material it was created for (KMS console → the key → Key material → Import key material).',
  };
  return {
    steps: [
      steps[keyState] ??
        `Bring the key from state ${keyState} back to Enabled in the AWS KMS console in ${key.region}.`,
    ],
    snippets: [
      {
        title: 'AWS CLI',
        language: 'shell',
        code: `aws kms describe-key --region ${key.region} --key-id ${key.arn} --query KeyMetadata.KeyState`,
      },
    ],
  };
}

function deletionWhen(deletionDate: string | undefined, now: Date): string {
  const when = deletionDate ? new Date(deletionDate) : undefined;
  if (!when || Number.isNaN(when.getTime())) return 'on an unknown date';
  const days = Math.ceil((when.getTime() - now.getTime()) / DAY_MS);
  const inDays =
    days > 0 ? ` (in ${days} day${days === 1 ? '' : 's'})` : ' (due now)';
  return `on ${when.toISOString().slice(0, 10)}${inDays}`;
}

function issueRemediation(
  ctx: EksEncryptionCheckContext,
  code: string,
): Remediation {
  const key = keyTarget(ctx);
  switch (code) {
    case 'KmsKeyDisabled':
      return enableKeyRemediation(key);
    case 'KmsKeyMarkedForDeletion':
      return cancelKeyDeletionRemediation(key);
    case 'KmsGrantRevoked':
      return grantRevokedRemediation(ctx.cluster, key);
    default:
      return newClusterRemediation(
        ctx.cluster,
        `The KMS key of ${ctx.cluster.name} no longer exists, so Secrets encrypted with it cannot be decrypted.`,
        newKeyOptions(ctx),
      );
  }
}

/**
 * `key-usable`: KeyState Enabled and no KMS health issue. A key that does not exist
 * fails; otherwise a DescribeKey that gave no answer leaves it unknown.
 */
function judgeKeyUsable(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const codes = new Set<string>(KMS_HEALTH_ISSUE_CODES);
  const issues = ctx.eks.healthIssues.filter(i => codes.has(i.code));
  const issueText = issues
    .map(i => `${i.code}${i.message ? ` (${i.message})` : ''}`)
    .join('; ');
  const reported = issues.length ? ` EKS reports: ${issueText}.` : '';
  if (ctx.key && !ctx.key.metadata.ok) {
    const failure = ctx.key.metadata;
    if (failure.kind === 'not-found') {
      return outcome(
        'fail',
        `The KMS key ${ctx.keyRef} does not exist: the cluster cannot decrypt its Secrets`,
        `${describeFailure(failure)} (${
          failure.message
        }). Without its key ${CANNOT_DECRYPT}, and the cluster cannot be recovered.${reported}`,
        issueRemediation(ctx, 'KmsKeyNotFound'),
      );
    }
    if (issues.length) {
      return outcome(
        'fail',
        `EKS cannot use the KMS key: ${issues.map(i => i.code).join(', ')}`,
        `${
          ctx.cluster.name
        } reports a KMS health issue, so ${CANNOT_DECRYPT}.${reported} The key itself could not be described: ${describeFailure(
          failure,
        )}.`,
        issueRemediation(ctx, issues[0].code),
      );
    }
  }
  const resolved = resolveKey(ctx, 'Whether the key is enabled is unknown.');
  if ('result' in resolved) return resolved.result;
  const key = resolved.key.metadata.value;

  const state = key.keyState ?? 'unknown';
  const target = keyTarget(ctx);
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') {
    const when = deletionWhen(key.deletionDate, ctx.now);
    return outcome(
      'fail',
      `The KMS key is scheduled for deletion ${when}: the cluster will lose its Secrets`,
      `${target.arn} is ${state}. Until then ${CANNOT_DECRYPT}; once deleted (${
        key.deletionDate ?? 'date unknown'
      }) Secrets encrypted with it can never be decrypted and the cluster cannot be recovered.${reported}`,
      cancelKeyDeletionRemediation(target),
    );
  }
  if (state === 'Disabled') {
    return outcome(
      'fail',
      'The KMS key is disabled: the cluster cannot decrypt its Secrets',
      `${target.arn} is Disabled, so ${CANNOT_DECRYPT} until the key is enabled again.${reported}`,
      enableKeyRemediation(target),
    );
  }
  if (state !== 'Enabled') {
    return outcome(
      'fail',
      `The KMS key is ${state}, not Enabled: the cluster cannot rely on it`,
      `${target.arn} has KeyState ${state}; EKS needs an Enabled key, otherwise ${CANNOT_DECRYPT}.${reported}`,
      keyStateRemediation(target, state),
    );
  }
  if (issues.length) {
    return outcome(
      'fail',
      `EKS cannot use the enabled KMS key: ${issues
        .map(i => i.code)
        .join(', ')}`,
      `${target.arn} is Enabled, but ${ctx.cluster.name} reports a KMS health issue, so ${CANNOT_DECRYPT}.${reported}`,
      issueRemediation(ctx, issues[0].code),
    );
  }
  return outcome(
    'pass',
    'The KMS key is enabled and EKS reports no KMS issue',
    `${
      target.arn
    } has KeyState Enabled and the cluster's health shows none of ${KMS_HEALTH_ISSUE_CODES.join(
      ', ',
    )}.`,
  );
}

export const keyUsableCheck: EksEncryptionCheck = {
  id: 'key-usable',
  title: 'Key usable',
  severity: 'critical',
  description:
    'The key is Enabled and the cluster reports no KMS health issue; otherwise what breaks and when (deletion date).',
  judge: judgeKeyUsable,
};
