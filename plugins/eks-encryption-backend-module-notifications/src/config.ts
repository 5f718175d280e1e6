import { readDurationFromConfig, type Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Severity } from 'backstage-plugin-eks-encryption-common';

/**
 * The settings of `eksEncryption.notifications`.
 *
 * @public
 */
export interface NotificationsSettings {
  /** Entity ref receiving access and staleness problems; none: they are not sent. */
  platformGroup?: string;
  /** Findings below this severity notify nobody. */
  minimumSeverity: Severity;
  /** No repeat for the same entity and finding within this many milliseconds. */
  quietPeriodMs: number;
}

/** Worst first: an index compares severities. */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

const DEFAULT_MINIMUM_SEVERITY: Severity = 'high';
const DEFAULT_QUIET_PERIOD_MS = 24 * 60 * 60 * 1000;

type Duration = ReturnType<typeof readDurationFromConfig>;

/**
 * Same arithmetic as `durationToMilliseconds` of `@backstage/types`, which this
 * package does not depend on (a month is 30 days, a year 365).
 */
function durationMs(duration: Duration): number {
  const {
    years = 0,
    months = 0,
    weeks = 0,
    days = 0,
    hours = 0,
    minutes = 0,
    seconds = 0,
    milliseconds = 0,
  } = duration;
  const totalDays = years * 365 + months * 30 + weeks * 7 + days;
  return (
    (((totalDays * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 +
    milliseconds
  );
}

/**
 * Reads `eksEncryption.notifications`; a bad value fails startup rather than
 * silently notifying the wrong people (or nobody).
 *
 * @public
 */
export function readNotificationsConfig(config: Config): NotificationsSettings {
  const section = config.getOptionalConfig('eksEncryption.notifications');
  if (!section) {
    return {
      minimumSeverity: DEFAULT_MINIMUM_SEVERITY,
      quietPeriodMs: DEFAULT_QUIET_PERIOD_MS,
    };
  }

  let platformGroup: string | undefined;
  const groupRef = section.getOptionalString('platformGroup');
  if (groupRef !== undefined) {
    try {
      // Defaults like the catalog's `spec.owner`: `platform` means `group:default/platform`.
      platformGroup = stringifyEntityRef(
        parseEntityRef(groupRef, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new InputError(
        `eksEncryption.notifications.platformGroup is not an entity ref: ${
          (error as Error).message
        }`,
      );
    }
  }

  const minimumSeverity =
    section.getOptionalString('minimumSeverity') ?? DEFAULT_MINIMUM_SEVERITY;
  if (!SEVERITIES.includes(minimumSeverity as Severity)) {
    throw new InputError(
      `eksEncryption.notifications.minimumSeverity must be one of ${SEVERITIES.join(
        ', ',
      )}, got '${minimumSeverity}'`,
    );
  }

  let quietPeriodMs = DEFAULT_QUIET_PERIOD_MS;
  if (section.has('quietPeriod')) {
    try {
      quietPeriodMs = durationMs(
        readDurationFromConfig(section, { key: 'quietPeriod' }),
      );
    } catch (error) {
      throw new InputError(
        `eksEncryption.notifications.quietPeriod is not a duration: ${
          (error as Error).message
        }`,
      );
    }
    if (!Number.isFinite(quietPeriodMs) || quietPeriodMs < 0) {
      throw new InputError(
        'eksEncryption.notifications.quietPeriod must not be negative',
      );
    }
  }

  return {
    platformGroup,
    minimumSeverity: minimumSeverity as Severity,
    quietPeriodMs,
  };
}
