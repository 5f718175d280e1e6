import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Alert, Box, Flex, Text } from '@backstage/ui';
import { Fragment } from 'react';
import type { ClusterScorecard } from '../../api';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { GradeChip } from '../shared/GradeChip';
import { StaleChip } from '../shared/StaleChip';
import { VerdictLabel } from '../shared/StatusLabel';
import { type EksTranslate, useFormatters } from '../shared/format';
import { CheckAccordion } from './CheckAccordion';
import type { CheckDefinitions } from './useCheckDefinitions';

/** ARNs, key ids and reasons have no spaces to break at: they wrap anywhere. */
const WRAP_ANYWHERE = { overflowWrap: 'anywhere' } as const;

function keyDescription(cluster: ClusterScorecard, t: EksTranslate): string {
  if (cluster.keyArn) {
    return cluster.keyRef && cluster.keyRef !== cluster.keyArn
      ? t('cluster.keyConfiguredAs', {
          keyArn: cluster.keyArn,
          keyRef: cluster.keyRef,
        })
      : cluster.keyArn;
  }
  if (cluster.keyRef) return cluster.keyRef;
  switch (cluster.encryptionState) {
    case 'aws-owned-default':
      return t('cluster.keyAwsOwnedDefault');
    case 'none':
      return t('cluster.keyNone');
    default:
      return t('common.unknown');
  }
}

/** Term and value pairs in two columns; values wrap within theirs. */
function Facts(props: { facts: [string, string][] }) {
  return (
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 'var(--bui-space-4)',
        rowGap: 'var(--bui-space-1)',
        margin: 'var(--bui-space-2) 0 var(--bui-space-4)',
      }}
    >
      {props.facts.map(([term, value]) => (
        <Fragment key={term}>
          <dt>
            <Text weight="bold">{term}</Text>
          </dt>
          <dd style={{ margin: 0, ...WRAP_ANYWHERE }}>
            <Text style={WRAP_ANYWHERE}>{value}</Text>
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Facts and check results of one cluster linked to the entity. */
export function ClusterSection(props: {
  cluster: ClusterScorecard;
  /** Titles, severities and order of the registered checks. */
  definitions: CheckDefinitions;
}) {
  const { cluster, definitions } = props;
  const { t, number } = useFormatters();
  const headingId = `eks-cluster-${cluster.arn.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const checks = definitions.sort(cluster.checks);
  const facts: [string, string][] = [
    [t('columns.account'), cluster.accountId],
    [t('columns.region'), cluster.region],
    [t('cluster.kubernetesVersion'), cluster.version ?? t('common.unknown')],
    [t('cluster.kmsKey'), keyDescription(cluster, t)],
    [t('columns.environment'), cluster.environment ?? t('common.notTagged')],
  ];
  const others = cluster.alsoLinkedBy ?? [];

  return (
    <Box
      as="section"
      aria-labelledby={headingId}
      mt="5"
      pt="4"
      style={{ borderTop: '1px solid var(--bui-border-1)' }}
    >
      <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
        {/* Level 4: below the card title (3). */}
        <Text
          as="h4"
          variant="title-x-small"
          weight="bold"
          id={headingId}
          style={WRAP_ANYWHERE}
        >
          {t('cluster.heading', { name: cluster.name })}
        </Text>
        <VerdictLabel verdict={cluster.verdict} />
        <GradeChip grade={cluster.grade} score={cluster.score} />
        {cluster.stale && <StaleChip reason={cluster.staleReason} />}
      </Flex>
      <Text as="p" variant="body-small" style={WRAP_ANYWHERE}>
        {cluster.arn}
      </Text>
      <Facts facts={facts} />
      {others.length > 0 && (
        <Text as="p" style={WRAP_ANYWHERE}>
          {t('cluster.alsoLinkedBy', {
            count: others.length,
            others: number(others.length),
          })}
          {others.map((ref, i) => (
            <Fragment key={ref}>
              {i > 0 && t('cluster.listSeparator')}
              <EntityRefLink entityRef={ref} />
            </Fragment>
          ))}
        </Text>
      )}
      <EvaluatedAt evaluatedAt={cluster.evaluatedAt} />
      {cluster.staleReason && (
        <Text as="p" style={WRAP_ANYWHERE}>
          {cluster.lastVerdict
            ? t('cluster.countedAs', {
                verdict: cluster.verdict,
                lastVerdict: cluster.lastVerdict,
              })
            : ''}
          {cluster.staleReason}
        </Text>
      )}
      {cluster.error && !cluster.staleReason && (
        <Alert
          status="danger"
          icon
          mt="2"
          title={
            <span style={WRAP_ANYWHERE}>
              {t('cluster.readError', { error: cluster.error })}
            </span>
          }
        />
      )}
      <Flex direction="column" gap="2" mt="3">
        {checks.map(check => (
          <CheckAccordion
            key={check.id}
            check={check}
            definitions={definitions}
            idPrefix={headingId}
          />
        ))}
      </Flex>
    </Box>
  );
}
