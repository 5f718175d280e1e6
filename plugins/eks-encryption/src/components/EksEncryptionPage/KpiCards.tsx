import { Card, CardBody, CardHeader, Flex, Grid, Text } from '@backstage/ui';
import type { OrgKpis } from '../../api';
import { memo } from 'react';
import { useFormatters } from '../shared/format';

function Kpi(props: { title: string; value: string; detail: string }) {
  const { title, value, detail } = props;
  return (
    <section aria-label={title} style={{ display: 'flex' }}>
      {/* Fills its grid cell: the cards of a row end level. */}
      <Card style={{ flex: 1 }}>
        <CardHeader>
          <Text as="h2" variant="title-x-small" weight="bold">
            {title}
          </Text>
        </CardHeader>
        <CardBody>
          <Text as="p" variant="title-large">
            {value}
          </Text>
          <Text as="p" variant="body-medium">
            {detail}
          </Text>
        </CardBody>
      </Card>
    </section>
  );
}

/**
 * The headline numbers of the organisation. Memoized: the tables' data
 * arriving must not render the cards again.
 */
export const KpiCards = memo(function HeadlineNumbers(props: {
  kpis: OrgKpis;
}) {
  const { kpis } = props;
  const { t, number, percent, mttr } = useFormatters();
  return (
    <Flex direction="column" gap="3">
      <Grid.Root columns={{ initial: '1', sm: '2', md: '4' }} gap="4">
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
      </Grid.Root>
      {/* Present only for users allowed to see unclaimed clusters. */}
      {kpis.unclaimed && (
        <section aria-label={t('orgPage.kpis.unclaimedProduction')}>
          <Text as="p" variant="body-large">
            {t('orgPage.kpis.unclaimedProductionDetail', {
              production: number(kpis.unclaimed.productionClusters),
              compliant: number(kpis.unclaimed.compliantProductionClusters),
            })}
          </Text>
        </section>
      )}
    </Flex>
  );
});
