import {
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import request from 'supertest';
import { eksEncryptionAwsSourceServiceRef } from '../aws/awsSourceServiceRef';
import type { EksEncryptionAwsSource } from '../aws/types';
import { eksEncryptionPlugin } from '../plugin';
import { EVALUATION_TASK_ID } from '../service/EvaluationScheduler';

/**
 * The whole plugin in a test backend: a real database, a catalog of `entities`, the
 * AWS source given, and the scheduled task captured so a test runs it when it wants.
 */
export async function startPluginBackend(options: {
  knex: Knex;
  entities: Entity[];
  source: EksEncryptionAwsSource;
  config?: JsonObject;
}) {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      eksEncryptionPlugin,
      scheduler.factory,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      createServiceFactory({
        service: eksEncryptionAwsSourceServiceRef,
        deps: {},
        factory: () => options.source,
      }),
    ],
  });
  const task = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === EVALUATION_TASK_ID,
  )?.[0] as SchedulerServiceTaskInvocationDefinition | undefined;
  if (!task) throw new Error(`${EVALUATION_TASK_ID} was not scheduled`);

  return {
    backend,
    /** Runs the scheduled evaluation now, as the scheduler would. */
    run: () => task.fn(new AbortController().signal),
    /** GET on the plugin's API as a signed-in user; fails the test unless 200. */
    get: async <T>(path: string): Promise<T> => {
      const res = await request(backend.server)
        .get(`/api/eks-encryption${path}`)
        .set('Authorization', mockCredentials.user.header());
      if (res.status !== 200) {
        throw new Error(`GET ${path} answered ${res.status}: ${res.text}`);
      }
      return res.body as T;
    },
  };
}
