import {
  Cell,
  Flex,
  Row,
  Table,
  Text,
  useTable,
  type ColumnConfig,
  type SortDescriptor,
  type TextColorStatus,
  type TextColors,
} from '@backstage/ui';
import {
  RiCheckboxCircleLine,
  RiCloseCircleLine,
  RiQuestionLine,
  type RemixiconComponentType,
} from '@remixicon/react';
import { Fragment, useMemo } from 'react';
import { Formatters, useFormatters } from '../shared/format';
import { EntityLink } from '../shared/EntityLink';
import { useLocalPaging } from '../shared/paging';
import type { CheckRollup } from './rollUpChecks';

/** Links shown per check; a team of a thousand entities must not render a thousand links. */
export const FAILING_LINKS_SHOWN = 5;

type CheckRow = CheckRollup & { id: string };

type Outcome = 'passed' | 'failed' | 'noData';

function FailingEntities(props: { refs: string[] }) {
  const { t, number } = useFormatters();
  const shown = props.refs.slice(0, FAILING_LINKS_SHOWN);
  const hidden = props.refs.length - shown.length;
  if (shown.length === 0) return <Text as="span">{t('common.none')}</Text>;
  return (
    <Text as="span" style={{ display: 'inline' }}>
      {shown.map((ref, index) => (
        <Fragment key={ref}>
          {index > 0 && t('cluster.listSeparator')}
          <EntityLink entityRef={ref} />
        </Fragment>
      ))}
      {hidden > 0 && t('techInsights.andMore', { more: number(hidden) })}
    </Text>
  );
}

const OUTCOME_ICONS: Record<
  Outcome,
  { Icon: RemixiconComponentType; color: TextColorStatus | TextColors }
> = {
  passed: { Icon: RiCheckboxCircleLine, color: 'success' },
  failed: { Icon: RiCloseCircleLine, color: 'danger' },
  noData: { Icon: RiQuestionLine, color: 'secondary' },
};

/**
 * A count with the outcome's icon; the column header names the outcome in
 * words, so the icon is decorative and the number keeps the body colour.
 */
function CountCell(props: { outcome: Outcome; count: number }) {
  const { number } = useFormatters();
  const { Icon, color } = OUTCOME_ICONS[props.outcome];
  return (
    <Cell>
      <Flex align="center" gap="1">
        <Text as="span" color={color} aria-hidden style={{ display: 'flex' }}>
          <Icon size="1.1em" aria-hidden focusable={false} />
        </Text>
        <Text as="span">{number(props.count)}</Text>
      </Flex>
    </Cell>
  );
}

// Counts get fixed room for their header; name and links share the rest.
function buildColumns({ t }: Formatters): ColumnConfig<CheckRow>[] {
  const count = (id: Outcome, label: string): ColumnConfig<CheckRow> => ({
    id,
    label,
    defaultWidth: 88,
    // Unsortable: a sort arrow's room would cut these short headers.
    cell: row => <CountCell outcome={id} count={row[id].length} />,
  });
  return [
    {
      id: 'check',
      label: t('techInsights.check'),
      defaultWidth: '1fr',
      isRowHeader: true,
      isSortable: true,
      cell: row => (
        <Cell>
          <Flex direction="column" gap="1">
            <Text as="span" weight="bold" style={{ overflowWrap: 'anywhere' }}>
              {row.check.name}
            </Text>
            <Text
              as="span"
              variant="body-small"
              style={{ overflowWrap: 'anywhere' }}
            >
              {row.check.id}
            </Text>
          </Flex>
        </Cell>
      ),
    },
    count('passed', t('techInsights.passed')),
    count('failed', t('techInsights.failed')),
    count('noData', t('techInsights.noData')),
    {
      id: 'failing',
      label: t('techInsights.failingEntities'),
      defaultWidth: '1.5fr',
      cell: row => (
        <Cell>
          <FailingEntities refs={row.failed} />
        </Cell>
      ),
    },
  ];
}

function sortRows(rows: CheckRow[], sort: SortDescriptor): CheckRow[] {
  const column = String(sort.column);
  const direction = sort.direction === 'descending' ? -1 : 1;
  if (column !== 'check') return rows;
  return [...rows].sort(
    (a, b) => direction * a.check.name.localeCompare(b.check.name),
  );
}

/** One row per check: passed / failed / no data, and the failing entities. */
export function CheckRollupTable(props: { rows: CheckRollup[] }) {
  const rows = useMemo(
    () => props.rows.map(row => ({ ...row, id: row.check.id })),
    [props.rows],
  );
  const { tableProps } = useTable<CheckRow>({
    mode: 'complete',
    data: rows,
    sortFn: sortRows,
    paginationOptions: useLocalPaging(rows.length),
  });
  const formatters = useFormatters();
  const columns = useMemo(() => buildColumns(formatters), [formatters]);
  return (
    <Table<CheckRow>
      {...tableProps}
      columnConfig={columns}
      // A test id per check, as the rows carry no other stable handle.
      rowConfig={({ item }) => (
        <Row id={item.id} columns={columns} data-testid={`check-${item.id}`}>
          {column => column.cell(item)}
        </Row>
      )}
    />
  );
}
