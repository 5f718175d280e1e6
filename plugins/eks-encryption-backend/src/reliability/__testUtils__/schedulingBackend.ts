import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import knexFactory, { type Knex } from 'knex';
import { eksEncryptionPlugin } from '../../plugin';
import type { TestCatalog } from './testCatalog';

/**
 * An in-process backend with the plugin, the real scheduler (its task lock and
 * timeout are in the plugin's database), the real AWS source as configured, the
 * plugin's database on `knex`, and `catalog`. HTTP goes to `backend.server` with
 * `mockCredentials` headers. (`src/__testUtils__/pluginBackend.ts` captures the task
 * instead and injects the AWS source: no task lock, no timeout, no `fromConfig`.)
 */
export function startSchedulingBackend(options: {
  knex: Knex;
  catalog: TestCatalog;
  config: JsonObject;
}): Promise<TestBackend> {
  return startTestBackend({
    features: [
      eksEncryptionPlugin,
      schedulerServiceFactory,
      mockServices.database.factory({ knex: options.knex }),
      options.catalog.factory(),
      mockServices.rootConfig.factory({ data: options.config }),
    ],
  });
}

/**
 * A second connection pool to the database `knex` is connected to: replicas do not
 * share a pool, so a lock one of them waits on cannot starve the other. Destroy it.
 */
export function anotherPool(knex: Knex): Knex {
  return knexFactory({ ...knex.client.config });
}
