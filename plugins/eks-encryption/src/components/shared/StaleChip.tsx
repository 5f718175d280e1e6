import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';

/** Marks a result whose latest evaluation attempt failed. */
export function StaleChip() {
  return (
    <Tooltip title="The latest evaluation attempt failed: this is the last known result.">
      <Chip size="small" variant="outlined" label="Stale" />
    </Tooltip>
  );
}
