import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useFormatters } from '../shared/format';
import type { CheckRollup } from './rollUpChecks';

/** Links shown per check; a team of a thousand entities must not render a thousand links. */
export const FAILING_LINKS_SHOWN = 5;

function FailingEntities(props: { refs: string[] }) {
  const { t, number } = useFormatters();
  const shown = props.refs.slice(0, FAILING_LINKS_SHOWN);
  const hidden = props.refs.length - shown.length;
  return (
    <>
      {shown.map((ref, index) => (
        <span key={ref}>
          {index > 0 && t('cluster.listSeparator')}
          <EntityRefLink entityRef={ref} />
        </span>
      ))}
      {hidden > 0 && t('techInsights.andMore', { more: number(hidden) })}
    </>
  );
}

const useStyles = makeStyles({
  // Room for a check's name beside long lists of failing entities.
  check: { width: '35%' },
  // The theme lets cells break inside words: "Passe-d" in a narrow card.
  count: { whiteSpace: 'nowrap' },
});

/** One row per check: passed / failed / no data, and the failing entities. */
export function CheckRollupTable(props: { rows: CheckRollup[] }) {
  const classes = useStyles();
  const { t, number } = useFormatters();
  return (
    <Table size="small" aria-label={t('techInsights.title')}>
      <TableHead>
        <TableRow>
          <TableCell className={classes.check}>
            {t('techInsights.check')}
          </TableCell>
          <TableCell align="right" className={classes.count}>
            {t('techInsights.passed')}
          </TableCell>
          <TableCell align="right" className={classes.count}>
            {t('techInsights.failed')}
          </TableCell>
          <TableCell align="right" className={classes.count}>
            {t('techInsights.noData')}
          </TableCell>
          <TableCell>{t('techInsights.failingEntities')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(({ check, passed, failed, noData }) => (
          <TableRow key={check.id} data-testid={`check-${check.id}`}>
            <TableCell>
              <Typography variant="body2">{check.name}</Typography>
              <Typography variant="caption" color="textSecondary">
                {check.id}
              </Typography>
            </TableCell>
            <TableCell align="right" aria-label={t('techInsights.passedCell')}>
              {number(passed.length)}
            </TableCell>
            <TableCell align="right" aria-label={t('techInsights.failedCell')}>
              {number(failed.length)}
            </TableCell>
            <TableCell align="right" aria-label={t('techInsights.noDataCell')}>
              {number(noData.length)}
            </TableCell>
            <TableCell>
              <FailingEntities refs={failed} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
