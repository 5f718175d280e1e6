import type {
  ClusterArn,
  ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import type {
  ClusterNamer,
  EksUpdate,
  EvaluationPolicy,
  KeySharingScope,
  KeyUse,
} from 'backstage-plugin-eks-encryption-node';

export type { ClusterNamer, EvaluationPolicy, KeySharingScope, KeyUse };

/** One unique cluster to evaluate. */
export interface ClusterTarget {
  cluster: ClusterArn;
  /**
   * The entities (and Resources) naming this cluster. An attestation by annotation
   * counts only when all of them have one and the same owner.
   */
  namedBy?: ClusterNamer[];
}

/** Key uses of stored clusters with one of these keys, outside the clusters named. */
type StoredKeyUses = (
  keyArns: readonly string[],
  excludingClusterArns: readonly string[],
) => Promise<readonly KeyUse[]>;

/**
 * Of these update ids, the updates already known to be finished, by id (the store's
 * `getFinishedUpdates`): those are never described again.
 */
export type KnownFinishedUpdates = (
  ids: readonly string[],
) => Promise<ReadonlyMap<string, EksUpdate>>;

export interface EvaluationInput {
  /** Unique clusters; the caller collapses entities onto clusters. */
  targets: ClusterTarget[];
  /** Asked once per cluster with the ids ListUpdates returned. */
  knownFinishedUpdates?: KnownFinishedUpdates;
  /**
   * Key uses of stored clusters outside this run, so `key-dedicated` sees all sharing
   * (a refresh); asked once, for the keys this run resolved.
   */
  storedKeyUses?: StoredKeyUses;
  /** Epoch ms after which no AWS call starts: what is not read by then is `unknown`. */
  deadline?: number;
  /** Aborts every call in flight: the run is cancelled and writes nothing. */
  signal?: AbortSignal;
  /** Evaluation time (tests pin it). */
  now?: Date;
  onProgress?: (done: number, total: number) => void;
}

export interface EvaluationOutput {
  clusters: ClusterEvaluation[];
  /** Updates seen finished in this run, to remember. */
  finishedUpdates: EksUpdate[];
  /** Key uses of the clusters of this run. */
  keyUses: KeyUse[];
  /** The tags of each cluster described in this run, by ARN (discovery reads the owner tag). */
  clusterTags?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** Judges clusters against every check; never throws for AWS or input faults. */
export interface ClusterEvaluator {
  evaluate(input: EvaluationInput): Promise<EvaluationOutput>;
}
