import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { createEksEncryptionFactRetriever } from 'backstage-plugin-tech-insights-backend-module-eks-encryption';
import { createBackendModule } from '@backstage/backend-plugin-api';
import type {
  CheckDefinition,
  EntityScorecard,
  OwnerRollup,
} from 'backstage-plugin-eks-encryption-common';
import {
  eksEncryptionAwsSourceExtensionPoint,
  eksEncryptionChecksExtensionPoint,
  type EksEncryptionCheck,
} from 'backstage-plugin-eks-encryption-node';
// The very module the example backend installs and the README shows.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import dataClassificationModule from '../../../packages/backend/src/modules/dataClassificationCheck';
import {
  clusterArnOf,
  clusterFixture,
  fixture,
} from './__testUtils__/awsEstate';
import { annotatedComponent } from './__testUtils__/catalogEntities';
import { createStoreTestDatabases } from './__testUtils__/databases';
import { FakeAwsEndpoint } from './__testUtils__/fakeAwsEndpoint';
import { startPluginBackend } from './__testUtils__/pluginBackend';

/*
 * A check of one's own, end to end: a module adds it through the extension point, every
 * run judges it with the built-in checks over the real SDK clients (a fake AWS
 * endpoint), the API lists it, scorecards show it, and its failures count as findings.
 * A module with a bad check fails startup, naming itself and the check.
 */

jest.setTimeout(120_000);

/**
 * The `eksCheckStatuses` fact per entity, as our Tech Insights retriever publishes it
 * after reading this backend's API with a service token.
 */
async function checkStatusFacts(server: Server) {
  const { port } = server.address() as AddressInfo;
  const baseUrl = async (pluginId: string) =>
    `http://localhost:${port}/api/${pluginId}`;
  const facts = await createEksEncryptionFactRetriever().handler({
    discovery: { getBaseUrl: baseUrl, getExternalBaseUrl: baseUrl },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    config: mockServices.rootConfig(),
    urlReader: mockServices.urlReader.mock(),
  } as unknown as FactRetrieverContext);
  return Object.fromEntries(
    facts.map(f => [
      stringifyEntityRef(f.entity),
      (f.facts as { eksCheckStatuses: Record<string, string> })
        .eksCheckStatuses,
    ]),
  );
}

/** A module adding `checks`, as an adopter would. */
const checksModule = (moduleId: string, ...checks: EksEncryptionCheck[]) =>
  createBackendModule({
    pluginId: 'eks-encryption',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { extension: eksEncryptionChecksExtensionPoint },
        async init({ extension }) {
          extension.addChecks(...checks);
        },
      });
    },
  });

const check = (init: Partial<EksEncryptionCheck>): EksEncryptionCheck => ({
  id: 'inventory-registered',
  title: 'Registered in the inventory',
  severity: 'high',
  description: 'The cluster is in the asset inventory.',
  judge: () => ({ status: 'pass', summary: 'Registered' }),
  ...init,
});

const payments = clusterFixture({
  name: 'payments',
  tags: {
    owner: 'team-a',
    environment: 'production',
    'data-classification': 'confidential',
  },
});
const web = clusterFixture({
  name: 'web',
  tags: { owner: 'team-b', environment: 'development' },
});
const ENTITIES = [
  annotatedComponent('payments', 'team-a', clusterArnOf(payments)),
  annotatedComponent('web', 'team-b', clusterArnOf(web)),
];

const EXAMPLE_MODULE =
  '../../../packages/backend/src/modules/dataClassificationCheck.ts';

describe('a check added by a module', () => {
  it('is shown in the README as the example backend has it', async () => {
    const [readme, example] = await Promise.all([
      readFile(resolve(__dirname, '../README.md'), 'utf8'),
      readFile(resolve(__dirname, EXAMPLE_MODULE), 'utf8'),
    ]);
    expect(readme).toContain(`\`\`\`ts\n${example.trimEnd()}\n\`\`\``);
  });

  const databases = createStoreTestDatabases();
  let aws: FakeAwsEndpoint;

  beforeAll(async () => {
    aws = await FakeAwsEndpoint.start(fixture({ clusters: [payments, web] }));
  });

  afterAll(async () => {
    await aws.stop();
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('is listed, judged on every scorecard and counted in the owner rollup', async () => {
      const knex = await databases.init(databaseId);
      const { backend, run, get } = await startPluginBackend({
        knex,
        entities: ENTITIES,
        source: aws.sdkSource(),
        features: [dataClassificationModule],
      });
      try {
        const { items: checks } = await get<{ items: CheckDefinition[] }>(
          '/v1/checks',
        );
        expect(checks).toHaveLength(10);
        expect(checks[9]).toEqual({
          id: 'data-classification',
          title: 'Data classification tag',
          severity: 'medium',
          description:
            'The cluster carries a data-classification tag (public, internal, confidential or restricted).',
        });

        const callsBefore = aws.calls();
        await run();
        // Two clusters without a key: one DescribeCluster each, and the check reads
        // that answer, so it adds no AWS call.
        expect(aws.calls() - callsBefore).toBe(2);

        const cardOf = (name: string) =>
          get<EntityScorecard>(`/v1/entities/default/component/${name}`);
        const checkOf = async (name: string) =>
          (await cardOf(name)).clusters[0].checks.find(
            c => c.id === 'data-classification',
          );
        expect(await checkOf('payments')).toMatchObject({
          severity: 'medium',
          status: 'pass',
          summary: 'The cluster is classified "confidential"',
        });
        const failed = await checkOf('web');
        expect(failed).toMatchObject({
          severity: 'medium',
          status: 'fail',
          summary: 'The cluster has no data-classification tag',
          openFinding: { openedAt: expect.any(String) },
        });
        expect(failed?.remediation?.snippets[0].code).toContain(
          `aws eks tag-resource --region eu-west-1 --resource-arn ${clusterArnOf(
            web,
          )} --tags data-classification=<classification>`,
        );
        // Tech Insights gets it too, in the object fact of check statuses.
        expect(await checkStatusFacts(backend.server)).toMatchObject({
          'component:default/payments': { 'data-classification': 'pass' },
          'component:default/web': { 'data-classification': 'fail' },
        });

        // Scorecards list it after the built-in checks.
        expect(
          (await cardOf('web')).clusters[0].checks.map(c => c.id).pop(),
        ).toBe('data-classification');

        // Web has no KMS key: customer-managed-key (high) fails; the only medium
        // finding is the custom check's.
        const owners = async () =>
          (await get<{ items: OwnerRollup[] }>('/v1/owners')).items;
        const teamB = (items: OwnerRollup[]) =>
          items.find(o => o.ownerRef.endsWith('/team-b'))?.openFindings;
        expect(teamB(await owners())).toEqual({
          critical: 0,
          high: 1,
          medium: 1,
          low: 0,
        });

        // Tagging the cluster resolves the finding.
        web.tags['data-classification'] = 'internal';
        await run();
        expect(teamB(await owners())).toEqual({
          critical: 0,
          high: 1,
          medium: 0,
          low: 0,
        });
        expect((await checkOf('web'))?.status).toBe('pass');
      } finally {
        delete web.tags['data-classification'];
        await backend.stop();
      }
    });

    it('is unknown with the message when it throws, and the run goes on', async () => {
      const knex = await databases.init(databaseId);
      const { backend, run, get } = await startPluginBackend({
        knex,
        entities: ENTITIES,
        source: aws.sdkSource(),
        features: [
          checksModule(
            'flaky-inventory',
            check({
              judge: () => {
                throw new Error('inventory lookup failed');
              },
            }),
          ),
        ],
      });
      try {
        await run();
        const card = await get<EntityScorecard>(
          '/v1/entities/default/component/payments',
        );
        expect(card.clusters[0].checks.pop()).toMatchObject({
          id: 'inventory-registered',
          severity: 'high',
          status: 'unknown',
          summary:
            'Not verified: the check failed (it threw: inventory lookup failed)',
        });
        // The built-in checks are judged as ever.
        expect(
          card.clusters[0].checks.find(c => c.id === 'envelope-encryption')
            ?.status,
        ).toBe('pass');
      } finally {
        await backend.stop();
      }
    });
  });

  describe('bad input fails startup, naming the module and the check', () => {
    const start = async (...features: ReturnType<typeof checksModule>[]) => {
      const knex = await databases.init('SQLITE_3');
      return startPluginBackend({
        knex,
        entities: [],
        source: aws.sdkSource(),
        features,
      });
    };

    it.each([
      [
        'a duplicate of a built-in id',
        check({ id: 'key-policy' }),
        'check "key-policy" is already registered',
      ],
      [
        'an id outside [a-z0-9-]{1,64}',
        check({ id: 'Inventory_Registered' }),
        'check "Inventory_Registered": the id must match ^[a-z0-9-]{1,64}$',
      ],
      [
        'an unknown severity',
        check({ severity: 'urgent' as never }),
        'check "inventory-registered": unknown severity "urgent"',
      ],
    ])('%s', async (_case, bad, message) => {
      await expect(start(checksModule('inventory', bad))).rejects.toThrow(
        `Module 'inventory' for plugin 'eks-encryption' startup failed; caused by InputError: Cannot register EKS encryption ${message}`,
      );
    });

    it('an id another module registered', async () => {
      await expect(
        start(
          checksModule('first', check({})),
          checksModule('second', check({})),
        ),
      ).rejects.toThrow(
        /Module '(first|second)' for plugin 'eks-encryption' startup failed; caused by InputError: Cannot register EKS encryption check "inventory-registered" is already registered/,
      );
    });

    it('even when the module catches the error', async () => {
      const swallowing = createBackendModule({
        pluginId: 'eks-encryption',
        moduleId: 'swallowing',
        register(env) {
          env.registerInit({
            deps: { extension: eksEncryptionChecksExtensionPoint },
            async init({ extension }) {
              try {
                extension.addChecks(check({ id: 'Bad Id' }));
              } catch {
                // carries on as if nothing happened
              }
            },
          });
        },
      });
      await expect(start(swallowing)).rejects.toThrow(
        `Module 'swallowing' for plugin 'eks-encryption' startup failed; caused by InputError: Cannot register EKS encryption check "Bad Id"`,
      );
    });

    it('a second AWS source', async () => {
      // startPluginBackend's own module sets the first source.
      const second = createBackendModule({
        pluginId: 'eks-encryption',
        moduleId: 'second-source',
        register(env) {
          env.registerInit({
            deps: { awsSource: eksEncryptionAwsSourceExtensionPoint },
            async init({ awsSource }) {
              awsSource.setAwsSource(aws.sdkSource());
            },
          });
        },
      });
      await expect(start(second)).rejects.toThrow(
        /Module '(second-source|test-aws-source)' for plugin 'eks-encryption' startup failed; caused by ConflictError: The eks-encryption AWS source is already set by another module/,
      );
    });
  });
});
