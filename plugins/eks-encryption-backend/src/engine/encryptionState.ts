import type { EncryptionState } from 'backstage-plugin-eks-encryption-common';
import type { EksCluster } from 'backstage-plugin-eks-encryption-node';
import { DEFAULT_ENCRYPTION_VERSION } from './awsDefaults';

function parseVersion(
  version?: string,
): { major: number; minor: number } | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version?.trim() ?? '');
  return match
    ? { major: Number(match[1]), minor: Number(match[2]) }
    : undefined;
}

/**
 * `kms-key` when an encryption config names a key; otherwise `aws-owned-default` from
 * Kubernetes 1.28 and `none` before; undefined when the version cannot be read.
 */
export function encryptionState(
  cluster: EksCluster,
): EncryptionState | undefined {
  if (cluster.encryptionKeyRefs.some(ref => ref.length > 0)) return 'kms-key';
  const version = parseVersion(cluster.version);
  if (!version) return undefined;
  const { major, minor } = DEFAULT_ENCRYPTION_VERSION;
  return version.major > major ||
    (version.major === major && version.minor >= minor)
    ? 'aws-owned-default'
    : 'none';
}
