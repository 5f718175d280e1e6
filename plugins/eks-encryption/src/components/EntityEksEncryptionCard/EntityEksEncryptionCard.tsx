import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useAnalytics } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  EKS_CLUSTER_ARN_ANNOTATION,
  eksEncryptionRefreshPermission,
} from 'backstage-plugin-eks-encryption-common';
import type { EntityScorecard } from '../../api';
import { useEntityScorecard } from './useEntityScorecard';
import { useRefreshRun } from './useRefreshRun';
import { isEksEncryptionAvailable } from '../../isEksEncryptionAvailable';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { useEksTranslation } from '../shared/format';
import { GradeChip } from '../shared/GradeChip';
import { StaleChip } from '../shared/StaleChip';
import { VerdictLabel } from '../shared/StatusLabel';
import { AnnotationErrorsPanel } from './AnnotationErrorsPanel';
import { ClusterSection } from './ClusterSection';
import { RefreshButton } from './RefreshButton';
import { RefreshStatus } from './RefreshStatus';
import { useCheckDefinitions } from './useCheckDefinitions';

/** @public */
export interface EntityEksEncryptionCardProps {
  /** Card title; "EKS Secrets encryption" by default. */
  title?: string;
}

function ScorecardSummary(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={12}>
      <Typography variant="h6" component="p">
        <VerdictLabel verdict={scorecard.verdict} />
      </Typography>
      <GradeChip grade={scorecard.grade} score={scorecard.score} />
      {scorecard.stale && <StaleChip />}
      <EvaluatedAt evaluatedAt={scorecard.evaluatedAt} />
    </Box>
  );
}

function ScorecardBody(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  const definitions = useCheckDefinitions();
  const { t } = useEksTranslation();
  return (
    <>
      <ScorecardSummary scorecard={scorecard} />
      <Box mt={2}>
        <AnnotationErrorsPanel errors={scorecard.annotationErrors} />
      </Box>
      {scorecard.clusters.length === 0 &&
        scorecard.annotationErrors.length === 0 && (
          <Typography variant="body2">
            {t('entityCard.noClusterLinked')}
          </Typography>
        )}
      {scorecard.clusters.map(cluster => (
        <ClusterSection
          key={cluster.arn}
          cluster={cluster}
          definitions={definitions}
        />
      ))}
    </>
  );
}

function EntityScorecardCard(props: { entityRef: string; title: string }) {
  const { entityRef, title } = props;
  const { value, loading, error, retry } = useEntityScorecard(entityRef);
  const { allowed: canRefresh } = usePermission({
    permission: eksEncryptionRefreshPermission,
    resourceRef: entityRef,
  });
  const refresh = useRefreshRun(entityRef, retry);
  const { t } = useEksTranslation();
  const analytics = useAnalytics();
  const startRefresh = () => {
    analytics.captureEvent('click', 'refresh', { attributes: { entityRef } });
    refresh.start();
  };

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = (
      <EmptyState
        missing="info"
        title={t('entityCard.notEvaluatedTitle')}
        description={t('entityCard.notEvaluatedDescription')}
      />
    );
  } else {
    content = <ScorecardBody scorecard={value} />;
  }

  return (
    <InfoCard
      title={title}
      action={
        canRefresh ? (
          <RefreshButton running={refresh.running} onClick={startRefresh} />
        ) : undefined
      }
    >
      <RefreshStatus state={refresh} />
      {content}
    </InfoCard>
  );
}

/**
 * The EKS Secrets encryption scorecard of the current entity: verdict and
 * grade, then each linked cluster with its checks and how to fix them.
 *
 * @public
 */
export function EntityEksEncryptionCard(props: EntityEksEncryptionCardProps) {
  const { t } = useEksTranslation();
  const { title = t('common.title') } = props;
  const { entity } = useEntity();
  if (!isEksEncryptionAvailable(entity)) {
    return (
      <InfoCard title={title}>
        <MissingAnnotationEmptyState annotation={EKS_CLUSTER_ARN_ANNOTATION} />
      </InfoCard>
    );
  }
  return (
    <EntityScorecardCard entityRef={stringifyEntityRef(entity)} title={title} />
  );
}
