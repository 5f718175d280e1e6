import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { OwnerRollup } from 'backstage-plugin-eks-encryption-common';
import { useMemo } from 'react';
import { FindingCounts } from '../shared/FindingCounts';
import { formatMttr } from '../shared/format';
import { compareFindings } from '../shared/verdictOrder';

const PAGE_SIZE = 10;

function complianceRatio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/** Most open findings first, then the lowest share of compliant clusters. */
function compareOwners(a: OwnerRollup, b: OwnerRollup): number {
  return (
    compareFindings(a.openFindings, b.openFindings) ||
    complianceRatio(a.compliantClusters, a.clusters) -
      complianceRatio(b.compliantClusters, b.clusters) ||
    a.ownerRef.localeCompare(b.ownerRef)
  );
}

const columns: TableColumn<OwnerRollup>[] = [
  {
    title: 'Owner',
    field: 'ownerRef',
    highlight: true,
    render: row => <EntityRefLink entityRef={row.ownerRef} />,
  },
  {
    title: 'Compliant entities',
    field: 'compliantEntities',
    customSort: (a, b) =>
      complianceRatio(a.compliantEntities, a.entities) -
      complianceRatio(b.compliantEntities, b.entities),
    render: row => `${row.compliantEntities} of ${row.entities}`,
  },
  {
    title: 'Compliant clusters',
    field: 'compliantClusters',
    customSort: (a, b) =>
      complianceRatio(a.compliantClusters, a.clusters) -
      complianceRatio(b.compliantClusters, b.clusters),
    render: row => `${row.compliantClusters} of ${row.clusters}`,
  },
  {
    title: 'Open findings',
    field: 'openFindings',
    customSort: (a, b) => compareFindings(a.openFindings, b.openFindings),
    render: row => <FindingCounts counts={row.openFindings} />,
  },
  {
    title: 'Mean time to resolve',
    field: 'mttrHours',
    customSort: (a, b) => (a.mttrHours ?? -1) - (b.mttrHours ?? -1),
    render: row => formatMttr(row.mttrHours),
  },
];

/** One row per owner, the owners with most open findings first. */
export function OwnersTable(props: { owners: OwnerRollup[] }) {
  const data = useMemo(
    () => props.owners.map(owner => ({ ...owner })).sort(compareOwners),
    [props.owners],
  );
  return (
    <Table<OwnerRollup>
      title="Owners"
      columns={columns}
      data={data}
      options={{
        paging: data.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [10, 25, 50, 100],
        emptyRowsWhenPaging: false,
        padding: 'dense',
        search: true,
      }}
    />
  );
}
