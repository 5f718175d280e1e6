import Grid, { GridSize } from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField, { OutlinedTextFieldProps } from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import type {
  ClusterVerdict,
  OwnerRollup,
} from 'backstage-plugin-eks-encryption-common';
import type { ChangeEvent } from 'react';
import { verdictLabel } from '../shared/StatusLabel';
import {
  ClusterFilterDraft,
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
  xs: GridSize;
  md: GridSize;
};

/** One field of the bar, in its grid cell. */
function FilterField(props: FilterFieldProps) {
  const { xs, md, ...fieldProps } = props;
  return (
    <Grid item xs={xs} md={md}>
      <TextField {...fieldProps} fullWidth variant="outlined" size="small" />
    </Grid>
  );
}

/** A field choosing one of its options, or any. */
function SelectFilterField(
  props: Omit<FilterFieldProps, 'select' | 'SelectProps' | 'children'> & {
    options: { value: string; label: string }[];
  },
) {
  const { options, ...fieldProps } = props;
  return (
    <FilterField
      {...fieldProps}
      select
      SelectProps={{ native: true }}
      // The first option, "Any", always shows: the label must not sit on it.
      InputLabelProps={{ shrink: true }}
    >
      <option value="">Any</option>
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
  const field =
    (name: keyof ClusterFilterDraft) =>
    (event: ChangeEvent<{ value: string }>) =>
      onChange({ ...value, [name]: event.target.value });
  const accountValid = isValidAccountId(value.accountId);
  const regionValid = isValidRegion(value.region);

  return (
    <Grid container spacing={2}>
      <FilterField
        xs={12}
        md={4}
        id="eks-cluster-search"
        label="Search clusters"
        placeholder="Name or ARN"
        value={value.search}
        onChange={field('search')}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon aria-hidden />
            </InputAdornment>
          ),
        }}
      />
      <SelectFilterField
        xs={6}
        md={2}
        id="eks-cluster-verdict"
        label="Verdict"
        value={value.verdict}
        onChange={field('verdict')}
        options={VERDICTS.map(verdict => ({
          value: verdict,
          label: verdictLabel(verdict),
        }))}
      />
      <SelectFilterField
        xs={6}
        md={2}
        id="eks-cluster-owner"
        label="Owner"
        value={value.owner}
        onChange={field('owner')}
        options={owners.map(owner => ({
          value: owner.ownerRef,
          label: owner.ownerRef,
        }))}
      />
      <FilterField
        xs={4}
        md={2}
        id="eks-cluster-account"
        label="Account"
        value={value.accountId}
        onChange={field('accountId')}
        error={!accountValid}
        helperText={accountValid ? undefined : '12 digits'}
        inputProps={{ inputMode: 'numeric' }}
      />
      <FilterField
        xs={4}
        md={1}
        id="eks-cluster-region"
        label="Region"
        placeholder="eu-west-1"
        value={value.region}
        onChange={field('region')}
        error={!regionValid}
        helperText={regionValid ? undefined : 'e.g. eu-west-1'}
      />
      <FilterField
        xs={4}
        md={1}
        id="eks-cluster-environment"
        label="Environment"
        value={value.environment}
        onChange={field('environment')}
      />
    </Grid>
  );
}
