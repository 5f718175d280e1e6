import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Fragment } from 'react';
import type { ClusterScorecard } from '../../api';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { GradeChip } from '../shared/GradeChip';
import { StaleChip } from '../shared/StaleChip';
import { VerdictLabel } from '../shared/StatusLabel';
import { type EksTranslate, useFormatters } from '../shared/format';
import { CheckAccordion } from './CheckAccordion';
import type { CheckDefinitions } from './useCheckDefinitions';

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(3),
    paddingTop: theme.spacing(2),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 2),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
}));

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

/** Facts and check results of one cluster linked to the entity. */
export function ClusterSection(props: {
  cluster: ClusterScorecard;
  /** Titles, severities and order of the registered checks. */
  definitions: CheckDefinitions;
}) {
  const { cluster, definitions } = props;
  const classes = useStyles();
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
    <section className={classes.section} aria-labelledby={headingId}>
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
        <Typography variant="h6" component="h3" id={headingId}>
          {t('cluster.heading', { name: cluster.name })}
        </Typography>
        <VerdictLabel verdict={cluster.verdict} />
        <GradeChip grade={cluster.grade} score={cluster.score} />
        {cluster.stale && <StaleChip reason={cluster.staleReason} />}
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        {cluster.arn}
      </Typography>
      <dl className={classes.facts}>
        {facts.map(([term, value]) => (
          <Box key={term} display="contents">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Box>
        ))}
      </dl>
      {others.length > 0 && (
        <Typography variant="body2" component="p">
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
        </Typography>
      )}
      <EvaluatedAt evaluatedAt={cluster.evaluatedAt} />
      {cluster.staleReason && (
        <Typography variant="body2" color="textSecondary">
          {cluster.lastVerdict
            ? t('cluster.countedAs', {
                verdict: cluster.verdict,
                lastVerdict: cluster.lastVerdict,
              })
            : ''}
          {cluster.staleReason}
        </Typography>
      )}
      {cluster.error && !cluster.staleReason && (
        <Typography color="error" variant="body2">
          {t('cluster.readError', { error: cluster.error })}
        </Typography>
      )}
      <Box mt={1}>
        {checks.map(check => (
          <CheckAccordion
            key={check.id}
            check={check}
            definitions={definitions}
            idPrefix={headingId}
          />
        ))}
      </Box>
    </section>
  );
}
