import { Badge, Focusable, Tooltip, TooltipTrigger } from '@backstage/ui';
import { RiHistoryLine } from '@remixicon/react';
import { useEksTranslation } from './format';

/**
 * Marks a result whose latest evaluation attempt failed, or whose evidence is
 * older than the configured limit; `reason` says which, when known. The badge
 * takes focus so that keyboard users can read the reason too.
 */
export function StaleChip(props: { reason?: string }) {
  const { t } = useEksTranslation();
  const label = t('common.stale');
  return (
    <TooltipTrigger>
      <Focusable>
        {/* An image role lets the tooltip describe it; the label is its name. */}
        <Badge
          size="small"
          role="img"
          aria-label={label}
          tabIndex={0}
          icon={<RiHistoryLine aria-hidden focusable={false} />}
          style={{ whiteSpace: 'nowrap' }}
        >
          {label}
        </Badge>
      </Focusable>
      <Tooltip>{props.reason ?? t('common.staleTooltip')}</Tooltip>
    </TooltipTrigger>
  );
}
