import type {
  ClusterArn,
  Remediation,
} from 'backstage-plugin-eks-encryption-common';
import type {
  AwsFailure,
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';

import { isResolved } from '../facts';
import type { KeyTarget } from '../remediation';
import { tagsHcl } from '../remediationSnippets';
import { outcome, notApplicable, unknownFromFailure } from '../results';
import { keyTarget } from './context';

/** Required tags missing on the cluster, the key, or both. */
function ownershipTagsRemediation(options: {
  cluster: ClusterArn;
  missingClusterTags: readonly string[];
  key?: KeyTarget;
  missingKeyTags: readonly string[];
}): Remediation {
  const { cluster, key, missingClusterTags, missingKeyTags } = options;
  const steps: string[] = [];
  const cli: string[] = [];
  const hcl: string[] = [];
  if (missingClusterTags.length) {
    steps.push(
      `EKS console → cluster ${
        cluster.name
      } → Tags → Manage tags: add ${missingClusterTags.join(', ')}.`,
    );
    cli.push(
      `aws eks tag-resource --region ${cluster.region} --resource-arn ${cluster.arn} \\`,
      `  --tags ${missingClusterTags.map(t => `${t}=<value>`).join(',')}`,
    );
    hcl.push(
      `resource "aws_eks_cluster" "this" {\n  # ... existing arguments ...\n${tagsHcl(
        missingClusterTags,
      )}}`,
    );
  }
  if (key && missingKeyTags.length) {
    steps.push(
      `AWS KMS console in ${
        key.region
      } → the key → Tags → Edit: add ${missingKeyTags.join(', ')}.`,
    );
    cli.push(
      `aws kms tag-resource --region ${key.region} --key-id ${key.arn} \\`,
      `  --tags ${missingKeyTags
        .map(t => `TagKey=${t},TagValue=<value>`)
        .join(' ')}`,
    );
    hcl.push(
      `resource "aws_kms_key" "eks" {\n  # ... existing arguments ...\n${tagsHcl(
        missingKeyTags,
      )}}`,
    );
  }
  return {
    steps,
    snippets: [
      { title: 'AWS CLI', language: 'shell', code: cli.join('\n') },
      { title: 'Terraform', language: 'hcl', code: hcl.join('\n\n') },
    ],
  };
}

/** The required tags a resource lacks (a blank value counts as missing). */
function missingTags(
  tags: Readonly<Record<string, string>>,
  required: readonly string[],
): string[] {
  return required.filter(tag => !tags[tag]?.trim());
}

/** Tags present under another letter case, which AWS treats as other keys. */
function caseHints(
  tags: Readonly<Record<string, string>>,
  missing: readonly string[],
): string[] {
  const keys = Object.keys(tags);
  return missing.flatMap(tag => {
    const near = keys.find(
      k => k !== tag && k.toLowerCase() === tag.toLowerCase(),
    );
    return near
      ? [`"${near}" is present, but tag keys are case-sensitive`]
      : [];
  });
}

type KeyHalf =
  | { kind: 'none'; note: string }
  | { kind: 'unknown'; failure: AwsFailure; keyRef: string }
  | { kind: 'read'; tags: Record<string, string> };

function keyHalf(ctx: EksEncryptionCheckContext): KeyHalf {
  if (!ctx.key || !ctx.keyRef) {
    return {
      kind: 'none',
      note: 'The cluster has no KMS key, so only its own tags are judged.',
    };
  }
  if (!isResolved(ctx.key)) {
    return { kind: 'unknown', failure: ctx.key.metadata, keyRef: ctx.keyRef };
  }
  const key = ctx.key.metadata.value;
  if (key.keyManager !== 'CUSTOMER' || !ctx.key.tags) {
    return {
      kind: 'none',
      note: `${key.arn} is not customer-managed and cannot carry tags, so only the cluster's tags are judged.`,
    };
  }
  if (!ctx.key.tags.ok) {
    return { kind: 'unknown', failure: ctx.key.tags, keyRef: key.arn };
  }
  return { kind: 'read', tags: ctx.key.tags.value };
}

function keyHalfNote(half: KeyHalf): string {
  switch (half.kind) {
    case 'none':
      return ` ${half.note}`;
    case 'unknown':
      return ' The key tags could not be read.';
    default:
      return '';
  }
}

/** `ownership-tags`: cluster and key carry `policy.requiredTags` (cluster only without a key). */
function judgeOwnershipTags(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const required = ctx.policy.requiredTags;
  if (required.length === 0) {
    return notApplicable(
      'No tags are required',
      'eksEncryption.policy.requiredTags is empty.',
    );
  }
  const missingOnCluster = missingTags(ctx.eks.tags, required);
  const half = keyHalf(ctx);
  const missingOnKey =
    half.kind === 'read' ? missingTags(half.tags, required) : [];
  const list = required.join(', ');

  if (missingOnCluster.length || missingOnKey.length) {
    const parts = [
      ...(missingOnCluster.length
        ? [`${missingOnCluster.join(', ')} on the cluster`]
        : []),
      ...(missingOnKey.length ? [`${missingOnKey.join(', ')} on the key`] : []),
    ];
    const hints = [
      ...caseHints(ctx.eks.tags, missingOnCluster),
      ...(half.kind === 'read' ? caseHints(half.tags, missingOnKey) : []),
    ];
    const keyNote = keyHalfNote(half);
    return outcome(
      'fail',
      `Missing required tags: ${parts.join('; ')}`,
      `Required tags: ${list}. Missing ${parts.join('; ')}.${
        hints.length ? ` ${hints.join('; ')}.` : ''
      }${keyNote}`,
      ownershipTagsRemediation({
        cluster: ctx.cluster,
        missingClusterTags: missingOnCluster,
        key: keyTarget(ctx),
        missingKeyTags: missingOnKey,
      }),
    );
  }
  if (half.kind === 'unknown') {
    return unknownFromFailure(
      half.failure,
      { keyRef: half.keyRef, clusterName: ctx.cluster.name },
      `The cluster carries ${list}; the key's tags are unknown (they can only be read with credentials in the key's own account).`,
    );
  }
  return outcome(
    'pass',
    half.kind === 'read'
      ? `The cluster and its key carry the required tags (${list})`
      : `The cluster carries the required tags (${list})`,
    half.kind === 'read'
      ? `Both ${ctx.cluster.name} and its KMS key carry ${list}.`
      : `${ctx.cluster.name} carries ${list}. ${half.note}`,
  );
}

export const ownershipTagsCheck: EksEncryptionCheck = {
  id: 'ownership-tags',
  title: 'Ownership tags',
  severity: 'low',
  description:
    'The cluster and its key carry the required tags (owner by default).',
  judge: judgeOwnershipTags,
};
