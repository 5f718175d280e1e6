import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eksEncryptionPermissions } from 'backstage-plugin-eks-encryption-common';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  eksEncryptionAwsSourceExtensionPoint,
  eksEncryptionChangesExtensionPoint,
  eksEncryptionChecksExtensionPoint,
  type EksEncryptionAwsSource,
  type EksEncryptionChangeConsumer,
} from 'backstage-plugin-eks-encryption-node';
import { defaultAwsSource } from './aws/defaultAwsSource';
import { CatalogLinkCollector } from './catalog/CatalogLinkCollector';
import { DatabaseEksEncryptionStore } from './database/DatabaseEksEncryptionStore';
import { CheckRegistry } from './engine/CheckRegistry';
import { DefaultClusterEvaluator } from './engine/DefaultClusterEvaluator';
import { readEksEncryptionConfig } from './config';
import { ClusterDiscovery } from './discovery/ClusterDiscovery';
import { ChangeDrainer } from './service/ChangeDrainer';
import { eventsPublisher } from './service/eventsPublisher';
import { EntityRefresher } from './service/EntityRefresher';
import { EvaluationRunner } from './service/EvaluationRunner';
import { EvaluationScheduler } from './service/EvaluationScheduler';
import { OwnerHierarchy } from './service/OwnerHierarchy';
import { ReadAccess } from './service/readAccess';
import { createRouter } from './service/router';
import { UnclaimedAccess } from './service/UnclaimedAccess';

/**
 * Audits the EKS clusters linked to catalog entities for KMS envelope encryption of Secrets.
 *
 * @public
 */
export const eksEncryptionPlugin = createBackendPlugin({
  pluginId: 'eks-encryption',
  register(env) {
    // Modules initialize before the plugin: by `init`, every check and the source are in.
    const checks = new CheckRegistry();
    const rejected: Array<() => void> = [];
    env.registerExtensionPoint({
      extensionPoint: eksEncryptionChecksExtensionPoint,
      factory: ({ reportModuleStartupFailure }) => ({
        addChecks(...added) {
          try {
            checks.add(added);
          } catch (error) {
            // Reported again at init, so a module that catches this still fails startup.
            rejected.push(() =>
              reportModuleStartupFailure({ error: error as Error }),
            );
            throw error;
          }
        },
      }),
    });
    let awsSource: EksEncryptionAwsSource | undefined;
    env.registerExtensionPoint(eksEncryptionAwsSourceExtensionPoint, {
      setAwsSource(source) {
        if (awsSource) {
          throw new ConflictError(
            'The eks-encryption AWS source is already set by another module; only one module may set it',
          );
        }
        awsSource = source;
      },
    });
    const consumers: EksEncryptionChangeConsumer[] = [];
    env.registerExtensionPoint(eksEncryptionChangesExtensionPoint, {
      addConsumer(consumer) {
        consumers.push(consumer);
      },
    });

    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { httpRouter, config, logger, catalog, permissions } = deps;
        checks.seal();
        rejected.forEach(report => report());
        deps.permissionsRegistry.addPermissions(eksEncryptionPermissions);

        const settings = readEksEncryptionConfig(config);
        const { policy } = settings;
        const store = await DatabaseEksEncryptionStore.create({
          database: deps.database,
          staleAfterMs: settings.staleAfterMs,
        });
        const source = awsSource ?? defaultAwsSource(config, logger);
        const evaluator = new DefaultClusterEvaluator({
          source,
          policy,
          checks: checks.list(),
          logger,
        });
        const owners = new OwnerHierarchy({
          catalog,
          auth: deps.auth,
          logger,
          ttlMs: settings.cache.groupHierarchyTtlMs,
        });
        const drainer = new ChangeDrainer({
          store,
          consumers: [eventsPublisher(deps.events, logger), ...consumers],
          logger,
          batchSize: settings.changes.batchSize,
        });
        const runner = new EvaluationRunner({
          links: new CatalogLinkCollector({
            catalog,
            auth: deps.auth,
            allowedAccounts: settings.aws.allowedAccounts,
          }),
          evaluator,
          store,
          logger,
          productionValues: policy.productionValues,
          historyRetentionMs: settings.historyRetentionMs,
          refresh: settings.refresh,
          writeReserveMs: settings.writeReserveMs,
          ...(settings.discovery
            ? {
                discovery: {
                  lister: new ClusterDiscovery(source, settings.discovery),
                  ownerExists: ref => owners.exists(ref),
                },
              }
            : {}),
          onWritten: () => void drainer.drain(),
        });
        await new EvaluationScheduler({
          scheduler: deps.scheduler,
          schedule: settings.schedule,
          logger,
          runner,
        }).start();
        await drainer.start(deps.scheduler, settings.changes.drainFrequencyMs);
        // Plugins stop before the scheduler aborts its tasks: cancel the runs here
        // and wait for them (and the drain they set off), so that nothing is left
        // writing to the database once the backend has stopped.
        deps.lifecycle.addShutdownHook(async () => {
          await runner.stop();
          await drainer.idle();
        });

        const readAccess = new ReadAccess({
          permissions,
          catalog,
          userInfo: deps.userInfo,
          ...settings.cache.readableEntities,
        });
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            store,
            readAccess,
            owners,
            refresher: new EntityRefresher({ permissions, readAccess, runner }),
            unclaimedAccess: new UnclaimedAccess(permissions),
            discoveryEnabled: settings.discovery !== undefined,
            checks: checks.definitions(),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
