import Typography from '@material-ui/core/Typography';
import { useFormatters } from './format';

/**
 * "Last evaluated 3 hours ago", with the exact time on hover. `compact`
 * drops the words a column titled "Evaluated" already says: "3 hours ago".
 */
export function EvaluatedAt(props: {
  evaluatedAt: string | null;
  compact?: boolean;
}) {
  const { evaluatedAt, compact = false } = props;
  const { t, relativeTime, timestamp } = useFormatters();
  if (!evaluatedAt) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {compact ? t('common.never') : t('common.neverEvaluated')}
      </Typography>
    );
  }
  const time = (
    <time dateTime={evaluatedAt} title={timestamp(evaluatedAt)}>
      {relativeTime(evaluatedAt)}
    </time>
  );
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      {compact ? time : t('common.lastEvaluated', { time })}
    </Typography>
  );
}
