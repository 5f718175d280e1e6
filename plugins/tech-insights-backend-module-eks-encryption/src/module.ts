import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { createEksEncryptionFactRetriever } from './retriever/eksEncryptionFactRetriever';
import { EKS_ENCRYPTION_FACT_RETRIEVER_ID } from './retriever/schema';

/**
 * Adds the EKS Secrets encryption fact retriever to tech-insights. It runs
 * only with a `techInsights.factRetrievers.eksEncryptionFactRetriever` entry
 * in the app config.
 *
 * @public
 */
export const techInsightsModuleEksEncryption = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'eks-encryption',
  register(env) {
    env.registerInit({
      deps: { factRetrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ factRetrievers }) {
        factRetrievers.addFactRetrievers({
          [EKS_ENCRYPTION_FACT_RETRIEVER_ID]:
            createEksEncryptionFactRetriever(),
        });
      },
    });
  },
});
