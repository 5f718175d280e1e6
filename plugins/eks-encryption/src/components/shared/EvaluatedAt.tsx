import Typography from '@material-ui/core/Typography';
import { formatRelativeTime, formatTimestamp } from './format';

/**
 * "Last evaluated 3 hours ago", with the exact time on hover. `compact`
 * drops the words a column titled "Evaluated" already says: "3 hours ago".
 */
export function EvaluatedAt(props: {
  evaluatedAt: string | null;
  compact?: boolean;
}) {
  const { evaluatedAt, compact = false } = props;
  if (!evaluatedAt) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {compact ? 'Never' : 'Never evaluated'}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      {!compact && 'Last evaluated '}
      <time dateTime={evaluatedAt} title={formatTimestamp(evaluatedAt)}>
        {formatRelativeTime(evaluatedAt)}
      </time>
    </Typography>
  );
}
