import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  type EntityFilterQuery,
} from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AWS_ARN_ANNOTATION,
  EKS_CLUSTER_ARN_ANNOTATION,
} from 'backstage-plugin-eks-encryption-common';
import { LINK_FIELDS, dependencyRefsOf, entityRefOf } from './annotations';
import { LinkAccumulator } from './LinkAccumulator';
import type { CatalogLinkSource, CatalogLinks } from './types';

const PAGE_SIZE = 500;
// Refs per `relations.dependsOn` filter: the filter travels in the query string.
const REFS_PER_FILTER = 50;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

const isResourceRef = (ref: string) => ref.startsWith('resource:');

/**
 * Reads the catalog, with the plugin's own service credentials, for the entities
 * linked to EKS clusters: by the cluster ARN annotation, by depending on a Resource
 * that names a cluster, or by being a `kubernetes-cluster` Resource. Pages through
 * the catalog and asks only for the fields the links need. Clusters in accounts
 * outside `allowedAccounts` (when set) are annotation errors, never targets.
 */
export class CatalogLinkCollector implements CatalogLinkSource {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly now: () => Date;
  private readonly allowedAccounts?: readonly string[];

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    /** `eksEncryption.aws.allowedAccounts`; undefined: any account. */
    allowedAccounts?: readonly string[];
    now?: () => Date;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.now = options.now ?? (() => new Date());
    this.allowedAccounts = options.allowedAccounts;
  }

  private accumulator(): LinkAccumulator {
    return new LinkAccumulator(this.now(), this.allowedAccounts);
  }

  /** Every linked entity and every unique cluster. */
  async collectAll(): Promise<CatalogLinks> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const links = this.accumulator();

    for await (const page of this.stream(credentials, [
      {
        [`metadata.annotations.${EKS_CLUSTER_ARN_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      {
        kind: 'resource',
        [`metadata.annotations.${AWS_ARN_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
      },
    ])) {
      for (const entity of page) {
        links.addResource(entity);
        links.addEntity(entity);
      }
    }

    for (const refs of chunks(links.clusterResourceRefs(), REFS_PER_FILTER)) {
      for await (const page of this.stream(credentials, {
        'relations.dependsOn': refs,
      })) {
        for (const entity of page) links.addEntity(entity);
      }
    }
    return links.build();
  }

  /**
   * The links of one entity and its clusters only, or undefined when the catalog
   * does not know it. Reads the entity, then the Resources it depends on (by ref),
   * nothing else: its targets' `namedBy` hold the entity and those Resources; the
   * caller adds what it stored of other entities naming the same clusters.
   */
  async collectEntity(entityRef: string): Promise<CatalogLinks | undefined> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const [entity] = await this.getByRefs(
      [stringifyEntityRef(parseEntityRef(entityRef))],
      credentials,
    );
    if (!entity) return undefined;
    const ref = entityRefOf(entity);
    const links = this.accumulator();
    links.addResource(entity);
    links.addEntity(entity);
    await this.addDependencies(links, [entity], credentials);

    const all = links.build();
    const own = all.entities.find(e => e.entityRef === ref);
    const arns = new Set(own?.clusterArns ?? []);
    return {
      entities: [
        own ?? { entityRef: ref, clusterArns: [], annotationErrors: [] },
      ],
      targets: all.targets.filter(t => arns.has(t.cluster.arn)),
    };
  }

  private async addDependencies(
    links: LinkAccumulator,
    entities: Entity[],
    credentials: BackstageCredentials,
  ): Promise<void> {
    const refs = new Set<string>();
    for (const entity of entities) {
      for (const dependency of dependencyRefsOf(entity)) {
        if (isResourceRef(dependency) && !links.hasResource(dependency)) {
          refs.add(dependency);
        }
      }
    }
    for (const batch of chunks([...refs], PAGE_SIZE)) {
      for (const resource of await this.getByRefs(batch, credentials)) {
        if (resource) links.addResource(resource);
      }
    }
  }

  private async getByRefs(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<(Entity | undefined)[]> {
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs, fields: LINK_FIELDS },
      { credentials },
    );
    return items.map(item => item ?? undefined);
  }

  private stream(
    credentials: BackstageCredentials,
    filter: EntityFilterQuery,
  ): AsyncIterable<Entity[]> {
    return this.catalog.streamEntities(
      { filter, fields: LINK_FIELDS, pageSize: PAGE_SIZE },
      { credentials },
    );
  }
}
