import Grid from '@material-ui/core/Grid';
import { EntityLayout, EntitySwitch, isKind } from '@backstage/plugin-catalog';
import {
  EntityEksEncryptionCard,
  EntityEksEncryptionOwnershipCard,
  isEksEncryptionAvailable,
} from 'backstage-plugin-eks-encryption';

// Services and resources: the scorecard, where the entity names a cluster.
const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    <EntitySwitch>
      <EntitySwitch.Case if={isEksEncryptionAvailable}>
        <Grid item md={6}>
          <EntityEksEncryptionCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </Grid>
);

// Groups and users: the rollup over what they own.
const ownerContent = (
  <Grid container spacing={3}>
    <Grid item xs={12}>
      <EntityEksEncryptionOwnershipCard />
    </Grid>
  </Grid>
);

const page = (content: JSX.Element) => (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {content}
    </EntityLayout.Route>
  </EntityLayout>
);

export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind(['component', 'resource'])}>
      {page(overviewContent)}
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isKind(['group', 'user'])}>
      {page(ownerContent)}
    </EntitySwitch.Case>
    {/* Other kinds: nothing of this plugin to show. */}
    <EntitySwitch.Case>{page(<Grid container />)}</EntitySwitch.Case>
  </EntitySwitch>
);
