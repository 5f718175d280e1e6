import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
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
    <Typography variant="body1">
      {`${plural(
        productionClusters,
        'unclaimed production cluster',
      )}, ${compliantProductionClusters} compliant`}
    </Typography>
  );
}

/**
 * Clusters found in the configured AWS accounts that no catalog entity
 * claims, so no team's scorecard shows them. Mount it only for users with
 * `eks-encryption.unclaimed.read`: it asks the backend at once.
 */
export function UnclaimedClusters(props: { kpis?: UnclaimedKpis }) {
  const { value, loading, error } = useUnclaimedClusters();

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value && !value.enabled) {
    content = (
      <Typography variant="body2">
        Discovery is turned off, so clusters no catalog entity claims are not
        looked for. Set <code>{DISCOVERY_CONFIG_KEY}</code> in the app-config
        (the AWS accounts and regions to list) to turn it on.
      </Typography>
    );
  } else if (value) {
    content = (
      <>
        {props.kpis && <UnclaimedCounts kpis={props.kpis} />}
        <IncompleteListings listings={value.listings} />
        <Box mt={2}>
          {value.clusters.length === 0 ? (
            <Typography variant="body2">
              No unclaimed clusters: a catalog entity claims every cluster
              discovery found.
            </Typography>
          ) : (
            <UnclaimedClustersTable clusters={value.clusters} />
          )}
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title="Unclaimed clusters"
      titleTypographyProps={{ component: 'h2' }}
    >
      {content}
    </InfoCard>
  );
}
