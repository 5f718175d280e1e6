import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
  type CatalogService,
  type EntityProvider,
} from '@backstage/plugin-catalog-node';
import {
  parseClusterArn,
  type ClusterArn,
} from 'backstage-plugin-eks-encryption-common';
import { catalogModuleEksEncryptionDiscovery } from './module';
import { REFRESH_TASK_ID } from './EksEncryptionDiscoveryEntityProvider';
import { discoveredClusterEntityName } from './entityName';
import { DISCOVERY, LEGACY_ARN, PAYMENTS_ARN } from './__testUtils__/fixtures';

jest.setTimeout(60_000);

// The catalog's own SQLite, destroyed after the tests: the default database service
// leaves SQLite connections open at backend.stop(), and their knex pool's reaping
// interval then keeps the jest worker from exiting.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The provider's location refs of the fixture clusters. */
const CATALOG_LOCATIONS = [PAYMENTS_ARN, LEGACY_ARN].map(
  arn => `eks-encryption-discovery:${arn}`,
);

interface Answer {
  status: number;
  body: unknown;
}

function nameOf(arn: string): string {
  return discoveredClusterEntityName(parseClusterArn(arn) as ClusterArn);
}

/**
 * Stands in for the eks-encryption backend: serves `GET /v1/discovery` to
 * service callers only, answering what `answer` holds at the time.
 */
function fakeEksEncryptionPlugin(state: { answer: Answer; callers: string[] }) {
  return createBackendPlugin({
    pluginId: 'eks-encryption',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use(async (req, res, next) => {
            if (req.method !== 'GET' || req.path !== '/v1/discovery') {
              next();
              return;
            }
            try {
              const credentials = await httpAuth.credentials(req, {
                allow: ['service'],
              });
              state.callers.push(credentials.principal.subject);
              res.status(state.answer.status).json(state.answer.body);
            } catch (error) {
              next(error);
            }
          });
        },
      });
    },
  });
}

/** The catalog plugin's scheduler, to run the provider's task on demand. */
function captureCatalogServices(captured: {
  scheduler?: SchedulerService;
  catalog?: CatalogService;
}) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-capture',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler, catalog: catalogServiceRef },
        async init(deps) {
          Object.assign(captured, deps);
        },
      });
    },
  });
}

async function startCatalog(answer: Answer) {
  const state = { answer, callers: [] as string[] };
  const captured: { scheduler?: SchedulerService; catalog?: CatalogService } =
    {};
  const knex = await databases.init('SQLITE_3');
  const backend = await startTestBackend({
    features: [
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            providers: {
              eksEncryption: {
                enabled: true,
                schedule: {
                  frequency: { trigger: 'manual' },
                  timeout: { minutes: 1 },
                },
                owner: { fallback: 'group:default/platform' },
              },
            },
          },
        },
      }),
      catalogPlugin,
      catalogModuleEksEncryptionDiscovery,
      fakeEksEncryptionPlugin(state),
      captureCatalogServices(captured),
    ],
  });
  return {
    backend,
    state,
    /** One run of the provider's task, awaited. */
    runTask: () => captured.scheduler!.triggerTask(REFRESH_TASK_ID),
    /** The Resources the provider emitted, as the catalog serves them. */
    async resources(): Promise<Entity[]> {
      const { items } = await captured.catalog!.getEntities(
        {
          filter: {
            kind: 'Resource',
            'metadata.annotations.backstage.io/managed-by-location':
              CATALOG_LOCATIONS,
          },
        },
        { credentials: mockCredentials.service() },
      );
      return items.sort((a, b) =>
        a.metadata.name.localeCompare(b.metadata.name),
      );
    },
  };
}

/** Polls until `read` gives `count` entities (processing is asynchronous). */
async function waitForCount<T>(
  read: () => Promise<T[]>,
  count: number,
): Promise<T[]> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const items = await read();
    if (items.length === count) return items;
    if (Date.now() > deadline) {
      throw new Error(`Expected ${count} entities, still ${items.length}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describe('catalogModuleEksEncryptionDiscovery', () => {
  let backend: TestBackend | undefined;

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  async function addedProviders(config: object) {
    const addEntityProvider = jest.fn();
    backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider,
            addProcessor: jest.fn(),
            addPlaceholderResolver: jest.fn(),
            setOnProcessingErrorHandler: jest.fn(),
          },
        ],
      ],
      features: [
        mockServices.rootConfig.factory({ data: config }),
        catalogModuleEksEncryptionDiscovery,
      ],
    });
    return addEntityProvider.mock.calls.flat() as EntityProvider[];
  }

  it('adds no provider unless enabled', async () => {
    expect(await addedProviders({})).toEqual([]);
  });

  it('adds the provider when enabled', async () => {
    const providers = await addedProviders({
      catalog: { providers: { eksEncryption: { enabled: true } } },
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'eks-encryption-discovery',
    ]);
  });

  it('fails to start on an invalid fallback owner', async () => {
    await expect(
      addedProviders({
        catalog: {
          providers: { eksEncryption: { owner: { fallback: 'a b' } } },
        },
      }),
    ).rejects.toThrow('owner.fallback must be an entity ref');
  });

  it('puts every discovered cluster in the catalog, and keeps them when the API fails', async () => {
    const catalog = await startCatalog({ status: 200, body: DISCOVERY });
    backend = catalog.backend;

    await catalog.runTask();
    const resources = await waitForCount(catalog.resources, 2);

    expect(catalog.state.callers).toEqual(['plugin:catalog']);
    const legacyName = nameOf(LEGACY_ARN);
    expect(legacyName).toMatch(
      /^eks\.210987654321\.us-east-1\.legacy\.[0-9a-f]{10}$/,
    );
    expect(resources.map(e => e.metadata.name)).toEqual(
      [legacyName, 'eks.123456789012.eu-west-1.payments'].sort(),
    );
    const byArn = Object.fromEntries(
      resources.map(e => [e.metadata.annotations!['amazonaws.com/arn'], e]),
    );
    expect(byArn[PAYMENTS_ARN]).toMatchObject({
      kind: 'Resource',
      metadata: {
        namespace: 'default',
        title: 'payments',
        annotations: {
          'backstage.io/managed-by-location': `eks-encryption-discovery:${PAYMENTS_ARN}`,
          'backstage.io/managed-by-origin-location': `eks-encryption-discovery:${PAYMENTS_ARN}`,
          'amazonaws.com/account-id': '123456789012',
        },
        labels: {
          'amazonaws.com/account-id': '123456789012',
          'amazonaws.com/region': 'eu-west-1',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/payments' },
    });
    expect(byArn[LEGACY_ARN]).toMatchObject({
      metadata: { name: legacyName, title: 'Legacy_' },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    });
    expect(byArn[LEGACY_ARN].relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/platform' },
      ]),
    );

    // A failing API: the run fails, and nothing is taken out of the catalog.
    catalog.state.answer = {
      status: 500,
      body: { error: { name: 'Error', message: 'boom' } },
    };
    await catalog.runTask();
    expect(catalog.state.callers).toHaveLength(2);
    expect((await catalog.resources()).map(e => e.metadata.name)).toEqual(
      resources.map(e => e.metadata.name),
    );

    // The next good answer replaces them: a cluster gone is taken out.
    catalog.state.answer = {
      status: 200,
      body: { ...DISCOVERY, clusters: DISCOVERY.clusters.slice(0, 1) },
    };
    await catalog.runTask();
    const left = await waitForCount(catalog.resources, 1);
    expect(left.map(e => e.metadata.name)).toEqual([
      'eks.123456789012.eu-west-1.payments',
    ]);
  });
});
