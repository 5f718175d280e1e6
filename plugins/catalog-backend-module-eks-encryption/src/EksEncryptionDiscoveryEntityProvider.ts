import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { discoveredEntities } from './discoveredEntities';
import { readDiscovery } from './readDiscovery';

/** Stable: the catalog ties the emitted entities to it. */
const PROVIDER_NAME = 'eks-encryption-discovery';
export const REFRESH_TASK_ID = `${PROVIDER_NAME}:refresh`;

export interface EksEncryptionDiscoveryEntityProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  /** The owner of a cluster without `ownerRef`: a full entity ref. */
  ownerFallback: string;
}

/**
 * Emits every cluster of the eks-encryption backend's `GET /v1/discovery` as
 * a Resource, on a schedule. It calls no AWS API, and its full mutations only
 * ever replace the entities it emitted itself.
 */
export class EksEncryptionDiscoveryEntityProvider implements EntityProvider {
  private readonly options: EksEncryptionDiscoveryEntityProviderOptions;
  private readonly logger: LoggerService;
  private connection?: EntityProviderConnection;

  constructor(options: EksEncryptionDiscoveryEntityProviderOptions) {
    this.options = options;
    this.logger = options.logger.child({ target: PROVIDER_NAME });
  }

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: REFRESH_TASK_ID,
      fn: signal => this.refresh(signal),
    });
  }

  /**
   * One run. Throws, so the scheduler records the failure, whenever the
   * clusters could not be read: no mutation is applied then, and the catalog
   * keeps the Resources of the last successful run.
   */
  async refresh(signal?: AbortSignal): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(`${PROVIDER_NAME} is not connected to the catalog yet`);
    }
    const { discovery, auth, ownerFallback } = this.options;
    let answer;
    try {
      answer = await readDiscovery({ discovery, auth, signal });
    } catch (error) {
      this.logger.error(
        `Kept the previous EKS cluster Resources: ${error}`,
        error as Error,
      );
      throw error;
    }
    if (!answer.enabled) {
      // Not "there are no clusters": emptying the catalog would be wrong.
      const message =
        'Kept the previous EKS cluster Resources: discovery is not enabled in the eks-encryption backend (eksEncryption.discovery.enabled)';
      this.logger.error(message);
      throw new Error(message);
    }
    const entities = discoveredEntities(answer.clusters, {
      ownerFallback,
      logger: this.logger,
    });
    await connection.applyMutation({ type: 'full', entities });
    this.logger.info(
      `Emitted ${entities.length} EKS cluster Resources of ${answer.clusters.length} discovered clusters`,
    );
  }
}
