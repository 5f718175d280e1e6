import type { AnnotationError } from 'backstage-plugin-eks-encryption-common';
import type { ClusterTarget } from '../engine/types';

/** One catalog entity and the EKS clusters it is linked to. */
export interface EntityClusterLinks {
  /** Full, lower-cased entity ref. */
  entityRef: string;
  /** Full, lower-cased ref of the owner, when the entity has one. */
  ownerRef?: string;
  /** Valid EKS cluster ARNs: its own annotation plus the Resources it depends on. */
  clusterArns: string[];
  /**
   * Annotation values that were refused (they never reach AWS): at most
   * `MAX_ANNOTATION_ERRORS_PER_ENTITY`, then one entry counting the rest.
   */
  annotationErrors: AnnotationError[];
  /**
   * The entity's own valid `aws.amazon.com/eks-secrets-rewritten-at` attestation
   * (ISO 8601), so a later refresh of another entity can count it as a namer's.
   */
  secretsRewrittenAt?: string;
  /**
   * False for a Resource the discovery provider emitted: it links its cluster (and
   * shows its scorecard) without claiming it.
   */
  claims?: false;
}

/** What the catalog says should be evaluated. */
export interface CatalogLinks {
  entities: EntityClusterLinks[];
  /**
   * Every unique cluster of `entities`, once, with `namedBy`: every entity and
   * Resource of this collection that names or links it.
   */
  targets: ClusterTarget[];
}

/** Where a run learns which entities link to which clusters. */
export interface CatalogLinkSource {
  /** Every linked entity and every unique cluster. */
  collectAll(): Promise<CatalogLinks>;
  /**
   * One entity and its clusters; undefined when the catalog does not know it. Reads
   * that entity and the Resources it depends on, nothing else: its targets' `namedBy`
   * hold only those.
   */
  collectEntity(entityRef: string): Promise<CatalogLinks | undefined>;
}
