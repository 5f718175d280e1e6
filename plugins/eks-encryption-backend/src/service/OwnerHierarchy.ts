import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
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
  'relations',
];
/** Bounds on the expansion, so a cyclic or huge hierarchy cannot run away. */
const MAX_DEPTH = 10;
const MAX_GROUPS = 1000;

function childRefsOf(group: Entity): string[] {
  const refs = new Set<string>();
  for (const relation of group.relations ?? []) {
    if (relation.type === RELATION_PARENT_OF) {
      refs.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const children = group.spec?.children;
  if (Array.isArray(children)) {
    for (const child of children) {
      if (typeof child !== 'string') continue;
      try {
        refs.add(
          stringifyEntityRef(
            parseEntityRef(child, {
              defaultKind: 'group',
              defaultNamespace: group.metadata.namespace ?? 'default',
            }),
          ),
        );
      } catch {
        // A malformed child reference is the catalog's to report; skip it here.
      }
    }
  }
  return [...refs];
}

/** Expands an owner into itself and its child groups, as the caller can see them. */
export class OwnerHierarchy {
  constructor(private readonly catalog: CatalogService) {}

  /** The owner first, then its descendants breadth-first, each once. */
  async withChildren(
    ownerRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const seen = new Set<string>([ownerRef]);
    let frontier = ownerRef.startsWith('group:') ? [ownerRef] : [];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: frontier, fields: GROUP_FIELDS },
        { credentials },
      );
      const next: string[] = [];
      for (const group of items) {
        if (!group) continue;
        for (const child of childRefsOf(group)) {
          if (seen.has(child) || seen.size >= MAX_GROUPS) continue;
          seen.add(child);
          next.push(child);
        }
      }
      frontier = next;
    }
    return [...seen];
  }
}
