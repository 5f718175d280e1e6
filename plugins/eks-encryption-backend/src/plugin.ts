import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  CHECKS,
  eksEncryptionPermissions,
} from 'backstage-plugin-eks-encryption-common';
import { eksEncryptionAwsSourceServiceRef } from './aws/awsSourceServiceRef';
import { CatalogLinkCollector } from './catalog/CatalogLinkCollector';
import { DatabaseEksEncryptionStore } from './database/DatabaseEksEncryptionStore';
import { DefaultClusterEvaluator } from './engine/DefaultClusterEvaluator';
import { readEksEncryptionConfig } from './config';
import { EntityRefresher } from './service/EntityRefresher';
import { EvaluationRunner } from './service/EvaluationRunner';
import { EvaluationScheduler } from './service/EvaluationScheduler';
import { KnownUpdatesAwsSource } from './service/KnownUpdatesAwsSource';
import { OwnerHierarchy } from './service/OwnerHierarchy';
import { ReadAccess } from './service/readAccess';
import { createRouter } from './service/router';

/**
 * Audits the EKS clusters linked to catalog entities for KMS envelope encryption of Secrets.
 *
 * @public
 */
export const eksEncryptionPlugin = createBackendPlugin({
  pluginId: 'eks-encryption',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        awsSource: eksEncryptionAwsSourceServiceRef,
      },
      async init(deps) {
        const { httpRouter, config, logger, catalog, permissions } = deps;
        deps.permissionsRegistry.addPermissions(eksEncryptionPermissions);

        const settings = readEksEncryptionConfig(config);
        const { policy } = settings;
        const store = await DatabaseEksEncryptionStore.create({
          database: deps.database,
          staleAfterMs: settings.staleAfterMs,
        });
        const evaluator = new DefaultClusterEvaluator({
          source: new KnownUpdatesAwsSource(deps.awsSource, store, logger),
          policy,
          logger,
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
        });
        await new EvaluationScheduler({
          scheduler: deps.scheduler,
          schedule: settings.schedule,
          logger,
          runner,
        }).start();

        const readAccess = new ReadAccess({ permissions, catalog });
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            store,
            readAccess,
            owners: new OwnerHierarchy(catalog),
            refresher: new EntityRefresher({ permissions, readAccess, runner }),
            checks: CHECKS,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
