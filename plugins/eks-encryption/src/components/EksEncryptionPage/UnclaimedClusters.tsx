import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
  VisuallyHidden,
} from '@backstage/ui';
import type { ReactNode } from 'react';
import type { UnclaimedKpis } from '../../api';
import { IncompleteListings } from './IncompleteListings';
import { UnclaimedClustersTable } from './UnclaimedClustersTable';
import { useUnclaimedClusters } from './useUnclaimedClusters';

const DISCOVERY_CONFIG_KEY = 'eksEncryption.discovery';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "6 unclaimed production clusters, 2 compliant", from the KPIs. */
function UnclaimedCounts(props: { kpis: UnclaimedKpis }) {
  const { productionClusters, compliantProductionClusters } = props.kpis;
  return (
    <Text as="p" variant="body-large">
      {`${plural(
        productionClusters,
        'unclaimed production cluster',
      )}, ${compliantProductionClusters} compliant`}
    </Text>
  );
}

/** Placeholder lines while discovery is being asked. */
function Loading() {
  return (
    <Flex direction="column" gap="2" aria-busy="true">
      <VisuallyHidden>Loading the unclaimed clusters</VisuallyHidden>
      <Skeleton width="40%" height={20} />
      <Skeleton width="100%" height={32} />
      <Skeleton width="100%" height={32} />
      <Skeleton width="100%" height={32} />
    </Flex>
  );
}

/**
 * Clusters found in the configured AWS accounts that no catalog entity
 * claims, so no team's scorecard shows them. Mount it only for users with
 * `eks-encryption.unclaimed.read`: it asks the backend at once.
 */
export function UnclaimedClusters(props: { kpis?: UnclaimedKpis }) {
  const { value, loading, error } = useUnclaimedClusters();

  let content: ReactNode;
  if (loading && !value) {
    content = <Loading />;
  } else if (error) {
    content = (
      <Alert
        status="danger"
        icon
        title="Could not load the unclaimed clusters"
        description={error.message}
      />
    );
  } else if (value && !value.enabled) {
    content = (
      <Text as="p" variant="body-medium">
        Discovery is turned off, so clusters no catalog entity claims are not
        looked for. Set <code>{DISCOVERY_CONFIG_KEY}</code> in the app-config
        (the AWS accounts and regions to list) to turn it on.
      </Text>
    );
  } else if (value) {
    content = (
      <Flex direction="column" gap="3">
        {props.kpis && <UnclaimedCounts kpis={props.kpis} />}
        <IncompleteListings listings={value.listings} />
        {value.clusters.length === 0 ? (
          <Text as="p" variant="body-medium">
            No unclaimed clusters: a catalog entity claims every cluster
            discovery found.
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
          Unclaimed clusters
        </Text>
      </CardHeader>
      <CardBody>{content}</CardBody>
    </Card>
  );
}
