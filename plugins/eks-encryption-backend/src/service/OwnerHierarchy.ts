import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_PARENT_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const GROUP_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.children',
  'spec.parent',
  'relations',
];
const USER_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];
const PAGE_SIZE = 1000;
/** Bounds on the expansion, so a cyclic or huge hierarchy cannot run away. */
const MAX_DEPTH = 10;
const MAX_GROUPS = 1000;
/** After a failed reload, the previous data is served this long (at most the TTL) before trying again. */
const RETRY_AFTER_FAILURE_MS = 5_000;

/** The catalog compares refs case-insensitively and stringifies them lower-cased. */
function normalized(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** A group reference from `spec.children` / `spec.parent`, resolved like the catalog does. */
function groupRef(value: unknown, namespace: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    // A malformed reference is the catalog's to report; skip it here.
    return undefined;
  }
}

/** Every group and user of the catalog, as the plugin itself sees it. */
interface Hierarchy {
  /** Group ref → child group refs (only groups the catalog has), in first-seen order. */
  children: ReadonlyMap<string, readonly string[]>;
  users: ReadonlySet<string>;
}

function buildHierarchy(groups: Entity[], users: Set<string>): Hierarchy {
  const known = new Set(groups.map(g => stringifyEntityRef(g)));
  const children = new Map<string, Set<string>>();
  for (const ref of known) children.set(ref, new Set());
  const link = (parent: string | undefined, child: string | undefined) => {
    if (!parent || !child || parent === child) return;
    if (!known.has(parent) || !known.has(child)) return;
    children.get(parent)!.add(child);
  };

  for (const group of groups) {
    const ref = stringifyEntityRef(group);
    const namespace = group.metadata.namespace ?? 'default';
    for (const relation of group.relations ?? []) {
      const target = normalized(relation.targetRef);
      if (relation.type === RELATION_PARENT_OF) link(ref, target);
      else if (relation.type === RELATION_CHILD_OF) link(target, ref);
    }
    const specChildren = group.spec?.children;
    if (Array.isArray(specChildren)) {
      for (const child of specChildren) link(ref, groupRef(child, namespace));
    }
    link(groupRef(group.spec?.parent, namespace), ref);
  }

  return {
    children: new Map([...children].map(([ref, set]) => [ref, [...set]])),
    users,
  };
}

/**
 * Expands an owner into itself and its child groups, from an in-memory copy of
 * every group and user in the catalog.
 *
 * The copy is read with the plugin's own service credentials (two streams, one per
 * kind, with only the fields needed) and reloaded in the background `ttlMs` after
 * its load started; requests make no catalog call once the first copy is in.
 * Concurrent callers share one load. When a reload fails,
 * the previous copy keeps being served (with a warning) and the load is retried a
 * few seconds later; without any successful load, the error is thrown.
 */
export class OwnerHierarchy {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly ttlMs: number;
  private readonly logger?: LoggerService;
  private readonly now: () => number;

  private current?: { hierarchy: Hierarchy; freshUntil: number };
  private loading?: Promise<Hierarchy>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    ttlMs: number;
    logger?: LoggerService;
    now?: () => number;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.ttlMs = options.ttlMs;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  /** Whether the catalog has this group or user. */
  async exists(ownerRef: string): Promise<boolean> {
    const { children, users } = await this.hierarchy();
    const ref = normalized(ownerRef);
    return children.has(ref) || users.has(ref);
  }

  /**
   * The owner first, then its descendant groups breadth-first, each once (a cycle
   * ends the walk), bounded in depth and count. A user or an unknown owner is
   * returned alone.
   *
   * With `readable` (a caller's readable entity refs, lower-cased), only groups in
   * it are walked and returned, as when the caller read the hierarchy itself; the
   * owner is always returned first.
   */
  async withChildren(
    ownerRef: string,
    readable?: ReadonlySet<string>,
  ): Promise<string[]> {
    const { children } = await this.hierarchy();
    const visible = (ref: string) => !readable || readable.has(ref);
    const owner = normalized(ownerRef);
    const seen = new Set<string>([owner]);
    let frontier = children.has(owner) && visible(owner) ? [owner] : [];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const group of frontier) {
        for (const child of children.get(group) ?? []) {
          if (seen.has(child) || !visible(child)) continue;
          if (seen.size >= MAX_GROUPS) return [...seen];
          seen.add(child);
          next.push(child);
        }
      }
      frontier = next;
    }
    return [...seen];
  }

  /**
   * The copy in memory. Past its TTL it is still served while a new one loads
   * in the background, so no request waits for the catalog once the first copy
   * is in: a move shows within the TTL plus one load.
   */
  private async hierarchy(): Promise<Hierarchy> {
    const current = this.current;
    if (current && this.now() < current.freshUntil) return current.hierarchy;
    if (!this.loading) {
      this.loading = this.reload().finally(() => {
        this.loading = undefined;
      });
    }
    return current ? current.hierarchy : this.loading;
  }

  /** Loads a new copy; on failure, falls back to the previous one when there is one. */
  private async reload(): Promise<Hierarchy> {
    const startedAt = this.now();
    try {
      const hierarchy = await this.load();
      this.current = { hierarchy, freshUntil: startedAt + this.ttlMs };
      return hierarchy;
    } catch (error) {
      const previous = this.current;
      if (!previous) throw error;
      previous.freshUntil =
        this.now() + Math.min(this.ttlMs, RETRY_AFTER_FAILURE_MS);
      this.logger?.warn(
        `Could not reload the catalog's groups and users; serving the copy loaded before: ${error}`,
      );
      return previous.hierarchy;
    }
  }

  private async load(): Promise<Hierarchy> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const groups: Entity[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: 'group' }, fields: GROUP_FIELDS, pageSize: PAGE_SIZE },
      { credentials },
    )) {
      groups.push(...page);
    }
    const users = new Set<string>();
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: 'user' }, fields: USER_FIELDS, pageSize: PAGE_SIZE },
      { credentials },
    )) {
      for (const user of page) users.add(stringifyEntityRef(user));
    }
    return buildHierarchy(groups, users);
  }
}
