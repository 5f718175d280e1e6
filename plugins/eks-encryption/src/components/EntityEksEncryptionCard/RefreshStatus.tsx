import { Alert, Box, Text } from '@backstage/ui';
import { ErrorDescription } from '../shared/ErrorDescription';
import { useFormatters } from '../shared/format';
import type { RefreshRunState } from './useRefreshRun';

/** Progress of a re-evaluation started from the card, or why it failed. */
export function RefreshStatus(props: { state: RefreshRunState }) {
  const { run, error, running } = props.state;
  const { t, number } = useFormatters();
  if (error || run?.status === 'failed') {
    return (
      <Alert
        status="danger"
        icon
        mb="3"
        title={t('refresh.failed')}
        description={
          error ? (
            <ErrorDescription error={error} />
          ) : (
            <Text as="p" style={{ overflowWrap: 'anywhere' }}>
              {run?.error ?? t('refresh.didNotFinish')}
            </Text>
          )
        }
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
    <Box mb="3" role="status">
      <Text as="p">{text}</Text>
      {/* BUI has no progress bar; the native one is accessible as it is.
          Without a value it shows an indeterminate bar. */}
      <progress
        aria-label={t('refresh.progressLabel')}
        max={total > 0 ? total : undefined}
        value={total > 0 ? done : undefined}
        style={{ width: '100%', accentColor: 'var(--bui-accent-bg)' }}
      />
    </Box>
  );
}
