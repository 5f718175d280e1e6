import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useEksTranslation } from '../shared/format';
import { CheckRollupTable } from './CheckRollupTable';
import { TechInsightsSetupPanel } from './TechInsightsSetupPanel';
import { useTechInsightsRollup } from './useTechInsightsRollup';

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
  const { value, loading, error } = useTechInsightsRollup(entityRefs);
  const { t } = useEksTranslation();

  let content: JSX.Element;
  if (entityRefs.length === 0) {
    content = (
      <Typography variant="body2">{t('techInsights.noEntities')}</Typography>
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (loading || !value) {
    content = <Progress />;
  } else if (value.status === 'ok') {
    content = <CheckRollupTable rows={value.rows} />;
  } else {
    content = <TechInsightsSetupPanel reason={value.status} />;
  }

  return <InfoCard title={t('techInsights.title')}>{content}</InfoCard>;
}
