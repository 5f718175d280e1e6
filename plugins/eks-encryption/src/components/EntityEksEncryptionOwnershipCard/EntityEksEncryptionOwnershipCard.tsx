import { stringifyEntityRef } from '@backstage/catalog-model';
import { useAnalytics } from '@backstage/frontend-plugin-api';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Switch, Text } from '@backstage/ui';
import { RiInbox2Line } from '@remixicon/react';
import { memo, useState } from 'react';
import { useOwnedEntityRefs } from './useOwnedEntityRefs';
import { useOwnerRows } from './useOwnerRows';
import { PAGE_SIZE } from '../shared/paging';
import { TechInsightsRollup } from '../TechInsightsRollup';
import { EKS_ENCRYPTION_CARD_CLASS } from '../shared/classNames';
import { LoadingLines } from '../shared/LoadingLines';
import { FormattersProvider, useEksTranslation } from '../shared/format';
import { OwnedEntitiesTable } from './OwnedEntitiesTable';
import { OwnerSummary } from './OwnerSummary';
import { LoadError } from '../shared/LoadError';

/** @public */
export interface EntityEksEncryptionOwnershipCardProps {
  /** Card title; "EKS Secrets encryption" by default. */
  title?: string;
  /** Whether a group's card starts with its child groups' entities included. */
  initiallyIncludeChildren?: boolean;
}

/**
 * The Tech Insights checks over every entity the rollup counts. Memoized: a
 * new page of rows must not render the rollup of a thousand entities again.
 */
const OwnedTechInsights = memo(function TechInsightsOfOwner(props: {
  ownerRef: string;
  includeChildren: boolean;
}) {
  const refs = useOwnedEntityRefs(props.ownerRef, props.includeChildren);
  const { t } = useEksTranslation();
  if (refs.error) {
    return (
      <LoadError title={t('ownershipCard.loadError')} error={refs.error} />
    );
  }
  if (!refs.value) return <LoadingLines label={t('ownershipCard.loading')} />;
  return <TechInsightsRollup entityRefs={refs.value} />;
});

/** An owner with nothing linked: a message, not an error. */
function NothingLinked() {
  const { t } = useEksTranslation();
  return (
    <Flex direction="column" align="center" gap="2" py="4">
      <Text as="span" aria-hidden style={{ display: 'flex' }}>
        <RiInbox2Line size={32} aria-hidden focusable={false} />
      </Text>
      <Text as="p" variant="title-x-small" weight="bold">
        {t('ownershipCard.emptyTitle')}
      </Text>
      <Text as="p" style={{ textAlign: 'center' }}>
        {t('ownershipCard.emptyDescription')}
      </Text>
    </Flex>
  );
}

/**
 * The rollup, the page of rows and the Tech Insights checks. Apart from the
 * card, so that a new page of rows renders this and not the card's frame.
 */
function OwnershipContent(props: { ownerRef: string; withChildren: boolean }) {
  const { ownerRef, withChildren } = props;
  const { t } = useEksTranslation();
  const rows = useOwnerRows(ownerRef, withChildren);
  const { detail } = rows;
  const { error } = rows.tableProps;

  if (error && !detail) {
    return <LoadError title={t('ownershipCard.loadError')} error={error} />;
  }
  if (detail === null) {
    return <LoadingLines label={t('ownershipCard.loading')} />;
  }
  if (!detail || detail.entities === 0) return <NothingLinked />;
  return (
    <Flex direction="column" gap="4">
      <OwnerSummary rollup={detail} />
      <OwnedEntitiesTable
        rows={rows}
        showOwner={withChildren}
        searchable={detail.entities > PAGE_SIZE}
      />
      <OwnedTechInsights ownerRef={ownerRef} includeChildren={withChildren} />
    </Flex>
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

  return (
    <EntityInfoCard
      className={EKS_ENCRYPTION_CARD_CLASS}
      title={title}
      headerActions={
        isGroup ? (
          <Switch
            label={t('ownershipCard.includeChildren')}
            isSelected={includeChildren}
            onChange={checked => {
              analytics.captureEvent('toggle', 'include-child-groups', {
                attributes: { ownerRef, includeChildren: checked },
              });
              setIncludeChildren(checked);
            }}
          />
        ) : undefined
      }
    >
      <FormattersProvider>
        <OwnershipContent ownerRef={ownerRef} withChildren={withChildren} />
      </FormattersProvider>
    </EntityInfoCard>
  );
}
