import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
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
      <Grid item xs={12} md={4}>
        <TextField
          id="eks-cluster-search"
          label="Search clusters"
          placeholder="Name or ARN"
          value={value.search}
          onChange={field('search')}
          fullWidth
          variant="outlined"
          size="small"
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon aria-hidden />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <TextField
          id="eks-cluster-verdict"
          select
          label="Verdict"
          value={value.verdict}
          onChange={field('verdict')}
          fullWidth
          variant="outlined"
          size="small"
          SelectProps={{ native: true }}
        >
          <option value="">Any</option>
          {VERDICTS.map(verdict => (
            <option key={verdict} value={verdict}>
              {verdictLabel(verdict)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={6} md={2}>
        <TextField
          id="eks-cluster-owner"
          select
          label="Owner"
          value={value.owner}
          onChange={field('owner')}
          fullWidth
          variant="outlined"
          size="small"
          SelectProps={{ native: true }}
        >
          <option value="">Any</option>
          {owners.map(owner => (
            <option key={owner.ownerRef} value={owner.ownerRef}>
              {owner.ownerRef}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={4} md={2}>
        <TextField
          id="eks-cluster-account"
          label="Account"
          value={value.accountId}
          onChange={field('accountId')}
          error={!accountValid}
          helperText={accountValid ? undefined : '12 digits'}
          fullWidth
          variant="outlined"
          size="small"
          inputProps={{ inputMode: 'numeric' }}
        />
      </Grid>
      <Grid item xs={4} md={1}>
        <TextField
          id="eks-cluster-region"
          label="Region"
          placeholder="eu-west-1"
          value={value.region}
          onChange={field('region')}
          error={!regionValid}
          helperText={regionValid ? undefined : 'e.g. eu-west-1'}
          fullWidth
          variant="outlined"
          size="small"
        />
      </Grid>
      <Grid item xs={4} md={1}>
        <TextField
          id="eks-cluster-environment"
          label="Environment"
          value={value.environment}
          onChange={field('environment')}
          fullWidth
          variant="outlined"
          size="small"
        />
      </Grid>
    </Grid>
  );
}
