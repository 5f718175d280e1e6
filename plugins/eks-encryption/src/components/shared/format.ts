import type { Severity } from 'backstage-plugin-eks-encryption-common';

const HOURS_PER_DAY = 24;

/** Mean time to resolve, readable: "5 hours", "3.5 days"; "No data" without resolved findings. */
export function formatMttr(hours: number | null): string {
  if (hours === null) return 'No data';
  if (hours < 1) return 'Under 1 hour';
  if (hours < 2 * HOURS_PER_DAY) {
    const rounded = Math.round(hours);
    return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
  }
  const days = Math.round((hours / HOURS_PER_DAY) * 10) / 10;
  return `${days} days`;
}

/** A share 0–100 as "87 %"; "No data" when there is nothing to divide. */
export function formatPercent(percent: number | null): string {
  if (percent === null) return 'No data';
  return `${Math.round(percent)} %`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

/** "3 hours ago", relative to `now`. */
export function formatRelativeTime(
  iso: string,
  now: Date = new Date(),
): string {
  const elapsed = new Date(iso).getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) {
      return format.format(Math.round(elapsed / ms), unit);
    }
  }
  return 'just now';
}

/** An absolute timestamp in the reader's locale and time zone. */
export function formatTimestamp(iso: string): string {
  return new Date(iso).toLocaleString();
}

const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** "Critical", "High", ... */
export function severityLabel(severity: Severity): string {
  return SEVERITY_LABELS[severity];
}
