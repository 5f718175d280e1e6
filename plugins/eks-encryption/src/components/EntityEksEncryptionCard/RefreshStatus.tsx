import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { RefreshRunState } from './useRefreshRun';

/** Progress of a re-evaluation started from the card, or why it failed. */
export function RefreshStatus(props: { state: RefreshRunState }) {
  const { run, error, running } = props.state;
  if (error) {
    return <ResponseErrorPanel error={error} title="Re-evaluation failed" />;
  }
  if (run?.status === 'failed') {
    return (
      <WarningPanel
        severity="error"
        title="Re-evaluation failed"
        message={run.error ?? 'The run did not finish.'}
      />
    );
  }
  if (!running) return null;
  const total = run?.clustersTotal ?? 0;
  const done = run?.clustersDone ?? 0;
  const text =
    total > 0
      ? `Re-evaluating: ${done} of ${total} ${
          total === 1 ? 'cluster' : 'clusters'
        } done`
      : 'Re-evaluating…';
  return (
    <Box mb={2} role="status">
      <Typography variant="body2">{text}</Typography>
      <LinearProgress
        aria-label="Re-evaluation progress"
        variant={total > 0 ? 'determinate' : 'indeterminate'}
        value={total > 0 ? (done / total) * 100 : undefined}
      />
    </Box>
  );
}
