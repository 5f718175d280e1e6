import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { CheckRollup } from './rollUpChecks';

/** One row per check: passed / failed / no data, and the failing entities. */
export function CheckRollupTable(props: { rows: CheckRollup[] }) {
  return (
    <Table size="small" aria-label="Tech Insights checks">
      <TableHead>
        <TableRow>
          <TableCell>Check</TableCell>
          <TableCell align="right">Passed</TableCell>
          <TableCell align="right">Failed</TableCell>
          <TableCell align="right">No data</TableCell>
          <TableCell>Failing entities</TableCell>
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
            <TableCell align="right" aria-label="passed">
              {passed.length}
            </TableCell>
            <TableCell align="right" aria-label="failed">
              {failed.length}
            </TableCell>
            <TableCell align="right" aria-label="no data">
              {noData.length}
            </TableCell>
            <TableCell>
              {failed.map((ref, index) => (
                <span key={ref}>
                  {index > 0 && ', '}
                  <EntityRefLink entityRef={ref} />
                </span>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
