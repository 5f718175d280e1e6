import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useFormatters } from '../shared/format';
import type { RefreshRunState } from './useRefreshRun';

/** Progress of a re-evaluation started from the card, or why it failed. */
export function RefreshStatus(props: { state: RefreshRunState }) {
  const { run, error, running } = props.state;
  const { t, number } = useFormatters();
  if (error) {
    return <ResponseErrorPanel error={error} title={t('refresh.failed')} />;
  }
  if (run?.status === 'failed') {
    return (
      <WarningPanel
        severity="error"
        title={t('refresh.failed')}
        message={run.error ?? t('refresh.didNotFinish')}
      />
    );
  }
  if (!running) return null;
  const total = run?.clustersTotal ?? 0;
  const done = run?.clustersDone ?? 0;
  const text =
    total > 0
      ? t('refresh.progress', {
          count: total,
          done: number(done),
          total: number(total),
        })
      : t('refresh.running');
  return (
    <Box mb={2} role="status">
      <Typography variant="body2">{text}</Typography>
      <LinearProgress
        aria-label={t('refresh.progressLabel')}
        variant={total > 0 ? 'determinate' : 'indeterminate'}
        value={total > 0 ? (done / total) * 100 : undefined}
      />
    </Box>
  );
}
