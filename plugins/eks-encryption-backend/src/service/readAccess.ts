import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ReadOptions } from '../database/EksEncryptionStore';

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];
const PAGE_SIZE = 1000;

const NOTHING: ReadOptions = { readable: { entityRefs: new Set() } };
const EVERYTHING: ReadOptions = {};

/**
 * The one place that decides which entities a caller may read, once per request,
 * from the catalog's own read permission:
 * - ALLOW: everything; the store aggregates without a filter.
 * - DENY: nothing.
 * - CONDITIONAL: the entities the catalog returns for the caller's credentials,
 *   so the conditions are applied by the catalog that defines them.
 */
export class ReadAccess {
  private readonly permissions: PermissionsService;
  private readonly catalog: CatalogService;

  constructor(options: {
    permissions: PermissionsService;
    catalog: CatalogService;
  }) {
    this.permissions = options.permissions;
    this.catalog = options.catalog;
  }

  /** The caller's read scope for lists and rollups. */
  async forLists(credentials: BackstageCredentials): Promise<ReadOptions> {
    const decision = await this.decide(credentials);
    if (decision === AuthorizeResult.ALLOW) return EVERYTHING;
    if (decision === AuthorizeResult.DENY) return NOTHING;
    const entityRefs: string[] = [];
    for await (const page of this.catalog.streamEntities(
      { fields: REF_FIELDS, pageSize: PAGE_SIZE },
      { credentials },
    )) {
      for (const entity of page) entityRefs.push(stringifyEntityRef(entity));
    }
    return { readable: { entityRefs: new Set(entityRefs) } };
  }

  /** The caller's read scope for answers about one entity. */
  async forEntity(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<ReadOptions> {
    const decision = await this.decide(credentials);
    if (decision === AuthorizeResult.ALLOW) return EVERYTHING;
    if (decision === AuthorizeResult.DENY) return NOTHING;
    return (await this.catalogHas(credentials, entityRef))
      ? { readable: { entityRefs: new Set([entityRef]) } }
      : NOTHING;
  }

  /** Whether the caller may read the entity; ALLOW needs no catalog call. */
  async canRead(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<boolean> {
    const scope = await this.forEntity(credentials, entityRef);
    return !scope.readable || scope.readable.entityRefs.has(entityRef);
  }

  /**
   * Whether the entity exists in the catalog and the caller may read it; asks the
   * catalog with the caller's credentials unless reading is denied outright.
   */
  async existsForCaller(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<boolean> {
    const decision = await this.decide(credentials);
    if (decision === AuthorizeResult.DENY) return false;
    return this.catalogHas(credentials, entityRef);
  }

  private async catalogHas(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<boolean> {
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: [entityRef], fields: REF_FIELDS },
      { credentials },
    );
    return items[0] !== undefined && items[0] !== null;
  }

  private async decide(
    credentials: BackstageCredentials,
  ): Promise<AuthorizeResult> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    return decision.result;
  }
}
