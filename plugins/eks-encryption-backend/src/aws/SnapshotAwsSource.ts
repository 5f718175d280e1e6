import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import { awsFailure, messageOf, otherFailure } from './awsErrors';
import {
  invalidUpdateIdFailure,
  isValidUpdateId,
  kmsCallTarget,
} from './awsReferences';
import {
  addResourceTags,
  expectObject,
  toEksCluster,
  toEksUpdate,
  toKeyPolicy,
  toKmsKey,
  toClusterNames,
  toKmsKeyRotation,
  toUpdateIds,
  type DescribeClusterAnswer,
  type DescribeKeyAnswer,
  type DescribeUpdateAnswer,
  type KeyPolicyAnswer,
  type KeyRotationAnswer,
  type ListClustersAnswer,
  type ListResourceTagsAnswer,
  type ListUpdatesAnswer,
} from './awsResponses';
import {
  snapshotErrorFile,
  snapshotFile,
  type SnapshotCall,
} from './snapshotLayout';
import type {
  AwsAction,
  AwsCallOptions,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from 'backstage-plugin-eks-encryption-node';

/** @public */
export interface SnapshotAwsSourceOptions {
  /** The snapshot folder (absolute, or relative to the working directory). */
  directory: string;
}

type FileRead =
  | { found: true; json: unknown }
  | { found: false }
  | { found: 'unreadable'; reason: string };

/**
 * Answers from a folder of AWS CLI JSON outputs (see `snapshotLayout.ts` and
 * `scripts/export-aws-snapshot.sh`), for offline audits and the demo app. A call recorded
 * as failed (`<file>.error.json`) fails the same way again; a call not recorded at all
 * is `failed` ("not in snapshot"), never guessed: a missing cluster listing is no
 * listing, not an empty one. Never throws.
 *
 * @public
 */
export class SnapshotAwsSource implements EksEncryptionAwsSource {
  constructor(private readonly options: SnapshotAwsSourceOptions) {}

  listClusters(
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string[]>> {
    return this.answer(
      options,
      'eks:ListClusters',
      at,
      { call: 'list-clusters', accountId: at.accountId, region: at.region },
      json => {
        const answer = expectObject<ListClustersAnswer>(json, 'list-clusters');
        if (answer.nextToken) {
          throw new Error(
            'list-clusters.json holds one page only (it has a nextToken): export it without --no-paginate',
          );
        }
        return toClusterNames(answer);
      },
    );
  }

  describeCluster(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksCluster>> {
    return this.answer(
      options,
      'eks:DescribeCluster',
      locate(cluster),
      { call: 'describe-cluster', ...locate(cluster), name: cluster.name },
      json =>
        toEksCluster(
          expectObject<DescribeClusterAnswer>(json, 'describe-cluster'),
          cluster,
        ),
    );
  }

  listUpdates(
    cluster: ClusterArn,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string[]>> {
    return this.answer(
      options,
      'eks:ListUpdates',
      locate(cluster),
      { call: 'list-updates', ...locate(cluster), name: cluster.name },
      json => {
        const answer = expectObject<ListUpdatesAnswer>(json, 'list-updates');
        if (answer.nextToken) {
          throw new Error(
            'list-updates.json holds one page only (it has a nextToken): export it without --no-paginate',
          );
        }
        return toUpdateIds(answer);
      },
    );
  }

  describeUpdate(
    cluster: ClusterArn,
    updateId: string,
    options?: AwsCallOptions,
  ): Promise<AwsResult<EksUpdate>> {
    const at = locate(cluster);
    if (!isValidUpdateId(updateId)) {
      return Promise.resolve(invalidUpdateIdFailure(at, updateId));
    }
    return this.answer(
      options,
      'eks:DescribeUpdate',
      at,
      { call: 'describe-update', ...at, name: cluster.name, updateId },
      json =>
        toEksUpdate(
          expectObject<DescribeUpdateAnswer>(json, 'describe-update'),
          updateId,
        ),
    );
  }

  describeKey(
    keyRef: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKey>> {
    const action = 'kms:DescribeKey';
    const target = kmsCallTarget(action, keyRef, at, 'key-or-alias');
    if ('ok' in target) return Promise.resolve(target);
    const { ref } = target;
    return this.answer(
      options,
      action,
      target.at,
      {
        call: 'describe-key',
        accountId: ref.accountId ?? at.accountId,
        region: target.at.region,
        ref,
      },
      json => toKmsKey(expectObject<DescribeKeyAnswer>(json, 'describe-key')),
    );
  }

  getKeyRotationStatus(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<KmsKeyRotation>> {
    return this.keyCall(
      options,
      'kms:GetKeyRotationStatus',
      'get-key-rotation-status',
      keyArn,
      at,
      json =>
        toKmsKeyRotation(
          expectObject<KeyRotationAnswer>(json, 'get-key-rotation-status'),
        ),
    );
  }

  getKeyPolicy(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<string>> {
    return this.keyCall(
      options,
      'kms:GetKeyPolicy',
      'get-key-policy',
      keyArn,
      at,
      json =>
        toKeyPolicy(expectObject<KeyPolicyAnswer>(json, 'get-key-policy')),
    );
  }

  listResourceTags(
    keyArn: string,
    at: AwsLocation,
    options?: AwsCallOptions,
  ): Promise<AwsResult<Record<string, string>>> {
    return this.keyCall(
      options,
      'kms:ListResourceTags',
      'list-resource-tags',
      keyArn,
      at,
      json => {
        const answer = expectObject<ListResourceTagsAnswer>(
          json,
          'list-resource-tags',
        );
        if (answer.Truncated) {
          throw new Error(
            'list-resource-tags.json holds one page only (Truncated is true): export it without --no-paginate',
          );
        }
        const tags: Record<string, string> = {};
        addResourceTags(answer, tags);
        return tags;
      },
    );
  }

  private keyCall<T>(
    options: AwsCallOptions | undefined,
    action: AwsAction,
    call: 'get-key-rotation-status' | 'get-key-policy' | 'list-resource-tags',
    keyArn: string,
    at: AwsLocation,
    map: (json: unknown) => T,
  ): Promise<AwsResult<T>> {
    const target = kmsCallTarget(action, keyArn, at, 'key');
    if ('ok' in target) return Promise.resolve(target);
    const { ref } = target;
    return this.answer(
      options,
      action,
      target.at,
      {
        call,
        accountId: ref.accountId ?? at.accountId,
        region: target.at.region,
        keyId: ref.keyId,
      },
      map,
    );
  }

  /** Reads a call's answer, or replays its recorded failure; none once the run is cancelled. */
  private async answer<T>(
    options: AwsCallOptions | undefined,
    action: AwsAction,
    at: AwsLocation,
    call: SnapshotCall,
    map: (json: unknown) => T,
  ): Promise<AwsResult<T>> {
    const cancelled = () =>
      otherFailure('failed', action, at, 'not read: the run was cancelled');
    if (options?.signal?.aborted) return cancelled();
    const result = await this.replay(action, at, call, map);
    return options?.signal?.aborted ? cancelled() : result;
  }

  private async replay<T>(
    action: AwsAction,
    at: AwsLocation,
    call: SnapshotCall,
    map: (json: unknown) => T,
  ): Promise<AwsResult<T>> {
    let file: string[];
    try {
      file = snapshotFile(call);
    } catch (error) {
      return otherFailure('failed', action, at, messageOf(error));
    }
    const answer = await this.read(file);
    if (answer.found === true) {
      try {
        return { ok: true, value: map(answer.json) };
      } catch (error) {
        return otherFailure(
          'failed',
          action,
          at,
          `unusable answer in the snapshot, ${file.join('/')}: ${messageOf(
            error,
          )}`,
        );
      }
    }
    if (answer.found === 'unreadable') {
      return otherFailure('failed', action, at, answer.reason);
    }
    const errorFile = snapshotErrorFile(file);
    const recorded = await this.read(errorFile);
    if (recorded.found === true) {
      const error = recorded.json as { name?: unknown; message?: unknown };
      if (typeof error?.name === 'string') {
        return awsFailure(action, at, {
          name: error.name,
          message:
            typeof error.message === 'string' ? error.message : undefined,
        });
      }
      return otherFailure(
        'failed',
        action,
        at,
        `${errorFile.join('/')} in the snapshot has no error name`,
      );
    }
    if (recorded.found === 'unreadable') {
      return otherFailure('failed', action, at, recorded.reason);
    }
    // An empty listing is a file too: without one, nothing may be taken as deleted.
    if (call.call === 'list-clusters') {
      return otherFailure(
        'failed',
        action,
        at,
        `the snapshot has no cluster listing for account ${
          call.accountId
        }, region ${call.region} (no ${file.join('/')})`,
      );
    }
    if (!(await this.exists([call.accountId]))) {
      return otherFailure(
        'failed',
        action,
        at,
        `account ${call.accountId} is not in the snapshot ${this.options.directory}`,
      );
    }
    return otherFailure(
      'failed',
      action,
      at,
      `not in snapshot: ${file.join('/')}`,
    );
  }

  private async read(file: string[]): Promise<FileRead> {
    const path = join(this.options.directory, ...file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { found: false };
      return {
        found: 'unreadable',
        reason: `cannot read ${file.join('/')} in the snapshot: ${messageOf(
          error,
        )}`,
      };
    }
    try {
      return { found: true, json: JSON.parse(text) };
    } catch (error) {
      return {
        found: 'unreadable',
        reason: `${file.join(
          '/',
        )} in the snapshot is not valid JSON: ${messageOf(error)}`,
      };
    }
  }

  private async exists(file: string[]): Promise<boolean> {
    try {
      await stat(join(this.options.directory, ...file));
      return true;
    } catch {
      return false;
    }
  }
}

function locate(cluster: ClusterArn): AwsLocation {
  return { accountId: cluster.accountId, region: cluster.region };
}
