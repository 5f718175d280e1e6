import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { OwnerRollup } from '../../api';
import type { ReactNode } from 'react';
import { FindingCounts } from '../shared/FindingCounts';
import { useFormatters } from '../shared/format';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="overline" component="dt" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="body1" component="dd" style={{ margin: 0 }}>
        {props.children}
      </Typography>
    </Box>
  );
}

/** Compliant entities and clusters, open findings by severity and MTTR. */
export function OwnerSummary(props: { rollup: OwnerRollup }) {
  const { rollup } = props;
  const { t, number, mttr } = useFormatters();
  const partOfWhole = (part: number, whole: number) =>
    t('common.partOfWhole', { part: number(part), whole: number(whole) });
  return (
    <Box component="dl" display="flex" flexWrap="wrap" m={0} mb={2}>
      <Fact label={t('columns.compliantEntities')}>
        {partOfWhole(rollup.compliantEntities, rollup.entities)}
      </Fact>
      <Fact label={t('columns.compliantClusters')}>
        {partOfWhole(rollup.compliantClusters, rollup.clusters)}
      </Fact>
      <Fact label={t('columns.openFindings')}>
        <FindingCounts counts={rollup.openFindings} />
      </Fact>
      <Fact label={t('columns.mttr')}>{mttr(rollup.mttrHours)}</Fact>
    </Box>
  );
}
