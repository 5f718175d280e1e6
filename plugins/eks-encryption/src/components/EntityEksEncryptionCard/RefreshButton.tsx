import Button from '@material-ui/core/Button';
import RefreshIcon from '@material-ui/icons/Refresh';

/** Starts a re-evaluation of the entity's clusters. */
export function RefreshButton(props: {
  running: boolean;
  onClick: () => void;
}) {
  const { running, onClick } = props;
  return (
    <Button
      variant="outlined"
      size="small"
      startIcon={<RefreshIcon />}
      onClick={onClick}
      disabled={running}
    >
      {running ? 'Re-evaluating…' : 'Re-evaluate now'}
    </Button>
  );
}
