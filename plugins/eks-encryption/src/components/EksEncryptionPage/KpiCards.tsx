import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { OrgKpis } from '../../api';
import { useFormatters } from '../shared/format';

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
  const { t, number, percent, mttr } = useFormatters();
  return (
    <Grid container spacing={3}>
      <Kpi
        title={t('orgPage.kpis.productionCompliant')}
        value={percent(kpis.productionCompliancePercent)}
        detail={t('orgPage.kpis.productionCompliantDetail', {
          compliantProduction: number(kpis.compliantProductionClusters),
          production: number(kpis.productionClusters),
          compliant: number(kpis.compliantClusters),
          total: number(kpis.clusters),
        })}
      />
      <Kpi
        title={t('orgPage.kpis.openCritical')}
        value={number(kpis.openFindings.critical)}
        detail={t('orgPage.kpis.openCriticalDetail')}
      />
      <Kpi
        title={t('orgPage.kpis.openHigh')}
        value={number(kpis.openFindings.high)}
        detail={t('orgPage.kpis.openHighDetail')}
      />
      <Kpi
        title={t('orgPage.kpis.mttr')}
        value={mttr(kpis.mttrHours)}
        detail={t('orgPage.kpis.mttrDetail')}
      />
      {/* Present only for users allowed to see unclaimed clusters. */}
      {kpis.unclaimed && (
        <Grid
          item
          xs={12}
          component="section"
          aria-label={t('orgPage.kpis.unclaimedProduction')}
        >
          <Typography variant="body1">
            {t('orgPage.kpis.unclaimedProductionDetail', {
              production: number(kpis.unclaimed.productionClusters),
              compliant: number(kpis.unclaimed.compliantProductionClusters),
            })}
          </Typography>
        </Grid>
      )}
    </Grid>
  );
}
