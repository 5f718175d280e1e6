import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

const POSTGRES_IDS: readonly TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
  'POSTGRES_12',
  'POSTGRES_11',
  'POSTGRES_9',
];

function postgresId(): TestDatabaseId {
  const id = process.env.EKS_ENCRYPTION_TEST_POSTGRES_ID ?? 'POSTGRES_15';
  const known = POSTGRES_IDS.find(candidate => candidate === id);
  if (!known) {
    throw new Error(
      `EKS_ENCRYPTION_TEST_POSTGRES_ID=${id} is not one of ${POSTGRES_IDS.join(
        ', ',
      )}`,
    );
  }
  return known;
}

/**
 * Test databases for the store: SQLite and the PostgreSQL of
 * `EKS_ENCRYPTION_TEST_POSTGRES_ID` (default POSTGRES_15).
 *
 * `TestDatabases` silently drops a PostgreSQL id that has neither a connection
 * string nor Docker; with `EKS_ENCRYPTION_TEST_REQUIRE_POSTGRES=1` that fails
 * the suite instead, so a CI run cannot pass on SQLite alone.
 */
export function createStoreTestDatabases(): TestDatabases {
  const postgres = postgresId();
  const databases = TestDatabases.create({ ids: ['SQLITE_3', postgres] });
  if (
    process.env.EKS_ENCRYPTION_TEST_REQUIRE_POSTGRES === '1' &&
    !databases.supports(postgres)
  ) {
    throw new Error(
      `${postgres} is required (EKS_ENCRYPTION_TEST_REQUIRE_POSTGRES=1) but not available: set BACKSTAGE_TEST_DATABASE_${postgres.replace(
        '_',
        '',
      )}_CONNECTION_STRING or enable Docker`,
    );
  }
  return databases;
}
