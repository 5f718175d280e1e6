import Button from '@material-ui/core/Button';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useEksTranslation } from '../shared/format';

/** Starts a re-evaluation of the entity's clusters. */
export function RefreshButton(props: {
  running: boolean;
  onClick: () => void;
}) {
  const { running, onClick } = props;
  const { t } = useEksTranslation();
  return (
    <Button
      variant="outlined"
      size="small"
      startIcon={<RefreshIcon />}
      onClick={onClick}
      disabled={running}
    >
      {running ? t('refresh.running') : t('refresh.button')}
    </Button>
  );
}
