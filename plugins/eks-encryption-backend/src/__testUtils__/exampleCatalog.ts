import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/*
 * The example app's catalog (examples/entities.yaml and org.yaml), with the
 * relations the catalog's processors would add, for tests that feed it to a
 * catalog mock.
 */

export const EXAMPLES_DIR = resolvePackagePath(
  'backstage-plugin-eks-encryption-backend',
  '../../examples',
);

function refTo(value: string, defaultKind: string, namespace: string): string {
  return stringifyEntityRef(
    parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
  );
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

function withRelations(entity: Entity): Entity {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = entity.spec ?? {};
  const relations = [
    ...strings(spec.owner).map(owner => ({
      type: RELATION_OWNED_BY,
      targetRef: refTo(owner, 'group', namespace),
    })),
    ...strings(spec.dependsOn).map(target => ({
      type: RELATION_DEPENDS_ON,
      targetRef: refTo(target, 'component', namespace),
    })),
    ...strings(spec.children).map(child => ({
      type: RELATION_PARENT_OF,
      targetRef: refTo(child, 'group', namespace),
    })),
    ...strings(spec.parent).map(parent => ({
      type: RELATION_CHILD_OF,
      targetRef: refTo(parent, 'group', namespace),
    })),
  ];
  return { ...entity, metadata: { ...entity.metadata, namespace }, relations };
}

/** Every entity of the example catalog files, with relations. */
export function exampleCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (const file of ['entities.yaml', 'org.yaml']) {
    const target = resolve(EXAMPLES_DIR, file);
    for (const result of parseEntityYaml(readFileSync(target), {
      type: 'file',
      target,
    })) {
      if (result.type !== 'entity') {
        throw new Error(`${file} does not parse: ${JSON.stringify(result)}`);
      }
      entities.push(withRelations(result.entity));
    }
  }
  return entities;
}
