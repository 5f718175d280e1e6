import { mockServices } from '@backstage/backend-test-utils';
import { HOUR, createTestDatabases } from './__testUtils__/fixtures';
import { DatabaseSentLog, MIGRATIONS_TABLE, SENT_TABLE } from './sentLog';

const ENTITY = 'component:default/payments';
const NOW = Date.parse('2026-11-30T00:00:00.000Z');

describe('DatabaseSentLog', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('creates its table once, beside the plugin’s own migrations', async () => {
      const knex = await databases.init(databaseId);
      // The plugin's migrations in knex's default table, as the backend runs them.
      const pluginMigrations = {
        getMigrations: async () => ['20261127000000_init'],
        getMigrationName: (name: string) => name,
        getMigration: async () => ({
          up: async () => {},
          down: async () => {},
        }),
      };
      await knex.migrate.latest({ migrationSource: pluginMigrations });

      const database = mockServices.database({ knex });
      await DatabaseSentLog.create({ database });
      await DatabaseSentLog.create({ database });
      // Neither side sees the other's migrations as missing.
      await knex.migrate.latest({ migrationSource: pluginMigrations });

      expect(await knex.schema.hasTable(SENT_TABLE)).toBe(true);
      expect(
        Number((await knex(MIGRATIONS_TABLE).count({ n: '*' }))[0].n),
      ).toBe(1);
    });

    it('skips its migrations when the database service says so', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseSentLog.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(await knex.schema.hasTable(SENT_TABLE)).toBe(false);
    });

    it('holds back a key within the quiet period and a change already sent', async () => {
      const knex = await databases.init(databaseId);
      const log = await DatabaseSentLog.create({
        database: mockServices.database({ knex }),
      });
      const key = `finding:arn:aws:eks:eu-west-1:111122223333:cluster/${'x'.repeat(
        100,
      )}:kms-envelope-encryption`;
      await log.record(ENTITY, [{ key, changeId: 10 }], { now: NOW });

      const unsent = (
        changeId: number,
        now: number,
        quietPeriodMs = 24 * HOUR,
      ) => log.unsent(ENTITY, [{ key, changeId }], { now, quietPeriodMs });

      expect(await unsent(11, NOW + 23 * HOUR)).toEqual(new Set());
      expect(await unsent(11, NOW + 24 * HOUR)).toEqual(new Set([key]));
      expect(await unsent(10, NOW + 48 * HOUR)).toEqual(new Set());
      expect(await unsent(11, NOW, 0)).toEqual(new Set([key]));
      // Another recipient is not held back.
      expect(
        await log.unsent('component:default/search', [{ key, changeId: 11 }], {
          now: NOW,
          quietPeriodMs: 24 * HOUR,
        }),
      ).toEqual(new Set([key]));

      await log.record(ENTITY, [{ key, changeId: 12 }], {
        now: NOW + 30 * HOUR,
      });
      expect(await unsent(13, NOW + 31 * HOUR)).toEqual(new Set());

      await log.prune(NOW + 31 * HOUR);
      expect(await unsent(12, NOW + 31 * HOUR)).toEqual(new Set([key]));
    });
  });
});
