import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';

/** The PostgreSQL database these tests can use, if one is configured. */
export function postgresOf(
  databases: TestDatabases,
): TestDatabaseId | undefined {
  return databases
    .eachSupportedId()
    .map(([id]) => id)
    .find(id => id.startsWith('POSTGRES'));
}
