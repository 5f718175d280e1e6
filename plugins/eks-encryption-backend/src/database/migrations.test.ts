import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createStoreTestDatabases } from '../__testUtils__/databases';

const migrationsDir = resolvePackagePath(
  'backstage-plugin-eks-encryption-backend',
  'migrations',
);

const TABLES = [
  'runs',
  'clusters',
  'entities',
  'entity_clusters',
  'findings',
  'cluster_daily_verdicts',
  'finished_updates',
  'discovered_clusters',
  'discovery_listings',
  'changes',
  'change_cursors',
];

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'steps up, down and up again on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const hasTables = () =>
        Promise.all(TABLES.map(table => knex.schema.hasTable(table)));

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await hasTables()).toEqual(TABLES.map(() => true));

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await hasTables()).toEqual(TABLES.map(() => false));

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await hasTables()).toEqual(TABLES.map(() => true));
      await knex('entities').insert({
        entity_ref: 'component:default/a',
        annotation_errors: '[]',
        updated_at: 1,
      });
      expect(await knex('entities').count({ n: '*' })).toEqual([
        { n: databaseId.startsWith('POSTGRES') ? '1' : 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'allows one open finding per cluster and check on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const finding = {
        cluster_arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/a',
        check_id: 'key-rotation',
        severity: 'medium',
        opened_at: 1,
      };
      await knex('findings').insert({ ...finding, resolved_at: 2 });
      await knex('findings').insert({ ...finding, resolved_at: 3 });
      await knex('findings').insert({ ...finding, resolved_at: null });
      // Matched by message: under Jest, better-sqlite3 errors may come from
      // another realm and fail `instanceof Error`.
      await expect(
        knex('findings').insert({ ...finding, resolved_at: null }),
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/unique constraint/i),
      );
    },
  );
});
