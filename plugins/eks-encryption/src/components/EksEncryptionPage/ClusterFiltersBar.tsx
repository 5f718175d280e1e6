import { SearchField, Select, TextField, type Key } from '@backstage/ui';
import { RiSearchLine } from '@remixicon/react';
import type { ClusterVerdict } from 'backstage-plugin-eks-encryption-common';
import type { CSSProperties } from 'react';
import { memo, useContext, useMemo } from 'react';
import type { OwnerRollup } from '../../api';
import { useFormatters } from '../shared/format';
import { useLowPriorityValue } from '../shared/useLowPriorityValue';
import { OwnerRollupsContext } from './OwnerRollupsContext';
import {
  ClusterFilterDraft,
  FILTER_MAX_LENGTH,
  isValidAccountId,
  isValidRegion,
} from './clusterFilters';

const NO_OWNERS: OwnerRollup[] = [];

const VERDICTS: ClusterVerdict[] = [
  'non-compliant',
  'error',
  'incomplete',
  'compliant',
];

/**
 * A field's share of the bar: never narrower than `width` px unless alone on
 * its line, and growing into the room left when `grow`.
 */
function fieldStyle(width: number, grow = false): CSSProperties {
  return { flex: `${grow ? 1 : 0} 1 ${width}px`, minWidth: 0 };
}

const BAR_STYLE: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'flex-start',
  gap: 'var(--bui-space-4)',
};

/**
 * Search and filter fields of the clusters table. Memoized: a new page of
 * clusters must not render the owner picker's options (one per owner) again.
 */
export const ClusterFiltersBar = memo(function FiltersBar(props: {
  value: ClusterFilterDraft;
  onChange: (value: ClusterFilterDraft) => void;
}) {
  const { value, onChange } = props;
  // One option per owner, a thousand in a large organisation, in a list that
  // shows only when opened: it renders after the table, in a transition.
  const owners = useLowPriorityValue(
    useContext(OwnerRollupsContext),
    NO_OWNERS,
  );
  const { t, verdict: verdictLabel } = useFormatters();
  const set = (name: keyof ClusterFilterDraft) => (next: string) =>
    onChange({ ...value, [name]: next });
  const setKey = (name: 'verdict' | 'owner') => (key: Key | null) =>
    onChange({ ...value, [name]: key === null ? '' : String(key) });
  const any = t('orgPage.filters.any');
  const verdictOptions = useMemo(
    () => [
      { value: '', label: any },
      ...VERDICTS.map(verdict => ({
        value: verdict,
        label: verdictLabel(verdict),
      })),
    ],
    [any, verdictLabel],
  );
  const ownerOptions = useMemo(
    () => [
      { value: '', label: any },
      ...owners.map(owner => ({
        value: owner.ownerRef,
        label: owner.ownerRef,
      })),
    ],
    [any, owners],
  );

  return (
    // Fields that do not fit on one line wrap onto the next.
    <div style={BAR_STYLE}>
      <SearchField
        style={fieldStyle(220, true)}
        label={t('orgPage.filters.search')}
        placeholder={t('orgPage.filters.searchPlaceholder')}
        icon={<RiSearchLine aria-hidden />}
        value={value.search}
        onChange={set('search')}
        maxLength={FILTER_MAX_LENGTH.search}
      />
      <Select
        selectionMode="single"
        style={fieldStyle(170)}
        label={t('orgPage.filters.verdict')}
        options={verdictOptions}
        value={value.verdict}
        onChange={setKey('verdict')}
      />
      <Select
        selectionMode="single"
        style={fieldStyle(200)}
        label={t('orgPage.filters.owner')}
        options={ownerOptions}
        value={value.owner}
        onChange={setKey('owner')}
      />
      <TextField
        style={fieldStyle(140)}
        label={t('orgPage.filters.account')}
        value={value.accountId}
        onChange={set('accountId')}
        inputMode="numeric"
        validationBehavior="aria"
        validate={text =>
          isValidAccountId(text) ? null : t('orgPage.filters.accountInvalid')
        }
      />
      <TextField
        style={fieldStyle(140)}
        label={t('orgPage.filters.region')}
        placeholder={t('orgPage.filters.regionPlaceholder')}
        value={value.region}
        onChange={set('region')}
        validationBehavior="aria"
        validate={text =>
          isValidRegion(text) ? null : t('orgPage.filters.regionInvalid')
        }
      />
      <TextField
        style={fieldStyle(150)}
        label={t('orgPage.filters.environment')}
        value={value.environment}
        onChange={set('environment')}
        maxLength={FILTER_MAX_LENGTH.environment}
      />
    </div>
  );
});
