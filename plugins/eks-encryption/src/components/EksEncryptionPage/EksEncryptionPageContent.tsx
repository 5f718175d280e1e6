import { Container, Flex } from '@backstage/ui';
import type { ReactNode } from 'react';
import { useFormatters } from '../shared/format';
import { ClustersTable } from './ClustersTable';
import { ComplianceTrendChart } from './ComplianceTrendChart';
import { KpiCards } from './KpiCards';
import { LoadingLines } from '../shared/LoadingLines';
import { OwnersTable } from './OwnersTable';
import { UnclaimedClusters } from './UnclaimedClusters';
import { useCanReadUnclaimed } from './useCanReadUnclaimed';
import { useOrgKpis } from './useOrgKpis';
import { useOwnerRollups } from './useOwnerRollups';
import { EKS_ENCRYPTION_PAGE_CLASS } from '../shared/classNames';
import { LoadError } from '../shared/LoadError';

const TREND_DAYS = 90;

/**
 * KPIs, trend, owners and clusters, without a page header; and the clusters
 * no catalog entity claims, for users allowed to see them.
 */
export function EksEncryptionPageContent() {
  const kpis = useOrgKpis(TREND_DAYS);
  const owners = useOwnerRollups();
  const canReadUnclaimed = useCanReadUnclaimed();
  const { t } = useFormatters();

  let overview: ReactNode;
  if (kpis.loading && !kpis.value) {
    overview = <LoadingLines label={t('orgPage.kpis.loading')} />;
  } else if (kpis.error) {
    overview = (
      <LoadError title={t('orgPage.kpis.loadError')} error={kpis.error} />
    );
  } else if (kpis.value) {
    overview = (
      <>
        <KpiCards kpis={kpis.value} />
        <ComplianceTrendChart trend={kpis.value.trend} />
      </>
    );
  }

  let ownersTable: ReactNode;
  if (owners.loading && !owners.value) {
    ownersTable = <LoadingLines label={t('orgPage.ownersLoading')} />;
  } else if (owners.error) {
    ownersTable = (
      <LoadError title={t('orgPage.ownersLoadError')} error={owners.error} />
    );
  } else {
    ownersTable = <OwnersTable owners={owners.value ?? []} />;
  }

  return (
    <Container py="6" className={EKS_ENCRYPTION_PAGE_CLASS}>
      <Flex direction="column" gap="6">
        {overview}
        {ownersTable}
        <ClustersTable owners={owners.value ?? []} />
        {canReadUnclaimed && <UnclaimedClusters kpis={kpis.value?.unclaimed} />}
      </Flex>
    </Container>
  );
}
