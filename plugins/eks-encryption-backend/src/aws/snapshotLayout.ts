import {
  isValidClusterName,
  isValidUpdateId,
  type KmsKeyRef,
} from './awsReferences';

/**
 * Where a snapshot keeps the AWS CLI output of each call, relative to the snapshot folder:
 *
 * ```
 * <accountId>/<region>/eks/list-clusters.json
 * <accountId>/<region>/eks/clusters/<name>/describe-cluster.json
 * <accountId>/<region>/eks/clusters/<name>/list-updates.json
 * <accountId>/<region>/eks/clusters/<name>/updates/<updateId>.json
 * <accountId>/<region>/kms/keys/<keyId>/describe-key.json
 * <accountId>/<region>/kms/keys/<keyId>/get-key-rotation-status.json
 * <accountId>/<region>/kms/keys/<keyId>/get-key-policy.json
 * <accountId>/<region>/kms/keys/<keyId>/list-resource-tags.json
 * <accountId>/<region>/kms/aliases/<alias name without "alias/">/describe-key.json
 * ```
 *
 * A call that failed while the snapshot was exported is recorded next to it as
 * `<file>.error.json` (`describe-cluster.error.json`, `updates/<id>.error.json`, ...)
 * holding `{ "name": "<AWS error code>", "message": "..." }`.
 * `scripts/export-aws-snapshot.sh` writes exactly this layout.
 */
export type SnapshotCall =
  | { call: 'list-clusters'; accountId: string; region: string }
  | {
      call: 'describe-cluster';
      accountId: string;
      region: string;
      name: string;
    }
  | { call: 'list-updates'; accountId: string; region: string; name: string }
  | {
      call: 'describe-update';
      accountId: string;
      region: string;
      name: string;
      updateId: string;
    }
  | { call: 'describe-key'; accountId: string; region: string; ref: KmsKeyRef }
  | {
      call: 'get-key-rotation-status' | 'get-key-policy' | 'list-resource-tags';
      accountId: string;
      region: string;
      keyId: string;
    };

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z0-9-]{1,30}$/;
const KEY_ID = /^[0-9A-Za-z-]{1,64}$/;

/**
 * The path segments of a call's output file (an answer) relative to the snapshot folder.
 * Callers pass validated ids (cluster ARN parser, `parseKmsKeyRef`,
 * `isValidUpdateId`); anything else is refused so no path can leave the folder.
 */
export function snapshotFile(call: SnapshotCall): string[] {
  if (!ACCOUNT_ID.test(call.accountId) || !REGION.test(call.region)) {
    throw new Error(
      `invalid account or region: ${call.accountId}/${call.region}`,
    );
  }
  const base = [call.accountId, call.region];
  switch (call.call) {
    case 'list-clusters':
      return [...base, 'eks', 'list-clusters.json'];
    case 'describe-cluster':
    case 'list-updates':
    case 'describe-update': {
      if (!isValidClusterName(call.name)) {
        throw new Error(`invalid cluster name: ${call.name}`);
      }
      const cluster = [...base, 'eks', 'clusters', call.name];
      if (call.call !== 'describe-update') {
        return [...cluster, `${call.call}.json`];
      }
      if (!isValidUpdateId(call.updateId)) {
        throw new Error(`invalid update id: ${call.updateId}`);
      }
      return [...cluster, 'updates', `${call.updateId}.json`];
    }
    case 'describe-key':
      return call.ref.kind === 'key'
        ? [...base, 'kms', 'keys', call.ref.keyId, 'describe-key.json']
        : [
            ...base,
            'kms',
            'aliases',
            ...call.ref.aliasName.slice('alias/'.length).split('/'),
            'describe-key.json',
          ];
    default:
      if (!KEY_ID.test(call.keyId)) {
        throw new Error(`invalid key id: ${call.keyId}`);
      }
      return [...base, 'kms', 'keys', call.keyId, `${call.call}.json`];
  }
}

/** The file that records a failed call instead of its answer. */
export function snapshotErrorFile(answerFile: string[]): string[] {
  const last = answerFile[answerFile.length - 1];
  return [...answerFile.slice(0, -1), last.replace(/\.json$/, '.error.json')];
}

/** What an error file holds. */
export interface SnapshotError {
  name: string;
  message?: string;
}
