import type {
  CheckStatus,
  ClusterArn,
  EncryptionState,
  Remediation,
  Severity,
} from 'backstage-plugin-eks-encryption-common';
import type {
  AwsFailure,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from './aws';

/**
 * Scope within which one KMS key may be shared before `key-dedicated` fails.
 *
 * @public
 */
export type KeySharingScope = 'cluster' | 'environment' | 'account';

/**
 * `eksEncryption.policy`, with defaults applied.
 *
 * @public
 */
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

/**
 * An entity that names a cluster, as far as the rewrite attestation cares.
 *
 * @public
 */
export interface ClusterNamer {
  entityRef: string;
  ownerRef?: string;
  /** Its `aws.amazon.com/eks-secrets-rewritten-at` attestation (ISO 8601), if valid. */
  secretsRewrittenAt?: string;
}

/**
 * A cluster's use of a key, from this run or stored from earlier runs.
 *
 * @public
 */
export interface KeyUse {
  clusterArn: string;
  keyArn: string;
  /** The cluster's account (for the `account` sharing scope). */
  accountId: string;
  environment?: string;
}

/**
 * A key reference that `kms:DescribeKey` could not resolve.
 *
 * @public
 */
export interface UnresolvedKeyFacts {
  /** The reference as configured on the cluster (key or alias ARN). */
  ref: string;
  metadata: AwsFailure;
}

/**
 * A key reference resolved by `kms:DescribeKey`, with what KMS said about the key.
 *
 * @public
 */
export interface ResolvedKeyFacts {
  ref: string;
  metadata: { ok: true; value: KmsKey };
  /** Where the resolved key lives (its account and region). */
  location: AwsLocation;
  rotation: AwsResult<KmsKeyRotation>;
  /** The `default` key policy document. */
  policy: AwsResult<string>;
  /** Absent when not read (no tags required, or a key AWS manages). */
  tags?: AwsResult<Record<string, string>>;
}

/**
 * What KMS answered about one key reference.
 *
 * @public
 */
export type KeyFacts = UnresolvedKeyFacts | ResolvedKeyFacts;

/**
 * What the update history says about the association of encryption.
 *
 * @public
 */
export type UpdateHistory =
  | { ok: false; failure: AwsFailure }
  | {
      ok: true;
      /** The successful `AssociateEncryptionConfig` update, if any. */
      association?: EksUpdate;
      /** An `AssociateEncryptionConfig` update still in progress. */
      associationInProgress?: EksUpdate;
      /** An update that could not be read while no association was found. */
      unread?: { updateId: string; failure: AwsFailure };
    };

/**
 * What a check judges: everything read from AWS about one cluster that answered
 * `eks:DescribeCluster`, plus the run's policy and time. Plain data: a test builds one
 * by hand. A cluster that could not be described is never judged (its verdict is `error`).
 *
 * @public
 */
export interface EksEncryptionCheckContext {
  /** The cluster, as its ARN names it. */
  cluster: ClusterArn;
  /** The entities (and Resources) of the catalog naming this cluster. */
  namedBy: readonly ClusterNamer[];
  /** The `eks:DescribeCluster` answer. */
  eks: EksCluster;
  /** How Secrets are encrypted; absent when the Kubernetes version could not be read. */
  encryptionState?: EncryptionState;
  /** The cluster's environment, from the first of `policy.environmentTagKeys` it carries. */
  environment?: string;
  /** The first key reference of the encryption config (key or alias ARN), if any. */
  keyRef?: string;
  /** What KMS answered about `keyRef`; absent without a key. */
  key?: KeyFacts;
  /** The association of encryption in the update history; read only for clusters with a key. */
  updates?: UpdateHistory;
  /**
   * Every use of a key by key ARN: the clusters of this run and the stored clusters
   * outside it. Filled before any check judges, so sharing is judged across the estate.
   */
  keyUses: ReadonlyMap<string, readonly KeyUse[]>;
  /** `eksEncryption.policy`, with defaults applied. */
  policy: EvaluationPolicy;
  /** The evaluation time. */
  now: Date;
}

/**
 * What a check concludes about one cluster.
 *
 * @public
 */
export interface EksEncryptionCheckOutcome {
  status: CheckStatus;
  /** One line, readable on its own. */
  summary: string;
  /** The evidence; the summary when absent. */
  details?: string;
  /** How to fix a failure. */
  remediation?: Remediation;
}

/**
 * One check of the scorecard, built in or added by a module through
 * `eksEncryptionChecksExtensionPoint`.
 *
 * @public
 */
export interface EksEncryptionCheck {
  /** Stable id, `^[a-z0-9-]{1,64}$`, unique among the registered checks. */
  id: string;
  title: string;
  /** Weighs the check in the score; a failing `critical` or `high` check makes the cluster non-compliant. */
  severity: Severity;
  /** What passing means. */
  description: string;
  /**
   * Judges one cluster from what was read. Synchronous and free of I/O. A throw, or an
   * outcome that is not one, makes the check `unknown` with the reason, never `pass`.
   */
  judge(context: EksEncryptionCheckContext): EksEncryptionCheckOutcome;
}
