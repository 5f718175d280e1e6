import {
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';

/** The catalog fields a notification needs: where to link and whom to tell. */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.owner',
  'relations',
];

/**
 * The owners of an entity: its `ownedBy` relations, and `spec.owner` (resolved like
 * the catalog does) in case the relations are not processed yet.
 */
export function ownerRefs(entity: Entity): string[] {
  const refs = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type === RELATION_OWNED_BY) refs.add(relation.targetRef);
  }
  const owner = entity.spec?.owner;
  if (typeof owner === 'string' && owner) {
    try {
      refs.add(
        stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        ),
      );
    } catch {
      // A malformed owner is the catalog's to report; the relations still count.
    }
  }
  return [...refs];
}

/** The canonical form of an entity ref, or undefined when it is not one. */
export function normalizeEntityRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return undefined;
  }
}
