import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { useEksTranslation } from './format';

/**
 * Marks a result whose latest evaluation attempt failed, or whose evidence is
 * older than the configured limit; `reason` says which, when known.
 */
export function StaleChip(props: { reason?: string }) {
  const { t } = useEksTranslation();
  return (
    <Tooltip title={props.reason ?? t('common.staleTooltip')}>
      <Chip size="small" variant="outlined" label={t('common.stale')} />
    </Tooltip>
  );
}
