import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { CONFIG_ROOT, readDiscoveryProviderConfig } from './config';
import { EksEncryptionDiscoveryEntityProvider } from './EksEncryptionDiscoveryEntityProvider';

/**
 * Adds the EKS clusters found by the discovery of the `eks-encryption`
 * backend plugin to the catalog as `kubernetes-cluster` Resources. Off unless
 * `catalog.providers.eksEncryption.enabled` is true.
 *
 * @public
 */
export const catalogModuleEksEncryptionDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'eks-encryption-discovery',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, discovery, auth, logger, scheduler }) {
        // Read even when disabled, so a wrong setting fails at startup.
        const settings = readDiscoveryProviderConfig(config);
        if (!settings.enabled) {
          logger.info(
            `EKS cluster discovery provider is off; set ${CONFIG_ROOT}.enabled to true to turn it on`,
          );
          return;
        }
        catalog.addEntityProvider(
          new EksEncryptionDiscoveryEntityProvider({
            discovery,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(settings.schedule),
            ownerFallback: settings.ownerFallback,
          }),
        );
      },
    });
  },
});
