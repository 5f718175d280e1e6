import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { memo, type ReactNode } from 'react';
import type { UnclaimedKpis } from '../../api';
import { useFormatters } from '../shared/format';
import { LoadingLines } from '../shared/LoadingLines';
import { IncompleteListings } from './IncompleteListings';
import { UnclaimedClustersTable } from './UnclaimedClustersTable';
import { useUnclaimedClusters } from './useUnclaimedClusters';
import { LoadError } from '../shared/LoadError';

const DISCOVERY_CONFIG_KEY = 'eksEncryption.discovery';

/** "6 unclaimed production clusters, 2 compliant", from the KPIs. */
function UnclaimedCounts(props: { kpis: UnclaimedKpis }) {
  const { productionClusters, compliantProductionClusters } = props.kpis;
  const { t, number } = useFormatters();
  return (
    <Text as="p" variant="body-large">
      {t('unclaimed.counts', {
        count: productionClusters,
        production: number(productionClusters),
        compliant: number(compliantProductionClusters),
      })}
    </Text>
  );
}

/**
 * Clusters found in the configured AWS accounts that no catalog entity
 * claims, so no team's scorecard shows them. Mount it only for users with
 * `eks-encryption.unclaimed.read`: it asks the backend at once. Memoized: the
 * tables' data arriving must not render it again.
 */
export const UnclaimedClusters = memo(function UnclaimedClustersCard(props: {
  kpis?: UnclaimedKpis;
}) {
  const { value, loading, error } = useUnclaimedClusters();
  const { t } = useFormatters();

  let content: ReactNode;
  if (loading && !value) {
    content = <LoadingLines label={t('unclaimed.loading')} />;
  } else if (error) {
    content = <LoadError title={t('unclaimed.loadError')} error={error} />;
  } else if (value && !value.enabled) {
    content = (
      <Text as="p" variant="body-medium">
        {t('unclaimed.discoveryOff', {
          configKey: <code>{DISCOVERY_CONFIG_KEY}</code>,
        })}
      </Text>
    );
  } else if (value) {
    content = (
      <Flex direction="column" gap="3">
        {props.kpis && <UnclaimedCounts kpis={props.kpis} />}
        <IncompleteListings listings={value.listings} />
        {value.clusters.length === 0 ? (
          <Text as="p" variant="body-medium">
            {t('unclaimed.noneUnclaimed')}
          </Text>
        ) : (
          <UnclaimedClustersTable clusters={value.clusters} />
        )}
      </Flex>
    );
  }

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small" weight="bold">
          {t('unclaimed.title')}
        </Text>
      </CardHeader>
      <CardBody>{content}</CardBody>
    </Card>
  );
});
