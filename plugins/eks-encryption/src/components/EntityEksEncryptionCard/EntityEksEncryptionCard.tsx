import { stringifyEntityRef } from '@backstage/catalog-model';
import { useAnalytics } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Flex, Text } from '@backstage/ui';
import {
  EKS_CLUSTER_ARN_ANNOTATION,
  eksEncryptionRefreshPermission,
} from 'backstage-plugin-eks-encryption-common';
import type { EntityScorecard } from '../../api';
import { useEntityScorecard } from './useEntityScorecard';
import { useRefreshRun } from './useRefreshRun';
import { isEksEncryptionAvailable } from '../../isEksEncryptionAvailable';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { EKS_ENCRYPTION_CARD_CLASS } from '../shared/classNames';
import { LoadingLines } from '../shared/LoadingLines';
import { FormattersProvider, useEksTranslation } from '../shared/format';
import { GradeChip } from '../shared/GradeChip';
import { StaleChip } from '../shared/StaleChip';
import { VerdictLabel } from '../shared/StatusLabel';
import { AnnotationErrorsPanel } from './AnnotationErrorsPanel';
import { ClusterSection } from './ClusterSection';
import { RefreshButton } from './RefreshButton';
import { RefreshStatus } from './RefreshStatus';
import { useCheckDefinitions } from './useCheckDefinitions';
import { LoadError } from '../shared/LoadError';

/** @public */
export interface EntityEksEncryptionCardProps {
  /** Card title; "EKS Secrets encryption" by default. */
  title?: string;
}

function ScorecardSummary(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  return (
    <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
      <Text as="p" variant="title-small">
        <VerdictLabel verdict={scorecard.verdict} variant="title-small" />
      </Text>
      <GradeChip grade={scorecard.grade} score={scorecard.score} />
      {scorecard.stale && <StaleChip />}
      <EvaluatedAt evaluatedAt={scorecard.evaluatedAt} />
    </Flex>
  );
}

function ScorecardBody(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  const definitions = useCheckDefinitions();
  const { t } = useEksTranslation();
  return (
    <>
      <ScorecardSummary scorecard={scorecard} />
      <Box mt="4">
        <AnnotationErrorsPanel errors={scorecard.annotationErrors} />
      </Box>
      {scorecard.clusters.length === 0 &&
        scorecard.annotationErrors.length === 0 && (
          <Text as="p">{t('entityCard.noClusterLinked')}</Text>
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

function NotEvaluated() {
  const { t } = useEksTranslation();
  return (
    <Flex direction="column" gap="1">
      <Text as="p" variant="title-x-small" weight="bold">
        {t('entityCard.notEvaluatedTitle')}
      </Text>
      <Text as="p">{t('entityCard.notEvaluatedDescription')}</Text>
    </Flex>
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
    content = <LoadingLines label={t('entityCard.loading')} />;
  } else if (error) {
    content = <LoadError title={t('entityCard.loadFailed')} error={error} />;
  } else if (!value) {
    content = <NotEvaluated />;
  } else {
    content = <ScorecardBody scorecard={value} />;
  }

  return (
    <EntityInfoCard
      className={EKS_ENCRYPTION_CARD_CLASS}
      title={title}
      headerActions={
        canRefresh ? (
          <RefreshButton running={refresh.running} onClick={startRefresh} />
        ) : undefined
      }
    >
      <RefreshStatus state={refresh} />
      {content}
    </EntityInfoCard>
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
      <EntityInfoCard className={EKS_ENCRYPTION_CARD_CLASS} title={title}>
        <MissingAnnotationEmptyState annotation={EKS_CLUSTER_ARN_ANNOTATION} />
      </EntityInfoCard>
    );
  }
  return (
    <FormattersProvider>
      <EntityScorecardCard
        entityRef={stringifyEntityRef(entity)}
        title={title}
      />
    </FormattersProvider>
  );
}
