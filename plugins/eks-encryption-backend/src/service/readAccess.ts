import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ReadOptions } from '../database/EksEncryptionStore';

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];
const PAGE_SIZE = 1000;

const NOTHING: ReadOptions = Object.freeze({
  readable: Object.freeze({ entityRefs: new Set<string>() }),
});
const EVERYTHING: ReadOptions = Object.freeze({});

/** A caller's read scope: the decision, and with CONDITIONAL the entities it allows. */
interface Scope {
  decision: AuthorizeResult;
  /** EVERYTHING for ALLOW, NOTHING for DENY, the readable set for CONDITIONAL. */
  options: ReadOptions;
}

interface CacheEntry {
  scope: Scope;
  expiresAt: number;
}

/**
 * The one place that decides which entities a caller may read, from the catalog's
 * own read permission:
 * - ALLOW: everything; the store aggregates without a filter.
 * - DENY: nothing.
 * - CONDITIONAL: the entities the catalog returns for the caller's credentials,
 *   so the conditions are applied by the catalog that defines them.
 *
 * The scope for lists is cached per caller, keyed by what a permission policy can
 * decide on: for a user, its entity ref and ownership claims; for a service, its
 * subject (and access restrictions). Other callers, and users whose claims cannot
 * be read, are not cached. An entry lives `ttlMs` from the start of its load (the
 * longest a revoked read can still count) and is reloaded in the background in
 * its last quarter when its caller comes back; the least recently used entry goes
 * beyond `maxEntries`, and concurrent misses for one key share one load; a failed
 * load is not kept. A hit returns the same `ReadOptions` object (and `Set`), so
 * callers can memoize on identity.
 */
export class ReadAccess {
  private readonly permissions: PermissionsService;
  private readonly catalog: CatalogService;
  private readonly userInfo: UserInfoService;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  /** In least-recently-used order: a hit moves its entry last. */
  private readonly cache = new Map<string, CacheEntry>();
  private readonly loading = new Map<string, Promise<Scope>>();

  constructor(options: {
    permissions: PermissionsService;
    catalog: CatalogService;
    userInfo: UserInfoService;
    ttlMs: number;
    maxEntries: number;
    now?: () => number;
  }) {
    this.permissions = options.permissions;
    this.catalog = options.catalog;
    this.userInfo = options.userInfo;
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries;
    this.now = options.now ?? Date.now;
  }

  /** The caller's read scope for lists and rollups; the same object while cached. */
  async forLists(credentials: BackstageCredentials): Promise<ReadOptions> {
    const key = await this.keyOf(credentials);
    if (key === undefined) return (await this.load(credentials)).options;
    const entry = this.cachedEntry(key);
    if (entry) {
      // In its last quarter an entry is reloaded in the background, so a
      // busy caller never waits for the catalog; it still expires on time.
      if (this.now() >= entry.expiresAt - this.ttlMs / 4) {
        this.loadInto(key, credentials).catch(() => {});
      }
      return entry.scope.options;
    }
    return (await this.loadInto(key, credentials)).options;
  }

  /** Loads the caller's scope into the cache; concurrent loads of a key share one. */
  private loadInto(
    key: string,
    credentials: BackstageCredentials,
  ): Promise<Scope> {
    let pending = this.loading.get(key);
    if (!pending) {
      const startedAt = this.now();
      pending = this.load(credentials)
        .then(scope => {
          this.remember(key, { scope, expiresAt: startedAt + this.ttlMs });
          return scope;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** The caller's read scope for answers about one entity. */
  async forEntity(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<ReadOptions> {
    const key = await this.keyOf(credentials);
    const cached = key === undefined ? undefined : this.cached(key);
    if (cached) {
      const { decision, options } = cached;
      if (decision === AuthorizeResult.ALLOW) return EVERYTHING;
      if (decision === AuthorizeResult.DENY) return NOTHING;
      return options.readable?.entityRefs.has(
        entityRef.toLocaleLowerCase('en-US'),
      )
        ? { readable: { entityRefs: new Set([entityRef]) } }
        : NOTHING;
    }
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
   * Never cached: it guards writes.
   */
  async existsForCaller(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<boolean> {
    const decision = await this.decide(credentials);
    if (decision === AuthorizeResult.DENY) return false;
    return this.catalogHas(credentials, entityRef);
  }

  /** What the permission decision can depend on; undefined: do not cache. */
  private async keyOf(
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const principal = credentials.principal as {
      type?: unknown;
      subject?: unknown;
      accessRestrictions?: unknown;
    };
    if (principal?.type === 'user') {
      let info;
      try {
        info = await this.userInfo.getUserInfo(credentials);
      } catch {
        // Without the claims the key is unknown: answer uncached, as without a cache.
        return undefined;
      }
      return JSON.stringify([
        'user',
        info.userEntityRef,
        [...info.ownershipEntityRefs].sort(),
      ]);
    }
    if (
      principal?.type === 'service' &&
      typeof principal.subject === 'string'
    ) {
      return JSON.stringify([
        'service',
        principal.subject,
        principal.accessRestrictions ?? null,
      ]);
    }
    return undefined;
  }

  private cached(key: string): Scope | undefined {
    return this.cachedEntry(key)?.scope;
  }

  private cachedEntry(key: string): CacheEntry | undefined {
    const entry = this.cache.get(key);
    if (!entry) return undefined;
    this.cache.delete(key);
    if (this.now() >= entry.expiresAt) return undefined;
    this.cache.set(key, entry);
    return entry;
  }

  private remember(key: string, entry: CacheEntry): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
  }

  private async load(credentials: BackstageCredentials): Promise<Scope> {
    const decision = await this.decide(credentials);
    if (decision === AuthorizeResult.ALLOW) {
      return { decision, options: EVERYTHING };
    }
    if (decision === AuthorizeResult.DENY) {
      return { decision, options: NOTHING };
    }
    const entityRefs = new Set<string>();
    for await (const page of this.catalog.streamEntities(
      { fields: REF_FIELDS, pageSize: PAGE_SIZE },
      { credentials },
    )) {
      for (const entity of page) entityRefs.add(stringifyEntityRef(entity));
    }
    return {
      decision,
      options: Object.freeze({ readable: Object.freeze({ entityRefs }) }),
    };
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
