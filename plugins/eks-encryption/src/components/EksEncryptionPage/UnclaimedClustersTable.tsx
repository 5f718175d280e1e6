import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { EntityVerdict } from 'backstage-plugin-eks-encryption-common';
import { useMemo } from 'react';
import type { DiscoveredCluster } from '../../api';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { formatRelativeTime, formatTimestamp } from '../shared/format';
import { VerdictLabel } from '../shared/StatusLabel';
import {
  localPagingOptions,
  singleLine,
  withNarrowGutters,
} from '../shared/tableColumns';
import { verdictRank } from '../shared/verdictOrder';

/** An unclaimed cluster has no verdict until its first evaluation. */
function verdictOf(cluster: DiscoveredCluster): EntityVerdict {
  return cluster.verdict ?? 'not-evaluated';
}

/** Worst verdict first, production before the rest, then by name. */
function compareUnclaimed(a: DiscoveredCluster, b: DiscoveredCluster) {
  return (
    verdictRank(verdictOf(a)) - verdictRank(verdictOf(b)) ||
    Number(b.isProduction ?? false) - Number(a.isProduction ?? false) ||
    a.name.localeCompare(b.name)
  );
}

/**
 * The catalog group or user the owner tag names; else the tag's raw value
 * (it names nobody in the catalog); else "unowned".
 */
function Owner(props: { cluster: DiscoveredCluster }) {
  const { ownerRef, ownerTag } = props.cluster;
  if (ownerRef) return <EntityRefLink entityRef={ownerRef} />;
  if (ownerTag) {
    return (
      <span title="Owner tag; it names no catalog group or user">
        {ownerTag}
      </span>
    );
  }
  return <>unowned</>;
}

function FirstSeen(props: { at: string }) {
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      <time dateTime={props.at} title={formatTimestamp(props.at)}>
        {formatRelativeTime(props.at)}
      </time>
    </Typography>
  );
}

const columns: TableColumn<DiscoveredCluster>[] = [
  {
    title: 'Cluster',
    field: 'name',
    highlight: true,
    cellStyle: singleLine(),
    // Account and region have their own columns; the full ARN is a tooltip.
    render: row => (
      <Typography variant="body2" title={row.arn}>
        <strong>{row.name}</strong>
      </Typography>
    ),
  },
  { title: 'Account', field: 'accountId', cellStyle: singleLine() },
  { title: 'Region', field: 'region', cellStyle: singleLine() },
  {
    title: 'Environment',
    field: 'environment',
    render: row => row.environment ?? 'Not tagged',
  },
  {
    title: 'Owner',
    field: 'ownerTag',
    cellStyle: singleLine(),
    render: row => <Owner cluster={row} />,
  },
  {
    title: 'Verdict',
    field: 'verdict',
    customSort: (a, b) => verdictRank(verdictOf(a)) - verdictRank(verdictOf(b)),
    render: row => <VerdictLabel verdict={verdictOf(row)} />,
  },
  {
    title: 'Grade',
    field: 'score',
    cellStyle: singleLine(),
    render: row => {
      if (!row.grade) return '–';
      return row.score === undefined
        ? row.grade
        : `${row.grade} (${row.score}/100)`;
    },
  },
  {
    title: 'Evaluated',
    field: 'evaluatedAt',
    render: row => (
      <EvaluatedAt evaluatedAt={row.evaluatedAt ?? null} compact />
    ),
  },
  {
    title: 'First seen',
    field: 'firstSeenAt',
    cellStyle: singleLine(),
    render: row => <FirstSeen at={row.firstSeenAt} />,
  },
];

/** The unclaimed clusters, worst first, paged in the browser. */
export function UnclaimedClustersTable(props: {
  clusters: DiscoveredCluster[];
}) {
  const gutter = useTheme().spacing(2);
  // Nine columns share the card: the theme's wide cell padding would not fit.
  const narrowColumns = useMemo(
    () => withNarrowGutters(columns, gutter),
    [gutter],
  );
  // material-table writes into the row objects it gets: hand it copies.
  const rows = useMemo(
    () =>
      props.clusters.map(cluster => ({ ...cluster })).sort(compareUnclaimed),
    [props.clusters],
  );
  return (
    <Table<DiscoveredCluster>
      columns={narrowColumns}
      data={rows}
      options={{
        ...localPagingOptions(rows.length),
        search: false,
        toolbar: false,
      }}
    />
  );
}
