import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useAnalytics } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import type { OwnerDetail } from '../../api';
import { useMemo, useState } from 'react';
import { useOwnerDetail } from './useOwnerDetail';
import { TechInsightsRollup } from '../TechInsightsRollup';
import { useEksTranslation } from '../shared/format';
import { OwnedEntitiesTable } from './OwnedEntitiesTable';
import { OwnerSummary } from './OwnerSummary';

/** @public */
export interface EntityEksEncryptionOwnershipCardProps {
  /** Card title; "EKS Secrets encryption" by default. */
  title?: string;
  /** Whether a group's card starts with its child groups' entities included. */
  initiallyIncludeChildren?: boolean;
}

function OwnerRollupContent(props: {
  detail: OwnerDetail;
  showOwner: boolean;
}) {
  const { detail, showOwner } = props;
  const entityRefs = useMemo(
    () => detail.items.map(item => item.entityRef),
    [detail.items],
  );
  return (
    <>
      <OwnerSummary rollup={detail} />
      <OwnedEntitiesTable rows={detail.items} showOwner={showOwner} />
      <Box mt={2}>
        <TechInsightsRollup entityRefs={entityRefs} />
      </Box>
    </>
  );
}

/**
 * The EKS Secrets encryption posture of everything a group or user owns:
 * each entity's verdict and grade, open findings and time to resolve, and
 * the `eks-*` Tech Insights checks rolled up over those entities.
 *
 * @public
 */
export function EntityEksEncryptionOwnershipCard(
  props: EntityEksEncryptionOwnershipCardProps,
) {
  const { t } = useEksTranslation();
  const analytics = useAnalytics();
  const { title = t('common.title'), initiallyIncludeChildren = false } = props;
  const { entity } = useEntity();
  const ownerRef = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const [includeChildren, setIncludeChildren] = useState(
    initiallyIncludeChildren,
  );
  const withChildren = isGroup && includeChildren;
  const { value, loading, error } = useOwnerDetail(ownerRef, withChildren);

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title={t('ownershipCard.emptyTitle')}
        description={t('ownershipCard.emptyDescription')}
      />
    );
  } else {
    content = <OwnerRollupContent detail={value} showOwner={withChildren} />;
  }

  return (
    <InfoCard
      title={title}
      action={
        isGroup ? (
          <FormControlLabel
            control={
              <Switch
                checked={includeChildren}
                onChange={(_event, checked) => {
                  analytics.captureEvent('toggle', 'include-child-groups', {
                    attributes: { ownerRef, includeChildren: checked },
                  });
                  setIncludeChildren(checked);
                }}
                color="primary"
              />
            }
            label={t('ownershipCard.includeChildren')}
          />
        ) : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
