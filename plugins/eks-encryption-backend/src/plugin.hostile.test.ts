import type { EntityScorecard } from 'backstage-plugin-eks-encryption-common';
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
 * Validate at the edge, isolate in the store: hostile annotations become clear errors
 * on their own entity, reach AWS never, and cannot fail the run for anyone else on
 * either database (a 40-character region once aborted every run on PostgreSQL).
 */

jest.setTimeout(120_000);

const good = clusterFixture({ name: 'payments' });
const ACCOUNT = good.accountId;

/** Entity name → its annotation value, and what the error must say. */
const HOSTILE: [string, string, RegExp][] = [
  [
    'long-region',
    `arn:aws:eks:${'eu-west-'.repeat(5)}1:${ACCOUNT}:cluster/payments`,
    /is 41 characters long; an AWS region has at most 25/,
  ],
  [
    'long-name',
    `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/${'n'.repeat(200)}`,
    /cluster name .* is invalid/,
  ],
  [
    'ten-thousand-arns',
    Array.from(
      { length: 10_000 },
      (_, i) => `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/c${i}`,
    ).join(','),
    /characters long; at most 10000 are read/,
  ],
  [
    'unicode',
    `arn:aws:eks:eu-west-1:１１１１２２２２３３３３:cluster/payments`,
    /account id .* must be 12 digits/,
  ],
  [
    'control-characters',
    `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/pay\u0000ments\u001b[31m`,
    /\\u0000/,
  ],
  [
    'partition-mismatch',
    `arn:aws-cn:eks:us-east-1:${ACCOUNT}:cluster/payments`,
    /region us-east-1 is not in partition aws-cn/,
  ],
];

describe('eksEncryptionPlugin with hostile annotations', () => {
  const databases = createStoreTestDatabases();
  let aws: FakeAwsEndpoint;

  beforeAll(async () => {
    aws = await FakeAwsEndpoint.start(fixture({ clusters: [good] }));
  });

  afterAll(async () => {
    await aws.stop();
  });

  it.each(databases.eachSupportedId())(
    'reports each on its entity, calls AWS for the good one only, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, run, get } = await startPluginBackend({
        knex,
        entities: [
          annotatedComponent('good', 'team-a', clusterArnOf(good)),
          ...HOSTILE.map(([name, value]) =>
            annotatedComponent(name, 'team-b', value),
          ),
        ],
        source: aws.sdkSource(),
      });
      const before = aws.requests.length;

      await run();

      const runs = await knex('runs').select('status');
      expect(runs.map(r => r.status)).toEqual(['succeeded']);
      expect(new Set(aws.requests.slice(before).map(r => r.resource))).toEqual(
        new Set(['payments']),
      );
      const goodCard = await get<EntityScorecard>(
        '/v1/entities/default/component/good',
      );
      expect(goodCard.clusters.map(c => c.name)).toEqual(['payments']);
      expect(goodCard.annotationErrors).toEqual([]);

      for (const [name, , reason] of HOSTILE) {
        const card = await get<EntityScorecard>(
          `/v1/entities/default/component/${name}`,
        );
        expect({ name, verdict: card.verdict }).toEqual({
          name,
          verdict: 'incomplete',
        });
        expect(card.clusters).toEqual([]);
        expect(card.annotationErrors.length).toBeGreaterThan(0);
        expect(card.annotationErrors.length).toBeLessThanOrEqual(21);
        expect(card.annotationErrors[0].reason).toMatch(reason);
        for (const error of card.annotationErrors) {
          expect(error.token.length).toBeLessThanOrEqual(121);
          // eslint-disable-next-line no-control-regex
          expect(error.token).not.toMatch(/[\u0000-\u001f]/);
        }
      }
      await backend.stop();
    },
  );
});
