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
}

/** One unique cluster to evaluate. */
export interface ClusterTarget {
  cluster: ClusterArn;
  /**
   * Latest owner attestation of a rewrite of existing Secrets (ISO 8601), from
   * `aws.amazon.com/eks-secrets-rewritten-at` on a linked entity or the cluster's Resource.
   */
  secretsRewrittenAt?: string;
}

/** A cluster's use of a key, as stored from earlier runs. */
export interface KeyUse {
  clusterArn: string;
  keyArn: string;
  /** The cluster's account (for the `account` sharing scope). */
  accountId: string;
  environment?: string;
}

export interface EvaluationInput {
  /** Unique clusters; the caller collapses entities onto clusters. */
  targets: ClusterTarget[];
  /** Updates already known to be finished, by id: never described again. */
  finishedUpdates?: ReadonlyMap<string, EksUpdate>;
  /** Key uses of stored clusters outside this run, so `key-dedicated` sees all sharing. */
  storedKeyUses?: readonly KeyUse[];
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
