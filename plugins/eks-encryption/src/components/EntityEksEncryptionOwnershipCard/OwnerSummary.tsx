import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { OwnerRollup } from '../../api';
import type { ReactNode } from 'react';
import { FindingCounts } from '../shared/FindingCounts';
import { formatMttr } from '../shared/format';

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
  return (
    <Box component="dl" display="flex" flexWrap="wrap" m={0} mb={2}>
      <Fact label="Compliant entities">
        {rollup.compliantEntities} of {rollup.entities}
      </Fact>
      <Fact label="Compliant clusters">
        {rollup.compliantClusters} of {rollup.clusters}
      </Fact>
      <Fact label="Open findings">
        <FindingCounts counts={rollup.openFindings} />
      </Fact>
      <Fact label="Mean time to resolve">{formatMttr(rollup.mttrHours)}</Fact>
    </Box>
  );
}
