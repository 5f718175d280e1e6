import Typography from '@material-ui/core/Typography';
import { formatRelativeTime, formatTimestamp } from './format';

/** "Last evaluated 3 hours ago", with the exact time on hover. */
export function EvaluatedAt(props: { evaluatedAt: string | null }) {
  const { evaluatedAt } = props;
  if (!evaluatedAt) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        Never evaluated
      </Typography>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      Last evaluated{' '}
      <time dateTime={evaluatedAt} title={formatTimestamp(evaluatedAt)}>
        {formatRelativeTime(evaluatedAt)}
      </time>
    </Typography>
  );
}
