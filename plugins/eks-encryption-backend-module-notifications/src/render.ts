import type {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import type { Severity } from 'backstage-plugin-eks-encryption-common';
import { SEVERITIES } from './config';
import type { PlannedItem } from './plan';

/** The notifications topic of every notification this module sends. */
const NOTIFICATION_TOPIC = 'eks-encryption';

/** One to one; the notifications plugin calls `medium` `normal`. */
const SEVERITY_MAP: Record<Severity, NotificationSeverity> = {
  critical: 'critical',
  high: 'high',
  medium: 'normal',
  low: 'low',
};

/** Keeps a notification readable when a run changes many things at once. */
const MAX_LINES = 10;
const MAX_DESCRIPTION = 3000;

/** The catalog entity a notification is about, as read from the catalog. */
export interface EntityTarget {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
}

/** `cluster/<name>` of an EKS cluster ARN, with its region; the ARN itself otherwise. */
function clusterLabel(arn: string | undefined): string {
  if (!arn) return 'unknown cluster';
  const match = /^arn:[^:]+:eks:([^:]*):[^:]*:cluster\/(.+)$/.exec(arn);
  return match ? `${match[2]} (${match[1]})` : arn;
}

function worst(items: readonly PlannedItem[]): Severity {
  return items.reduce<Severity>(
    (acc, item) =>
      SEVERITIES.indexOf(item.severity) < SEVERITIES.indexOf(acc)
        ? item.severity
        : acc,
    'low',
  );
}

function bySeverity(items: readonly PlannedItem[]): PlannedItem[] {
  return [...items].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.changeId - b.changeId,
  );
}

function checkName(item: PlannedItem): string {
  return item.summary ?? item.checkId ?? 'check';
}

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [
    ...lines.slice(0, MAX_LINES),
    `- … and ${lines.length - MAX_LINES} more`,
  ];
}

function description(parts: Array<string | false | undefined>): string {
  const text = parts.filter(Boolean).join('\n');
  return text.length > MAX_DESCRIPTION
    ? `${text.slice(0, MAX_DESCRIPTION - 1)}…`
    : text;
}

/** The entity page, as the catalog routes it. */
function entityLink(entity: EntityTarget): string {
  return `/catalog/${encodeURIComponent(
    entity.namespace.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(
    entity.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(entity.name)}`;
}

/** One per entity: a resend (or the next run's) updates it instead of adding one. */
function entityScope(entityRef: string): string {
  return `${NOTIFICATION_TOPIC}:${entityRef}`;
}

/**
 * The owners' notification of one entity and run: an alert naming the failing
 * checks when anything regressed, else a "resolved" one.
 */
export function renderOwnerNotification(
  entity: EntityTarget,
  items: readonly PlannedItem[],
): NotificationPayload {
  const name = entity.title ?? entity.name;
  const failing = bySeverity(items.filter(item => item.kind === 'failing'));
  const regressed = items.find(item => item.kind === 'regressed');
  const fixed = items.filter(item => item.kind === 'fixed');
  const compliant = items.find(item => item.kind === 'compliant');

  const fixedLines = fixed.map(
    item => `- ${checkName(item)} on ${clusterLabel(item.clusterArn)}`,
  );
  const common = {
    link: entityLink(entity),
    topic: NOTIFICATION_TOPIC,
    scope: entityScope(entity.ref),
  };

  if (failing.length > 0 || regressed) {
    const alerts = regressed ? [...failing, regressed] : failing;
    const first = failing[0];
    const title = first
      ? `${name}: ${checkName(first)}${
          failing.length > 1 ? ` (+${failing.length - 1} more)` : ''
        }`
      : `${name} is no longer compliant with EKS Secrets encryption`;
    const remediation = failing.find(item => item.remediation)?.remediation;
    return {
      ...common,
      title,
      severity: SEVERITY_MAP[worst(alerts)],
      description: description([
        regressed &&
          `Verdict: ${
            regressed.previousVerdict ?? 'not evaluated'
          } → non-compliant.`,
        failing.length > 0 && 'Failing EKS Secrets encryption checks:',
        ...capped(
          failing.map(
            item =>
              `- [${item.severity}] ${checkName(item)} on ${clusterLabel(
                item.clusterArn,
              )}`,
          ),
        ),
        remediation && `First step: ${remediation}`,
        fixed.length > 0 && 'Fixed:',
        ...capped(fixedLines),
      ]),
    };
  }

  return {
    ...common,
    title: compliant
      ? `${name} is compliant with EKS Secrets encryption again`
      : `${name}: ${checkName(fixed[0])} fixed${
          fixed.length > 1 ? ` (+${fixed.length - 1} more)` : ''
        }`,
    // Good news is not urgent: `normal` for full compliance, `low` for single fixes.
    severity: compliant ? 'normal' : 'low',
    description: description([
      compliant && 'Verdict: non-compliant → compliant.',
      fixed.length > 0 && 'Fixed EKS Secrets encryption checks:',
      ...capped(fixedLines),
    ]),
  };
}

/**
 * The platform group's notification of one run: every access and staleness problem
 * in one message, so an outage does not page every team.
 */
export function renderPlatformNotification(
  groupRef: string,
  runId: string | undefined,
  items: readonly PlannedItem[],
): NotificationPayload {
  const clusters = new Set(
    items.filter(item => item.clusterArn).map(item => item.clusterArn),
  );
  const entities = new Set(
    items.filter(item => item.entityRef).map(item => item.entityRef),
  );
  const subject =
    clusters.size > 0
      ? `${clusters.size} cluster${clusters.size === 1 ? '' : 's'}`
      : `${entities.size} entit${entities.size === 1 ? 'y' : 'ies'}`;

  const clusterLines = items
    .filter(item => item.kind !== 'unverified' && !item.entityRef)
    .map(item => `- ${clusterLabel(item.clusterArn)}: ${item.verdict}`);
  const entityLines = items
    .filter(item => item.entityRef)
    .map(item => `- ${item.entityRef}: ${item.verdict}`);
  const unverifiedLines = items
    .filter(item => item.kind === 'unverified')
    .map(item => `- ${checkName(item)} on ${clusterLabel(item.clusterArn)}`);

  return {
    title: `EKS Secrets encryption could not verify ${subject}`,
    // Unreadable clusters hide real regressions: worth a look, not a page.
    severity: items.some(item => item.kind === 'error') ? 'high' : 'normal',
    description: description([
      clusterLines.length > 0 && 'Clusters:',
      ...capped(clusterLines),
      entityLines.length > 0 && 'Entities:',
      ...capped(entityLines),
      unverifiedLines.length > 0 && 'Findings that could not be re-checked:',
      ...capped(unverifiedLines),
      runId && `Run: ${runId}`,
    ]),
    topic: NOTIFICATION_TOPIC,
    // One per run: a resend updates it, the next run's problems are a new one.
    scope: `${NOTIFICATION_TOPIC}:${groupRef}:${runId ?? 'no-run'}`,
  };
}
