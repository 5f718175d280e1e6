import type {
  AwsFailure,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from '../aws/types';
import type { ClusterTarget } from './types';

/** A key reference that DescribeKey could not resolve. */
export interface UnresolvedKeyFacts {
  /** The reference as configured on the cluster (key or alias ARN). */
  ref: string;
  metadata: AwsFailure;
}

/** A key reference resolved by DescribeKey, with what KMS said about the key. */
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

/** What KMS answered about one key reference. */
export type KeyFacts = UnresolvedKeyFacts | ResolvedKeyFacts;

/** What the update history says about the association of encryption. */
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

/** Everything read from AWS for one cluster. */
export type ClusterFacts =
  | { ok: false; target: ClusterTarget; failure: AwsFailure }
  | {
      ok: true;
      target: ClusterTarget;
      cluster: EksCluster;
      /** The first provider key of `encryptionConfig`, if any. */
      keyRef?: string;
      key?: KeyFacts;
      /** Read only for clusters with a key. */
      updates?: UpdateHistory;
    };

export function isResolved(key: KeyFacts): key is ResolvedKeyFacts {
  return key.metadata.ok;
}
