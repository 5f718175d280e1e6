import {
  Cell,
  Flex,
  SearchField,
  Table,
  Text,
  type ColumnConfig,
} from '@backstage/ui';
import { useMemo } from 'react';
import { EvaluatedAt } from '../shared/EvaluatedAt';
import { FindingCounts } from '../shared/FindingCounts';
import { Formatters, useFormatters } from '../shared/format';
import { GradeChip } from '../shared/GradeChip';
import { StaleChip } from '../shared/StaleChip';
import { VerdictLabel } from '../shared/StatusLabel';
import { EntityLink } from '../shared/EntityLink';
import type { OwnedEntityRow, useOwnerRows } from './useOwnerRows';

/**
 * The entity's link, then what would otherwise need columns of its own: its
 * owner (with child groups) and its cluster count. Names wrap, so the table
 * fits a half-width card.
 */
function EntityCell(props: { row: OwnedEntityRow; showOwner: boolean }) {
  const { row, showOwner } = props;
  const { t, number } = useFormatters();
  return (
    <Cell>
      <Flex direction="column" gap="1" align="start">
        <EntityLink entityRef={row.entityRef} weight="bold" />
        {showOwner && (
          <Text as="span" variant="body-small" style={{ display: 'inline' }}>
            {t('ownershipCard.ownedBy')}
            <EntityLink
              entityRef={row.ownerRef}
              defaultKind="group"
              variant="body-small"
            />
          </Text>
        )}
        <Text as="span" variant="body-small">
          {t('ownershipCard.clusters', {
            count: row.clusters,
            clusters: number(row.clusters),
          })}
        </Text>
      </Flex>
    </Cell>
  );
}

// Fixed room for the short statuses, the rest shared by names and findings
// (which get more: a severity count never breaks inside).
function buildColumns(
  showOwner: boolean,
  { t }: Formatters,
): ColumnConfig<OwnedEntityRow>[] {
  return [
    {
      id: 'entityRef',
      label: t('columns.entity'),
      defaultWidth: '1fr',
      isRowHeader: true,
      isSortable: true,
      cell: row => <EntityCell row={row} showOwner={showOwner} />,
    },
    {
      id: 'verdict',
      label: t('columns.verdict'),
      defaultWidth: 160,
      isSortable: true,
      cell: row => (
        <Cell>
          <Flex direction="column" gap="1" align="start">
            <VerdictLabel verdict={row.verdict} />
            <GradeChip grade={row.grade} score={row.score} />
          </Flex>
        </Cell>
      ),
    },
    {
      id: 'openFindings',
      label: t('columns.openFindings'),
      defaultWidth: '1.2fr',
      isSortable: true,
      cell: row => (
        <Cell>
          <FindingCounts counts={row.openFindings} />
        </Cell>
      ),
    },
    {
      id: 'evaluatedAt',
      label: t('columns.evaluated'),
      defaultWidth: 104,
      // Unsortable: a sort arrow's room would cut this short header.
      isSortable: false,
      cell: row => (
        <Cell>
          <Flex direction="column" gap="1" align="start">
            <EvaluatedAt evaluatedAt={row.evaluatedAt} compact />
            {row.stale && <StaleChip />}
          </Flex>
        </Cell>
      ),
    },
  ];
}

/**
 * The owner's entities, worst first, a page at a time from the API (which
 * sorts and searches too); searchable when there is more than a page.
 */
export function OwnedEntitiesTable(props: {
  rows: ReturnType<typeof useOwnerRows>;
  showOwner: boolean;
  searchable: boolean;
}) {
  const { rows, showOwner, searchable } = props;
  const { tableProps, search } = rows;
  const formatters = useFormatters();
  const { t } = formatters;
  const columns = useMemo(
    () => buildColumns(showOwner, formatters),
    [showOwner, formatters],
  );
  return (
    <Flex direction="column" gap="3">
      <Flex
        justify="between"
        align="center"
        gap="3"
        style={{ flexWrap: 'wrap' }}
      >
        <Text as="h4" variant="title-x-small" weight="bold">
          {t('ownershipCard.ownedEntities')}
        </Text>
        {searchable && (
          <SearchField
            aria-label={t('ownershipCard.search')}
            placeholder={t('ownershipCard.searchPlaceholder')}
            size="small"
            value={search.value}
            onChange={search.onChange}
          />
        )}
      </Flex>
      <Table<OwnedEntityRow>
        {...tableProps}
        columnConfig={columns}
        emptyState={<Text as="p">{t('ownershipCard.noMatch')}</Text>}
      />
    </Flex>
  );
}
