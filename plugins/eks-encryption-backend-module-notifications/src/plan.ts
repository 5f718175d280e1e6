import type { EksEncryptionChange } from 'backstage-plugin-eks-encryption-node';
import type { Severity } from 'backstage-plugin-eks-encryption-common';
import { SEVERITIES } from './config';

/**
 * What one change contributes to a notification.
 * - `failing`: a check started failing; `regressed`: the entity became non-compliant.
 * - `fixed`: a failing check was fixed; `compliant`: the entity became compliant again.
 * - `unverified`, `error`, `incomplete`: access or staleness problems (platform group).
 *
 * @public
 */
export interface PlannedItem {
  /**
   * What was notified, for the quiet period: the same key for the same entity (or
   * platform group) is not notified twice within it, e.g. `finding:<arn>:<checkId>`.
   */
  key: string;
  /** The change it came from (the latest one, when several share the key). */
  changeId: number;
  kind:
    | 'failing'
    | 'regressed'
    | 'fixed'
    | 'compliant'
    | 'unverified'
    | 'error'
    | 'incomplete';
  /** The check's severity; a verdict change without one counts as `high`. */
  severity: Severity;
  clusterArn?: string;
  checkId?: string;
  summary?: string;
  remediation?: string;
  /** For verdict changes: the entity (or nothing, for a cluster's). */
  entityRef?: string;
  previousVerdict?: string;
  verdict?: string;
}

/**
 * One notification to be sent: to the owners of one entity, or to the platform group,
 * for the changes of one run.
 *
 * @public
 */
export type PlannedNotification =
  | {
      audience: 'owners';
      entityRef: string;
      runId?: string;
      items: PlannedItem[];
    }
  | {
      audience: 'platform';
      groupRef: string;
      runId?: string;
      items: PlannedItem[];
    };

/** @public */
export interface PlanOptions {
  minimumSeverity: Severity;
  /** Where access and staleness problems go; none: they are dropped. */
  platformGroup?: string;
}

/** A change without a severity is rated like the default minimum. */
const UNKNOWN_SEVERITY: Severity = 'high';

function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(minimum);
}

function findingKey(change: EksEncryptionChange): string {
  return `${change.clusterArn ?? ''}:${change.checkId ?? ''}`;
}

/** What a change means for owners, or undefined when they are not told. */
function ownerItem(
  change: EksEncryptionChange,
  severity: Severity,
): PlannedItem | undefined {
  const base = {
    changeId: change.id,
    severity,
    clusterArn: change.clusterArn,
    checkId: change.checkId,
    summary: change.summary,
    remediation: change.remediation,
  };
  switch (change.type) {
    case 'finding-opened':
      return { ...base, kind: 'failing', key: `finding:${findingKey(change)}` };
    case 'finding-resolved':
      // Only a fix is news to owners: unlinked, deleted or removed checks are not.
      return change.resolution === 'fixed'
        ? { ...base, kind: 'fixed', key: `fixed:${findingKey(change)}` }
        : undefined;
    case 'entity-verdict':
      if (change.previousVerdict === change.verdict) return undefined;
      if (change.verdict === 'non-compliant') {
        return {
          ...base,
          kind: 'regressed',
          key: 'verdict:non-compliant',
          previousVerdict: change.previousVerdict,
          verdict: change.verdict,
        };
      }
      // Only back from non-compliant: recovering from an outage (error, incomplete)
      // or a first evaluation must not notify every team.
      if (
        change.verdict === 'compliant' &&
        change.previousVerdict === 'non-compliant'
      ) {
        return {
          ...base,
          kind: 'compliant',
          key: 'verdict:compliant',
          previousVerdict: change.previousVerdict,
          verdict: change.verdict,
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** What a change means for the platform group, or undefined when nothing. */
function platformItem(
  change: EksEncryptionChange,
  severity: Severity,
): PlannedItem | undefined {
  const base = {
    changeId: change.id,
    severity,
    clusterArn: change.clusterArn,
    checkId: change.checkId,
    summary: change.summary,
    previousVerdict: change.previousVerdict,
    verdict: change.verdict,
  };
  if (change.type === 'finding-unverified') {
    return {
      ...base,
      kind: 'unverified',
      key: `unverified:${findingKey(change)}`,
    };
  }
  if (
    (change.type === 'cluster-verdict' || change.type === 'entity-verdict') &&
    (change.verdict === 'error' || change.verdict === 'incomplete') &&
    change.previousVerdict !== change.verdict
  ) {
    const subject =
      change.type === 'cluster-verdict'
        ? change.clusterArn ?? ''
        : change.entityRefs[0] ?? '';
    return {
      ...base,
      kind: change.verdict,
      key: `${change.type}:${subject}:${change.verdict}`,
      entityRef:
        change.type === 'entity-verdict' ? change.entityRefs[0] : undefined,
    };
  }
  return undefined;
}

/** Keeps one item per key, the latest change winning (changes come in id order). */
function addItem(items: PlannedItem[], item: PlannedItem): void {
  const at = items.findIndex(existing => existing.key === item.key);
  if (at >= 0) items.splice(at, 1);
  items.push(item);
}

/**
 * Turns a batch of changes into notifications: one per entity and run for its owners,
 * one per run for the platform group. Pure: the quiet period, the catalog lookup of
 * owners and the wording come later.
 *
 * @public
 */
export function planNotifications(
  changes: readonly EksEncryptionChange[],
  options: PlanOptions,
): PlannedNotification[] {
  const byGroup = new Map<string, PlannedNotification>();
  const group = (key: string, create: () => PlannedNotification) => {
    let found = byGroup.get(key);
    if (!found) {
      found = create();
      byGroup.set(key, found);
    }
    return found;
  };
  // A change without a run is grouped with the other run-less changes of the batch.
  const runKey = (runId: string | undefined) => runId ?? '';

  for (const change of [...changes].sort((a, b) => a.id - b.id)) {
    const severity = change.severity ?? UNKNOWN_SEVERITY;
    // The threshold is about findings: a verdict change is only held to it when it
    // says how severe it is.
    const isVerdict =
      change.type === 'cluster-verdict' || change.type === 'entity-verdict';
    const rated = !isVerdict || change.severity !== undefined;
    if (rated && !atLeast(severity, options.minimumSeverity)) continue;

    // A first evaluation finds, it does not regress: installing the plugin or linking
    // a cluster must not alert every team about what was already there.
    const forOwners = change.initial ? undefined : ownerItem(change, severity);
    if (forOwners) {
      for (const entityRef of new Set(change.entityRefs)) {
        const planned = group(
          `owners\n${entityRef}\n${runKey(change.runId)}`,
          () => ({
            audience: 'owners',
            entityRef,
            runId: change.runId,
            items: [],
          }),
        );
        addItem(planned.items, { ...forOwners });
      }
      continue;
    }

    const { platformGroup } = options;
    // Access problems go out even from a first evaluation: a newly linked account
    // the plugin cannot read is what the platform group must hear about.
    const forPlatform = platformGroup && platformItem(change, severity);
    if (platformGroup && forPlatform) {
      const planned = group(`platform\n${runKey(change.runId)}`, () => ({
        audience: 'platform',
        groupRef: platformGroup,
        runId: change.runId,
        items: [],
      }));
      addItem(planned.items, forPlatform);
    }
  }
  // Map order is first-seen order: notifications follow the change log.
  return [...byGroup.values()];
}
