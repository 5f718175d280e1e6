import {
  Content,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useOrgKpis } from './useOrgKpis';
import { useOwnerRollups } from './useOwnerRollups';
import { ClustersTable } from './ClustersTable';
import { ComplianceTrendChart } from './ComplianceTrendChart';
import { KpiCards } from './KpiCards';
import { OwnersTable } from './OwnersTable';
import { UnclaimedClusters } from './UnclaimedClusters';
import { useCanReadUnclaimed } from './useCanReadUnclaimed';

const TREND_DAYS = 90;

/**
 * KPIs, trend, owners and clusters, without a page header; and the clusters
 * no catalog entity claims, for users allowed to see them.
 */
export function EksEncryptionPageContent() {
  const kpis = useOrgKpis(TREND_DAYS);
  const owners = useOwnerRollups();
  const canReadUnclaimed = useCanReadUnclaimed();

  let overview;
  if (kpis.loading && !kpis.value) {
    overview = <Progress />;
  } else if (kpis.error) {
    overview = <ResponseErrorPanel error={kpis.error} />;
  } else if (kpis.value) {
    overview = (
      <>
        <KpiCards kpis={kpis.value} />
        <Grid container spacing={3} style={{ marginTop: 8 }}>
          <Grid item xs={12}>
            <ComplianceTrendChart trend={kpis.value.trend} />
          </Grid>
        </Grid>
      </>
    );
  }

  let ownersTable;
  if (owners.loading && !owners.value) {
    ownersTable = <Progress />;
  } else if (owners.error) {
    ownersTable = <ResponseErrorPanel error={owners.error} />;
  } else {
    ownersTable = <OwnersTable owners={owners.value ?? []} />;
  }

  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {overview}
        </Grid>
        <Grid item xs={12}>
          {ownersTable}
        </Grid>
        <Grid item xs={12}>
          <ClustersTable owners={owners.value ?? []} />
        </Grid>
        {canReadUnclaimed && (
          <Grid item xs={12}>
            <UnclaimedClusters kpis={kpis.value?.unclaimed} />
          </Grid>
        )}
      </Grid>
    </Content>
  );
}
