import { Table, TableColumn } from '@backstage/core-components';
import type { OwnerRollup } from '../../api';
import { useMemo } from 'react';
import { Formatters, useFormatters } from '../shared/format';
import {
  localPagingOptions,
  openFindingsColumn,
  ownerColumn,
} from '../shared/tableColumns';
import { compareFindings } from '../shared/verdictOrder';

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

/** "3 of 4" compliant entities or clusters, sorted by the compliant share. */
function complianceColumn(
  of: 'entities' | 'clusters',
  { t, number }: Formatters,
): TableColumn<OwnerRollup> {
  const part = of === 'entities' ? 'compliantEntities' : 'compliantClusters';
  const ratio = (row: OwnerRollup) => complianceRatio(row[part], row[of]);
  return {
    title:
      part === 'compliantEntities'
        ? t('columns.compliantEntities')
        : t('columns.compliantClusters'),
    field: part,
    customSort: (a, b) => ratio(a) - ratio(b),
    render: row =>
      t('common.partOfWhole', {
        part: number(row[part]),
        whole: number(row[of]),
      }),
  };
}

function buildColumns(formatters: Formatters): TableColumn<OwnerRollup>[] {
  const { t, mttr } = formatters;
  return [
    ownerColumn(t, { highlight: true }),
    complianceColumn('entities', formatters),
    complianceColumn('clusters', formatters),
    openFindingsColumn(t),
    {
      title: t('columns.mttr'),
      field: 'mttrHours',
      customSort: (a, b) => (a.mttrHours ?? -1) - (b.mttrHours ?? -1),
      render: row => mttr(row.mttrHours),
    },
  ];
}

/** One row per owner, the owners with most open findings first. */
export function OwnersTable(props: { owners: OwnerRollup[] }) {
  const data = useMemo(
    () => props.owners.map(owner => ({ ...owner })).sort(compareOwners),
    [props.owners],
  );
  const formatters = useFormatters();
  const columns = useMemo(() => buildColumns(formatters), [formatters]);
  return (
    <Table<OwnerRollup>
      title={formatters.t('orgPage.owners')}
      columns={columns}
      data={data}
      options={{ ...localPagingOptions(data.length), search: true }}
    />
  );
}
