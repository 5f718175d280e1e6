import type {
  ClusterArn,
  ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import type { EksUpdate } from '../aws/types';

/** Scope within which one KMS key may be shared before `key-dedicated` fails. */
export type KeySharingScope = 'cluster' | 'environment' | 'account';

/** `eksEncryption.policy`, with defaults applied. */
export interface EvaluationPolicy {
  maxRotationDays: number;
  keySharing: KeySharingScope;
  /** When set, `approved-key` is judged against it. */
  approvedKeyArns?: string[];
  requiredTags: string[];
  environmentTagKeys: string[];
  /** Environment values that count as production (for KPIs). */
  productionValues: string[];
  /** Cluster tag whose ISO date attests a rewrite of existing Secrets. */
  rewriteAttestationTag: string;
}

/** An entity that names a cluster, as far as the rewrite attestation cares. */
export interface ClusterNamer {
  entityRef: string;
  ownerRef?: string;
  /** Its `aws.amazon.com/eks-secrets-rewritten-at` attestation (ISO 8601), if valid. */
  secretsRewrittenAt?: string;
}

/** One unique cluster to evaluate. */
export interface ClusterTarget {
  cluster: ClusterArn;
  /**
   * The entities (and Resources) naming this cluster. An attestation by annotation
   * counts only when all of them have one and the same owner.
   */
  namedBy?: ClusterNamer[];
}

/** A cluster's use of a key, as stored from earlier runs. */
export interface KeyUse {
  clusterArn: string;
  keyArn: string;
  /** The cluster's account (for the `account` sharing scope). */
  accountId: string;
  environment?: string;
}

/** Key uses of stored clusters with one of these keys, outside the clusters named. */
export type StoredKeyUses = (
  keyArns: readonly string[],
  excludingClusterArns: readonly string[],
) => Promise<readonly KeyUse[]>;

export interface EvaluationInput {
  /** Unique clusters; the caller collapses entities onto clusters. */
  targets: ClusterTarget[];
  /** Updates already known to be finished, by id: never described again. */
  finishedUpdates?: ReadonlyMap<string, EksUpdate>;
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
}

/** Judges clusters against every check; never throws for AWS or input faults. */
export interface ClusterEvaluator {
  evaluate(input: EvaluationInput): Promise<EvaluationOutput>;
}
