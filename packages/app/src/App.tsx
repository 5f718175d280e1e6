import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import eksEncryptionPlugin from 'backstage-plugin-eks-encryption/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// `app.packages: all` discovers these plugins in a bundled app as well; listing
// them here keeps the app complete where discovery does not run, as in tests.
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    notificationsPlugin,
    eksEncryptionPlugin,
    navModule,
    signInModule,
  ],
});
