import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/** The environment variable a child backend reads its {@link ChildSpec} from, as JSON. */
export const CHILD_SPEC_ENV = 'EKS_ENCRYPTION_RELIABILITY_CHILD';

/** Everything a child backend (`childBackend.ts`) is started with. */
export interface ChildSpec {
  /** The whole root config: no app-config file is read. */
  config: JsonObject;
  /** The catalog, served by a static `catalogServiceRef`. */
  entities: Entity[];
  /**
   * After how long without a heartbeat the store reports a running run as failed.
   * The plugin has no setting for it (the store's default is 60 s); the child sets it
   * through `DatabaseEksEncryptionStore.create`, for tests only.
   */
  runTimeoutMs?: number;
}
