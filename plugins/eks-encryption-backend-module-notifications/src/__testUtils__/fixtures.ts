import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { EksEncryptionChange } from 'backstage-plugin-eks-encryption-node';
import type { NotificationsSettings } from '../config';
import { NotificationsChangeConsumer } from '../consumer';
import { DatabaseSentLog } from '../sentLog';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

export const HOUR = 60 * 60 * 1000;

/**
 * SQLite, and the PostgreSQL of `EKS_ENCRYPTION_TEST_POSTGRES_ID` (default POSTGRES_15)
 * when it has a connection string or Docker, as `scripts/test.sh` sets up;
 * `EKS_ENCRYPTION_TEST_REQUIRE_POSTGRES=1` fails instead of skipping it.
 */
export function createTestDatabases(): TestDatabases {
  const postgres = (process.env.EKS_ENCRYPTION_TEST_POSTGRES_ID ??
    'POSTGRES_15') as TestDatabaseId;
  const databases = TestDatabases.create({ ids: ['SQLITE_3', postgres] });
  if (
    process.env.EKS_ENCRYPTION_TEST_REQUIRE_POSTGRES === '1' &&
    !databases.supports(postgres)
  ) {
    throw new Error(`${postgres} is required but not available`);
  }
  return databases;
}

const CLUSTER_A = 'arn:aws:eks:eu-west-1:111122223333:cluster/payments-prod';
export const CLUSTER_B =
  'arn:aws:eks:us-east-1:111122223333:cluster/search-prod';

/** A component owned by `group:default/<owner>`, with the relation the catalog adds. */
export function component(name: string, owner = `team-${name}`): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

let nextId = 1;

/** A change with the defaults of a run `run-1` on cluster A. */
export function change(
  fields: Partial<EksEncryptionChange> &
    Pick<EksEncryptionChange, 'type' | 'entityRefs'>,
): EksEncryptionChange {
  return {
    id: nextId++,
    runId: 'run-1',
    at: '2026-11-30T00:00:00.000Z',
    clusterArn: CLUSTER_A,
    initial: false,
    ...fields,
  };
}

export function findingOpened(
  entityRef: string,
  fields: Partial<EksEncryptionChange> = {},
): EksEncryptionChange {
  return change({
    type: 'finding-opened',
    entityRefs: [entityRef],
    checkId: 'kms-envelope-encryption',
    severity: 'critical',
    summary: 'Secrets are not encrypted with a KMS key',
    remediation:
      'aws eks associate-encryption-config --cluster-name payments-prod',
    ...fields,
  });
}

export function entityVerdict(
  entityRef: string,
  previousVerdict: EksEncryptionChange['previousVerdict'],
  verdict: EksEncryptionChange['verdict'],
  fields: Partial<EksEncryptionChange> = {},
): EksEncryptionChange {
  return change({
    type: 'entity-verdict',
    entityRefs: [entityRef],
    clusterArn: undefined,
    previousVerdict,
    verdict,
    ...fields,
  });
}

export interface Harness {
  consumer: NotificationsChangeConsumer;
  send: jest.Mock<Promise<void>, [NotificationSendOptions]>;
  sentLog: DatabaseSentLog;
  clock: { now: number };
  logger: ReturnType<typeof mockServices.logger.mock>;
  knex: Knex;
}

/** A consumer on a fresh database of `databaseId`, with a jest.fn `send`. */
export async function createHarness(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: {
    entities?: Entity[];
    catalog?: CatalogService;
    /** Another consumer's database: a restart, or a second replica. */
    knex?: Knex;
    settings?: Partial<NotificationsSettings>;
  } = {},
): Promise<Harness> {
  const knex = options.knex ?? (await databases.init(databaseId));
  const sentLog = await DatabaseSentLog.create({
    database: mockServices.database({ knex }),
  });
  const send = jest.fn<Promise<void>, [NotificationSendOptions]>(
    async () => {},
  );
  const clock = { now: Date.parse('2026-11-30T00:00:00.000Z') };
  const logger = mockServices.logger.mock();
  const consumer = new NotificationsChangeConsumer({
    notifications: { send },
    catalog:
      options.catalog ??
      catalogServiceMock({ entities: options.entities ?? [] }),
    auth: mockServices.auth(),
    logger,
    sentLog,
    settings: {
      minimumSeverity: 'high',
      quietPeriodMs: 24 * HOUR,
      platformGroup: 'group:default/platform',
      ...options.settings,
    },
    now: () => clock.now,
  });
  return { consumer, send, sentLog, clock, logger, knex };
}

/** The payloads sent, in order. */
export function sentPayloads(harness: Harness) {
  return harness.send.mock.calls.map(([options]) => options.payload);
}
