import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eksEncryptionChangesExtensionPoint } from 'backstage-plugin-eks-encryption-node';
import { readNotificationsConfig } from './config';
import { NotificationsChangeConsumer } from './consumer';
import { DatabaseSentLog } from './sentLog';

/**
 * Sends drift alerts of the eks-encryption plugin to entity owners (and access
 * problems to a platform group) as Backstage notifications.
 *
 * @public
 */
export const eksEncryptionModuleNotifications = createBackendModule({
  pluginId: 'eks-encryption',
  moduleId: 'notifications',
  register(env) {
    env.registerInit({
      deps: {
        changes: eksEncryptionChangesExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({ changes, config, database, ...services }) {
        const settings = readNotificationsConfig(config);
        const sentLog = await DatabaseSentLog.create({ database });
        changes.addConsumer(
          new NotificationsChangeConsumer({ ...services, sentLog, settings }),
        );
      },
    });
  },
});
