import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  FindingCounts as Counts,
  Severity,
} from 'backstage-plugin-eks-encryption-common';

const SEVERITIES: { severity: Severity; label: string }[] = [
  { severity: 'critical', label: 'Critical' },
  { severity: 'high', label: 'High' },
  { severity: 'medium', label: 'Medium' },
  { severity: 'low', label: 'Low' },
];

/** Total open findings of a row, for sorting. */
export function totalFindings(counts: Counts): number {
  return SEVERITIES.reduce((sum, { severity }) => sum + counts[severity], 0);
}

/** Open findings by severity, each with its name, e.g. "Critical 2 · High 1". */
export function FindingCounts(props: { counts: Counts }) {
  const { counts } = props;
  if (totalFindings(counts) === 0) {
    return (
      <Typography variant="body2" component="span">
        None
      </Typography>
    );
  }
  return (
    <Box component="span" display="inline-flex" flexWrap="wrap">
      {SEVERITIES.filter(({ severity }) => counts[severity] > 0).map(
        ({ severity, label }, index) => (
          <Typography
            key={severity}
            variant="body2"
            component="span"
            style={{ whiteSpace: 'nowrap' }}
          >
            {index > 0 && ' · '}
            {label} {counts[severity]}
          </Typography>
        ),
      )}
    </Box>
  );
}
