import '@backstage/cli/asset-types';
// The dev app is an app: it loads Backstage UI's styles as packages/app does.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import ReactDOM from 'react-dom/client';
import eksEncryptionPlugin from '../src/alpha';
import { eksEncryptionApiRef } from '../src/api';
import { fixtureEksEncryptionApi } from './fixtureApi';

// The plugin alone (`yarn start` in this folder), on the new frontend system, with
// its API answered from fixtures: open /eks-encryption for the org page. (A plain
// createApp: @backstage/frontend-dev-utils' createDevApp still targets
// @backstage/frontend-plugin-api 0.18, not the 1.x this plugin is built on.)
const app = createApp({
  features: [
    // For the entity links of the tables (its pages need a catalog backend).
    catalogPlugin,
    eksEncryptionPlugin,
    createFrontendModule({
      pluginId: 'eks-encryption',
      extensions: [
        ApiBlueprint.make({
          params: defineParams =>
            defineParams({
              api: eksEncryptionApiRef,
              deps: {},
              factory: () => fixtureEksEncryptionApi,
            }),
        }),
      ],
    }),
  ],
});

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
