import {
  SECRETS_REWRITTEN_AT_ANNOTATION,
  displayToken,
  parseAttestationDate,
  type ClusterArn,
  type Remediation,
} from 'backstage-plugin-eks-encryption-common';
import type {
  EksEncryptionCheck,
  EksEncryptionCheckContext,
  EksEncryptionCheckOutcome,
} from 'backstage-plugin-eks-encryption-node';
import {
  attestationSnippet,
  REWRITE_SECRETS_COMMAND,
  rewriteSnippet,
} from '../remediationSnippets';
import { outcome, unknownFromFailure } from '../results';
import type { ClusterNamer } from '../types';
import { noKeyResult } from './context';

/** A shell word: quoted unless it is made of characters the shell leaves alone. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@+-]+$/.test(value)
    ? value
    : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Secrets written before the association: rewrite them, then attest, preferably with
 * the cluster tag `tagName` (only those with rights on the cluster can set it).
 */
function rewriteSecretsRemediation(
  cluster: ClusterArn,
  tagName: string,
): Remediation {
  return {
    steps: [
      `With cluster-admin access to ${cluster.name}, rewrite every Secret so the API server stores it encrypted with the key: ${REWRITE_SECRETS_COMMAND}`,
      `Record the rewrite with the cluster tag ${tagName} (the ISO 8601 time of the rewrite): aws eks tag-resource --resource-arn ${cluster.arn} --tags ${tagName}=<date>. Only those with rights on the cluster can set it.`,
      `Or annotate ${SECRETS_REWRITTEN_AT_ANNOTATION} on the entity or the cluster's Resource: the annotation counts only when every entity naming the cluster has the same owner.`,
    ],
    snippets: [
      rewriteSnippet(cluster),
      {
        title: 'Attest the rewrite (cluster tag)',
        language: 'shell',
        code: `aws eks tag-resource --region ${cluster.region} --resource-arn ${
          cluster.arn
        } --tags ${shellWord(tagName)}=$(date -u +%Y-%m-%dT%H:%M:%SZ)`,
      },
      attestationSnippet(),
    ],
  };
}

/** A valid attestation of a rewrite and where it comes from. */
interface Attestation {
  /** ISO 8601, normalised. */
  at: string;
  /** "cluster tag secrets-rewritten-at" or "annotation on resource:default/x". */
  source: string;
}

/** What the attestations of one cluster come to, and why any of them is ignored. */
interface AttestationFinding {
  attestation?: Attestation;
  notes: string[];
}

const SAME_OWNER_RULE =
  'an annotation counts only when every entity naming the cluster has one and the same owner';
const LISTED = 3;

function parseDate(value?: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function day(value?: string): string {
  return parseDate(value)?.toISOString().slice(0, 10) ?? 'an unknown date';
}

/** "a", "a, b", "a, b, c and 4 more". */
function listed(items: readonly string[]): string {
  if (items.length <= LISTED) return items.join(', ');
  return `${items.slice(0, LISTED).join(', ')} and ${
    items.length - LISTED
  } more`;
}

/** The cluster tag, which only those with rights on the cluster can set. */
function tagAttestation(
  ctx: EksEncryptionCheckContext,
  notes: string[],
): Attestation[] {
  const tag = ctx.policy.rewriteAttestationTag;
  const tags = ctx.eks.tags ?? {};
  const raw = Object.prototype.hasOwnProperty.call(tags, tag)
    ? tags[tag]
    : undefined;
  if (typeof raw !== 'string') return [];
  const parsed = parseAttestationDate(raw.trim(), ctx.now);
  if ('error' in parsed) {
    notes.push(
      `The cluster tag ${tag} ("${displayToken(raw)}") ${
        parsed.error
      }; it is ignored.`,
    );
    return [];
  }
  return [{ at: parsed.value, source: `cluster tag ${tag}` }];
}

/**
 * The annotation of the entities naming the cluster: counts only when every one of
 * them has one and the same owner, then the latest valid one among them.
 */
function annotationAttestation(
  ctx: EksEncryptionCheckContext,
  notes: string[],
): Attestation[] {
  const namers = new Map<string, ClusterNamer>();
  for (const namer of ctx.namedBy ?? []) {
    if (!namers.has(namer.entityRef)) namers.set(namer.entityRef, namer);
  }
  const valid: Array<{ entityRef: string; at: string }> = [];
  for (const namer of namers.values()) {
    if (namer.secretsRewrittenAt === undefined) continue;
    const parsed = parseAttestationDate(namer.secretsRewrittenAt, ctx.now);
    if ('error' in parsed) {
      notes.push(
        `The annotation on ${namer.entityRef} ("${displayToken(
          namer.secretsRewrittenAt,
        )}") ${parsed.error}; it is ignored.`,
      );
    } else {
      valid.push({ entityRef: namer.entityRef, at: parsed.value });
    }
  }
  if (valid.length === 0) return [];

  const refs = valid.map(v => v.entityRef).sort();
  const subject =
    refs.length === 1
      ? `The annotation on ${refs[0]} is ignored`
      : `The annotations on ${listed(refs)} are ignored`;
  const unowned = [...namers.values()]
    .filter(n => !n.ownerRef)
    .map(n => n.entityRef)
    .sort();
  if (unowned.length > 0) {
    notes.push(
      `${subject}: ${listed(unowned)} ${
        unowned.length === 1 ? 'names' : 'name'
      } this cluster without an owner; ${SAME_OWNER_RULE}.`,
    );
    return [];
  }
  const owners = [
    ...new Set([...namers.values()].map(n => n.ownerRef!)),
  ].sort();
  if (owners.length > 1) {
    notes.push(
      `${subject}: entities of ${owners.length} owners (${listed(
        owners,
      )}) name this cluster; ${SAME_OWNER_RULE}.`,
    );
    return [];
  }
  const latest = valid.reduce((a, b) =>
    Date.parse(b.at) > Date.parse(a.at) ? b : a,
  );
  return [{ at: latest.at, source: `annotation on ${latest.entityRef}` }];
}

/**
 * The attestation that counts: the cluster tag, or the annotation when every entity
 * naming the cluster has the same owner; the later valid one when both exist (the tag
 * on a tie).
 */
export function findAttestation(
  ctx: EksEncryptionCheckContext,
): AttestationFinding {
  const notes: string[] = [];
  const candidates = [
    ...tagAttestation(ctx, notes),
    ...annotationAttestation(ctx, notes),
  ];
  if (candidates.length === 0) return { notes };
  const attestation = candidates.reduce((a, b) =>
    Date.parse(b.at) > Date.parse(a.at) ? b : a,
  );
  if (candidates.length > 1) {
    notes.push(
      `Both the ${candidates[0].source} (${candidates[0].at}) and the ${candidates[1].source} (${candidates[1].at}) attest a rewrite; the later, the ${attestation.source}, counts.`,
    );
  }
  return { attestation, notes };
}

function withNotes(text: string, notes: readonly string[]): string {
  return [text, ...notes].join(' ');
}

/**
 * `secrets-rewritten`: encryption present at creation passes; associated later warns
 * with the date and the rewrite command, unless a rewrite after it is attested by
 * the cluster tag or by an annotation all entities naming the cluster agree on.
 */
function judgeSecretsRewritten(
  ctx: EksEncryptionCheckContext,
): EksEncryptionCheckOutcome {
  const updates = ctx.updates;
  if (!ctx.keyRef || !updates) return noKeyResult(ctx);
  const resource = {
    clusterArn: ctx.cluster.arn,
    clusterName: ctx.cluster.name,
  };
  if (!updates.ok) {
    return unknownFromFailure(
      updates.failure,
      resource,
      'Whether encryption was enabled after the cluster was created is unknown.',
    );
  }
  const association = updates.association ?? updates.associationInProgress;
  if (association) {
    const associatedAt = parseDate(association.createdAt);
    const inProgress = association === updates.associationInProgress;
    const when = day(association.createdAt);
    const { attestation, notes } = findAttestation(ctx);
    const attested = parseDate(attestation?.at);
    if (!inProgress && attested && associatedAt && attested > associatedAt) {
      return outcome(
        'pass',
        `Existing Secrets were rewritten after encryption was enabled on ${when} (${attestation?.source})`,
        withNotes(
          `Encryption was associated after creation (update ${association.id}, ${association.createdAt}); the ${attestation?.source} attests a rewrite of all Secrets on ${attestation?.at}.`,
          notes,
        ),
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
    let why: string;
    if (!attestation) {
      why =
        notes.length === 0
          ? `No rewrite is attested with the cluster tag ${ctx.policy.rewriteAttestationTag} or the annotation ${SECRETS_REWRITTEN_AT_ANNOTATION}.`
          : 'No attestation of a rewrite counts.';
    } else if (inProgress) {
      why = `The rewrite attested on ${attestation.at} by the ${attestation.source} does not count while the association is in progress.`;
    } else if (!associatedAt) {
      why = `The rewrite attested on ${attestation.at} by the ${attestation.source} cannot be compared with an association of unknown date.`;
    } else {
      why = `The rewrite attested on ${attestation.at} by the ${attestation.source} is not after the association.`;
    }
    return outcome(
      'warn',
      `Encryption was enabled after creation (${when}): rewrite Secrets created before then`,
      withNotes(
        `${state}. Secrets written before the association stay as they were (Base64 before Kubernetes 1.28, the AWS-owned key after) until rewritten with "${REWRITE_SECRETS_COMMAND}". ${why}`,
        notes,
      ),
      rewriteSecretsRemediation(ctx.cluster, ctx.policy.rewriteAttestationTag),
    );
  }
  if (updates.unread) {
    return unknownFromFailure(
      updates.unread.failure,
      { ...resource, updateId: updates.unread.updateId },
      `Update ${updates.unread.updateId} could not be read, so whether encryption was enabled after creation is unknown.`,
    );
  }
  return outcome(
    'pass',
    'Encryption was configured when the cluster was created',
    `The update history of ${
      ctx.cluster.name
    } has no AssociateEncryptionConfig update: the key was set at creation${
      ctx.eks.createdAt ? ` (${ctx.eks.createdAt})` : ''
    }, so every Secret was written encrypted with it.`,
  );
}

export const secretsRewrittenCheck: EksEncryptionCheck = {
  id: 'secrets-rewritten',
  title: 'Existing Secrets encrypted',
  severity: 'medium',
  description:
    'Encryption was present at cluster creation, or the owner attested a rewrite of existing Secrets after it was enabled.',
  judge: judgeSecretsRewritten,
};
