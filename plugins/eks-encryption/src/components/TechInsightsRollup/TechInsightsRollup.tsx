import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import { useEksTranslation } from '../shared/format';
import { LoadingLines } from '../shared/LoadingLines';
import { CheckRollupTable } from './CheckRollupTable';
import { TechInsightsSetupPanel } from './TechInsightsSetupPanel';
import { useTechInsightsRollup } from './useTechInsightsRollup';
import { useDeferredState } from '../shared/useDeferredState';
import { LoadError } from '../shared/LoadError';

/** @public */
export interface TechInsightsRollupProps {
  /** The entities to roll up, e.g. those owned by a team. */
  entityRefs: string[];
}

/**
 * The `eks-*` Tech Insights checks rolled up over a set of entities: passed,
 * failed and no data per check, with links to the failing entities.
 *
 * @public
 */
export function TechInsightsRollup(props: TechInsightsRollupProps) {
  const { entityRefs } = props;
  const { value, loading, error } = useDeferredState(
    useTechInsightsRollup(entityRefs),
  );
  const { t } = useEksTranslation();

  let content: JSX.Element;
  if (entityRefs.length === 0) {
    content = <Text as="p">{t('techInsights.noEntities')}</Text>;
  } else if (error) {
    content = <LoadError title={t('techInsights.loadError')} error={error} />;
  } else if (loading || !value) {
    content = <LoadingLines label={t('techInsights.loading')} />;
  } else if (value.status === 'ok') {
    content = <CheckRollupTable rows={value.rows} />;
  } else {
    content = <TechInsightsSetupPanel reason={value.status} />;
  }

  return (
    <EntityInfoCard title={t('techInsights.title')}>{content}</EntityInfoCard>
  );
}
