import { Text } from '@backstage/ui';
import type {
  FindingCounts as Counts,
  Severity,
} from 'backstage-plugin-eks-encryption-common';
import { Fragment } from 'react';
import { useFormatters } from './format';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];

/** Total open findings of a row, for sorting. */
export function totalFindings(counts: Counts): number {
  return SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0);
}

/** Open findings by severity, each with its name, e.g. "Critical 2 · High 1". */
export function FindingCounts(props: { counts: Counts }) {
  const { counts } = props;
  const { t, number, severity: severityLabel } = useFormatters();
  if (totalFindings(counts) === 0) {
    return <Text as="span">{t('common.none')}</Text>;
  }
  // Plain inline text: each count stays whole, and lines break only after a
  // separator, which keeps its spaces (a flex layout would drop them).
  // BUI's inline Text is an inline-block; `inline` lets it wrap like text.
  return (
    <Text as="span" style={{ display: 'inline' }}>
      {SEVERITIES.filter(severity => counts[severity] > 0).map(
        (severity, index) => (
          <Fragment key={severity}>
            {index > 0 && '\u00a0· '}
            <span style={{ whiteSpace: 'nowrap' }}>
              {t('findings.count', {
                severity: severityLabel(severity),
                amount: number(counts[severity]),
              })}
            </span>
          </Fragment>
        ),
      )}
    </Text>
  );
}
