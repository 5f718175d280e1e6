import { Button } from '@backstage/ui';
import { RiRefreshLine } from '@remixicon/react';
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
      variant="secondary"
      size="small"
      iconStart={<RiRefreshLine aria-hidden focusable={false} />}
      onPress={onClick}
      isDisabled={running}
    >
      {running ? t('refresh.running') : t('refresh.button')}
    </Button>
  );
}
