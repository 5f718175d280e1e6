import Box from '@material-ui/core/Box';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField, { OutlinedTextFieldProps } from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import type { ClusterVerdict } from 'backstage-plugin-eks-encryption-common';
import type { OwnerRollup } from '../../api';
import type { ChangeEvent } from 'react';
import { useFormatters } from '../shared/format';
import {
  ClusterFilterDraft,
  FILTER_MAX_LENGTH,
  isValidAccountId,
  isValidRegion,
} from './clusterFilters';

const VERDICTS: ClusterVerdict[] = [
  'non-compliant',
  'error',
  'incomplete',
  'compliant',
];

type FilterFieldProps = Omit<OutlinedTextFieldProps, 'variant'> & {
  /** Width in px that fits the field's label and a typical value. */
  width: number;
  /** Whether the field takes the room left on its line. */
  grow?: boolean;
};

/** One field of the bar: never narrower than its width unless alone. */
function FilterField(props: FilterFieldProps) {
  const { width, grow = false, ...fieldProps } = props;
  return (
    <Box flex={`${grow ? 1 : 0} 1 ${width}px`} minWidth={0}>
      <TextField {...fieldProps} fullWidth variant="outlined" size="small" />
    </Box>
  );
}

/** A field choosing one of its options, or any. */
function SelectFilterField(
  props: Omit<FilterFieldProps, 'select' | 'SelectProps' | 'children'> & {
    options: { value: string; label: string }[];
  },
) {
  const { options, ...fieldProps } = props;
  const { t } = useFormatters();
  return (
    <FilterField
      {...fieldProps}
      select
      SelectProps={{ native: true }}
      // The first option, "Any", always shows: the label must not sit on it.
      InputLabelProps={{ shrink: true }}
    >
      <option value="">{t('orgPage.filters.any')}</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </FilterField>
  );
}

/** Search and filter fields of the clusters table. */
export function ClusterFiltersBar(props: {
  value: ClusterFilterDraft;
  owners: OwnerRollup[];
  onChange: (value: ClusterFilterDraft) => void;
}) {
  const { value, owners, onChange } = props;
  const { t, verdict: verdictLabel } = useFormatters();
  const field =
    (name: keyof ClusterFilterDraft) =>
    (event: ChangeEvent<{ value: string }>) =>
      onChange({ ...value, [name]: event.target.value });
  const accountValid = isValidAccountId(value.accountId);
  const regionValid = isValidRegion(value.region);

  return (
    // Fields that do not fit on one line wrap onto the next.
    <Box display="flex" flexWrap="wrap" alignItems="flex-start" gridGap={16}>
      <FilterField
        width={220}
        grow
        id="eks-cluster-search"
        label={t('orgPage.filters.search')}
        placeholder={t('orgPage.filters.searchPlaceholder')}
        value={value.search}
        onChange={field('search')}
        inputProps={{ maxLength: FILTER_MAX_LENGTH.search }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon aria-hidden />
            </InputAdornment>
          ),
        }}
      />
      <SelectFilterField
        width={170}
        id="eks-cluster-verdict"
        label={t('orgPage.filters.verdict')}
        value={value.verdict}
        onChange={field('verdict')}
        options={VERDICTS.map(verdict => ({
          value: verdict,
          label: verdictLabel(verdict),
        }))}
      />
      <SelectFilterField
        width={200}
        id="eks-cluster-owner"
        label={t('orgPage.filters.owner')}
        value={value.owner}
        onChange={field('owner')}
        options={owners.map(owner => ({
          value: owner.ownerRef,
          label: owner.ownerRef,
        }))}
      />
      <FilterField
        width={140}
        id="eks-cluster-account"
        label={t('orgPage.filters.account')}
        value={value.accountId}
        onChange={field('accountId')}
        error={!accountValid}
        helperText={
          accountValid ? undefined : t('orgPage.filters.accountInvalid')
        }
        inputProps={{ inputMode: 'numeric' }}
      />
      <FilterField
        width={140}
        id="eks-cluster-region"
        label={t('orgPage.filters.region')}
        placeholder="eu-west-1"
        value={value.region}
        onChange={field('region')}
        error={!regionValid}
        helperText={
          regionValid ? undefined : t('orgPage.filters.regionInvalid')
        }
      />
      <FilterField
        width={150}
        id="eks-cluster-environment"
        label={t('orgPage.filters.environment')}
        value={value.environment}
        onChange={field('environment')}
        inputProps={{ maxLength: FILTER_MAX_LENGTH.environment }}
      />
    </Box>
  );
}
