import { Text } from '@backstage/ui';
import type { OwnerRollup } from '../../api';
import { memo, type ReactNode } from 'react';
import { FindingCounts } from '../shared/FindingCounts';
import { useFormatters } from '../shared/format';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>
        <Text as="span" variant="body-small" weight="bold">
          {props.label}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text as="span" variant="body-large">
          {props.children}
        </Text>
      </dd>
    </div>
  );
}

/**
 * Compliant entities and clusters, open findings by severity and MTTR.
 * Memoized: the rollup stays the same object from one page of rows to the next.
 */
export const OwnerSummary = memo(function SummaryOfOwner(props: {
  rollup: OwnerRollup;
}) {
  const { rollup } = props;
  const { t, number, mttr } = useFormatters();
  const partOfWhole = (part: number, whole: number) =>
    t('common.partOfWhole', { part: number(part), whole: number(whole) });
  // Facts wrap onto more lines in a narrow card instead of shrinking.
  return (
    <dl
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 'var(--bui-space-2) var(--bui-space-6)',
        margin: 0,
      }}
    >
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
    </dl>
  );
});
