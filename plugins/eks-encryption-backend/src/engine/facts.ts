import type {
  AwsFailure,
  EksCluster,
  KeyFacts,
  ResolvedKeyFacts,
  UpdateHistory,
} from 'backstage-plugin-eks-encryption-node';
import type { ClusterTarget } from './types';

export type { KeyFacts, ResolvedKeyFacts, UpdateHistory };

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
