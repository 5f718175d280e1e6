import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * Marks a result whose latest evaluation attempt failed, or whose evidence is
 * older than the configured limit; `reason` says which, when known.
 */
export function StaleChip(props: { reason?: string }) {
  return (
    <Tooltip
      title={
        props.reason ??
        'Not read successfully recently: this is the last known result.'
      }
    >
      <Chip size="small" variant="outlined" label="Stale" />
    </Tooltip>
  );
}
