import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { OrgKpis } from '../../api';
import { formatMttr, formatPercent } from '../shared/format';

function Kpi(props: { title: string; value: string; detail: string }) {
  const { title, value, detail } = props;
  return (
    <Grid item xs={12} sm={6} md={3} component="section" aria-label={title}>
      {/* Fills its grid cell: the cards of a row end level. */}
      <InfoCard
        title={title}
        titleTypographyProps={{ component: 'h2' }}
        variant="gridItem"
      >
        <Typography variant="h3" component="p">
          {value}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {detail}
        </Typography>
      </InfoCard>
    </Grid>
  );
}

/** The headline numbers of the organisation. */
export function KpiCards(props: { kpis: OrgKpis }) {
  const { kpis } = props;
  return (
    <Grid container spacing={3}>
      <Kpi
        title="Production clusters compliant"
        value={formatPercent(kpis.productionCompliancePercent)}
        detail={`${kpis.compliantProductionClusters} of ${kpis.productionClusters} production clusters; ${kpis.compliantClusters} of ${kpis.clusters} overall`}
      />
      <Kpi
        title="Open critical findings"
        value={String(kpis.openFindings.critical)}
        detail="Failing critical checks: Secrets unencrypted or the key unusable"
      />
      <Kpi
        title="Open high findings"
        value={String(kpis.openFindings.high)}
        detail="Failing high checks: key not customer-managed, open key policy, unapproved key"
      />
      <Kpi
        title="Mean time to resolve"
        value={formatMttr(kpis.mttrHours)}
        detail="From a check failing to passing again"
      />
      {/* Present only for users allowed to see unclaimed clusters. */}
      {kpis.unclaimed && (
        <Grid
          item
          xs={12}
          component="section"
          aria-label="Unclaimed production clusters"
        >
          <Typography variant="body1">
            {`Unclaimed production clusters: ${kpis.unclaimed.productionClusters} (${kpis.unclaimed.compliantProductionClusters} compliant)`}
          </Typography>
        </Grid>
      )}
    </Grid>
  );
}
