import {
  createBackendModule,
  type BackendFeature,
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
import {
  eksEncryptionAwsSourceExtensionPoint,
  type EksEncryptionAwsSource,
} from 'backstage-plugin-eks-encryption-node';
import { eksEncryptionPlugin } from '../plugin';
import { EVALUATION_TASK_ID } from '../service/EvaluationScheduler';

/** A module that sets the plugin's AWS source, as an adopter's module would. */
export function awsSourceModule(
  source: EksEncryptionAwsSource,
): BackendFeature {
  return createBackendModule({
    pluginId: 'eks-encryption',
    moduleId: 'test-aws-source',
    register(env) {
      env.registerInit({
        deps: { awsSource: eksEncryptionAwsSourceExtensionPoint },
        async init({ awsSource }) {
          awsSource.setAwsSource(source);
        },
      });
    },
  });
}

/**
 * The whole plugin in a test backend: a real database, a catalog of `entities`, the
 * AWS source given (set by a module), any other `features` (modules adding checks), and
 * the scheduled task captured so a test runs it when it wants.
 */
export async function startPluginBackend(options: {
  knex: Knex;
  entities: Entity[];
  source: EksEncryptionAwsSource;
  config?: JsonObject;
  features?: BackendFeature[];
}) {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      eksEncryptionPlugin,
      scheduler.factory,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      awsSourceModule(options.source),
      ...(options.features ?? []),
    ],
  });
  const task = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === EVALUATION_TASK_ID,
  )?.[0] as SchedulerServiceTaskInvocationDefinition | undefined;
  if (!task) throw new Error(`${EVALUATION_TASK_ID} was not scheduled`);
  const drainTask = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === 'eks-encryption-changes-drain',
  )?.[0] as SchedulerServiceTaskInvocationDefinition | undefined;
  if (!drainTask) throw new Error('The change log drain was not scheduled');

  return {
    backend,
    /** Runs the scheduled evaluation now, as the scheduler would. */
    run: () => task.fn(new AbortController().signal),
    /** Drains the change log now, as its schedule would. */
    drain: () => drainTask.fn(new AbortController().signal),
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
