import { Text } from '@backstage/ui';
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
  // Default text colour: BUI's secondary grey is below AA in the dark theme.
  if (!evaluatedAt) {
    return (
      <Text as="span">
        {compact ? t('common.never') : t('common.neverEvaluated')}
      </Text>
    );
  }
  const time = (
    <time dateTime={evaluatedAt} title={timestamp(evaluatedAt)}>
      {relativeTime(evaluatedAt)}
    </time>
  );
  return (
    <Text as="span">
      {compact ? time : t('common.lastEvaluated', { time })}
    </Text>
  );
}
