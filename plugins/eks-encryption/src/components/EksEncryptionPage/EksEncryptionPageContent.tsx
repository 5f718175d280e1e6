import { Container, Flex } from '@backstage/ui';
import type { ReactNode } from 'react';
import type { OwnerRollup } from '../../api';
import { FormattersProvider, useFormatters } from '../shared/format';
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
import { OwnerRollupsContext } from './OwnerRollupsContext';
import { useDeferredState } from '../shared/useDeferredState';
import { LoadError } from '../shared/LoadError';

const TREND_DAYS = 90;
/** The same empty list on every render while the owners load: memoized tables skip rendering. */
const NO_OWNERS: OwnerRollup[] = [];

/**
 * KPIs, trend, owners and clusters, without a page header; and the clusters
 * no catalog entity claims, for users allowed to see them.
 */
export function EksEncryptionPageContent() {
  const kpis = useDeferredState(useOrgKpis(TREND_DAYS));
  const owners = useDeferredState(useOwnerRollups());
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
    ownersTable = <OwnersTable owners={owners.value ?? NO_OWNERS} />;
  }

  return (
    <Container py="6" className={EKS_ENCRYPTION_PAGE_CLASS}>
      <FormattersProvider>
        <OwnerRollupsContext.Provider value={owners.value ?? NO_OWNERS}>
          <Flex direction="column" gap="6">
            {overview}
            {ownersTable}
            <ClustersTable />
            {canReadUnclaimed && (
              <UnclaimedClusters kpis={kpis.value?.unclaimed} />
            )}
          </Flex>
        </OwnerRollupsContext.Provider>
      </FormattersProvider>
    </Container>
  );
}
