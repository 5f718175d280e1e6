import {
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  eksEncryptionChangesExtensionPoint,
  type EksEncryptionChangeConsumer,
} from 'backstage-plugin-eks-encryption-node';
import { component, findingOpened } from './__testUtils__/fixtures';
import module from './index';

describe('eksEncryptionModuleNotifications', () => {
  // Our own SQLite, destroyed after the tests: the default database service leaves
  // SQLite connections open at backend.stop(), and their knex pool's reaping interval
  // then keeps the jest worker from exiting.
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('registers its consumer through the changes extension point', async () => {
    const consumers: EksEncryptionChangeConsumer[] = [];
    // Stands in for the eks-encryption plugin: provides the extension point only.
    const fakePlugin = createBackendPlugin({
      pluginId: 'eks-encryption',
      register(env) {
        env.registerExtensionPoint(eksEncryptionChangesExtensionPoint, {
          addConsumer: consumer => consumers.push(consumer),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const send = jest.fn(async () => {});

    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        fakePlugin,
        module,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [component('payments')] }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send }),
        }),
        mockServices.rootConfig.factory({
          data: {
            eksEncryption: {
              notifications: { platformGroup: 'platform', quietPeriod: '1h' },
            },
          },
        }),
      ],
    });

    expect(consumers.map(consumer => consumer.id)).toEqual(['notifications']);
    // Wired to the catalog, the database and the notification service.
    await consumers[0].consume([findingOpened('component:default/payments')]);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/team-payments'],
        },
      }),
    );
    await backend.stop();
  });

  it('fails startup on bad configuration', async () => {
    const fakePlugin = createBackendPlugin({
      pluginId: 'eks-encryption',
      register(env) {
        env.registerExtensionPoint(eksEncryptionChangesExtensionPoint, {
          addConsumer: () => {},
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    await expect(
      startTestBackend({
        features: [
          fakePlugin,
          module,
          catalogServiceMock.factory(),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
          mockServices.rootConfig.factory({
            data: {
              eksEncryption: { notifications: { minimumSeverity: 'urgent' } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/minimumSeverity/);
  });
});
