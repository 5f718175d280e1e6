import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseKmsKeyRef } from '../aws/awsReferences';
import {
  snapshotErrorFile,
  snapshotFile,
  type SnapshotCall,
} from '../aws/snapshotLayout';
import {
  AwsFixture,
  aliasArnOf,
  clusterArnOf,
  keyArnOf,
  listingOf,
} from './awsEstate';
import {
  Answer,
  ClusterCall,
  KEY_CALLS,
  KeyCall,
  answerDescribeCluster,
  answerDescribeKey,
  answerDescribeUpdate,
  answerKeyCall,
  answerListClusters,
  answerListUpdates,
  findKey,
} from './awsAnswers';

// ---------------------------------------------------------------------------------
// Snapshot folder
// ---------------------------------------------------------------------------------

async function writeAnswer<T>(
  dir: string,
  call: SnapshotCall,
  answer: Answer<T>,
): Promise<void> {
  const file = snapshotFile(call);
  const target = join(dir, ...(answer.ok ? file : snapshotErrorFile(file)));
  const body: unknown = answer.ok
    ? answer.output
    : { name: answer.error.name, message: answer.error.message };
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(body, null, 2)}\n`, 'utf8');
}

const CLUSTER_ARN = /^arn:([^:]+):eks:([^:]+):(\d{12}):cluster\/(.+)$/;

/**
 * Writes the fixture as `scripts/export-aws-snapshot.sh` would have exported it, with
 * exactly the answers of {@link installSdkMocks}: the cluster listing of every account
 * and region that a cluster or failure names, every cluster's calls, `describe-key`
 * for every key ARN and alias, the three key calls per key, and `.error.json` files for
 * failures. Clusters and key references that only failures name (e.g. a cluster that
 * does not exist) are exported too, as the script would for the ARNs it is given.
 * Calls the fixture names nowhere are absent (`not in snapshot`), where the mocks
 * answer `ResourceNotFoundException` / `NotFoundException`.
 */
export async function writeSnapshot(dir: string, f: AwsFixture): Promise<void> {
  const clusters = new Map<
    string,
    ClusterCall & { accountId: string; region: string }
  >();
  for (const c of f.clusters) {
    const arn = clusterArnOf(c);
    const { name, accountId, region } = c;
    clusters.set(arn, { arn, name, cluster: c, accountId, region });
  }
  const keyRefs = new Map<
    string,
    KeyCall & { accountId: string; region: string }
  >();
  for (const k of f.keys) {
    for (const ref of [keyArnOf(k), ...k.aliases.map(a => aliasArnOf(k, a))]) {
      keyRefs.set(ref, {
        ref,
        key: k,
        accountId: k.accountId,
        region: k.region,
      });
    }
  }
  for (const { action, resource } of f.failures) {
    const cluster = CLUSTER_ARN.exec(resource);
    if (action.startsWith('eks:') && cluster && !clusters.has(resource)) {
      const [, , region, accountId, name] = cluster;
      clusters.set(resource, { arn: resource, name, accountId, region });
    }
    const ref = parseKmsKeyRef(resource);
    if (action.startsWith('kms:') && ref?.accountId && ref.region) {
      if (!keyRefs.has(resource)) {
        keyRefs.set(resource, {
          ref: resource,
          key: findKey(f, resource, ref.region, ref.accountId),
          accountId: ref.accountId,
          region: ref.region,
        });
      }
    }
  }

  const listings = new Map<string, { accountId: string; region: string }>();
  for (const { accountId, region } of clusters.values()) {
    listings.set(listingOf({ accountId, region }), { accountId, region });
  }
  for (const { action, resource } of f.failures) {
    if (action !== 'eks:ListClusters') continue;
    const [accountId, region] = resource.split('/');
    listings.set(resource, { accountId, region });
  }
  for (const at of listings.values()) {
    await writeAnswer(
      dir,
      { call: 'list-clusters', ...at },
      answerListClusters(f, at),
    );
  }

  for (const c of clusters.values()) {
    const at = { accountId: c.accountId, region: c.region, name: c.name };
    await writeAnswer(
      dir,
      { call: 'describe-cluster', ...at },
      answerDescribeCluster(f, c),
    );
    await writeAnswer(
      dir,
      { call: 'list-updates', ...at },
      answerListUpdates(f, c),
    );
    for (const u of c.cluster?.updates ?? []) {
      await writeAnswer(
        dir,
        { call: 'describe-update', ...at, updateId: u.id },
        answerDescribeUpdate(f, c, u.id),
      );
    }
  }
  for (const k of keyRefs.values()) {
    const ref = parseKmsKeyRef(k.ref);
    if (!ref) throw new Error(`fixture key reference ${k.ref} is invalid`);
    const at = { accountId: k.accountId, region: k.region };
    await writeAnswer(
      dir,
      { call: 'describe-key', ...at, ref },
      answerDescribeKey(f, k),
    );
    if (ref.kind !== 'key') continue;
    for (const [call, action, output] of KEY_CALLS) {
      await writeAnswer(
        dir,
        { call, ...at, keyId: ref.keyId },
        answerKeyCall<unknown>(f, action, k, output),
      );
    }
  }
}
