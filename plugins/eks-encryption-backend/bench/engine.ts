/*
 * Benchmark of the evaluation engine: 10,000 entities → 2,000 clusters → 400 keys,
 * answered by an in-process source with a fixed latency per call and bounded
 * concurrency per account and region (as the SDK source bounds it).
 *
 * Run from plugins/eks-encryption-backend:
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/engine.ts [--no-write]
 *
 * Prints the results and writes them to the "Evaluation engine" section of
 * docs/benchmarks.md (other sections are left as they are).
 */
import type { ClusterArn } from 'backstage-plugin-eks-encryption-common';
import type {
  AwsAction,
  AwsLocation,
  AwsResult,
  EksCluster,
  EksEncryptionAwsSource,
  EksUpdate,
  KmsKey,
  KmsKeyRotation,
} from 'backstage-plugin-eks-encryption-node';
import {
  DEFAULT_CLUSTERS_IN_FLIGHT,
  DefaultClusterEvaluator,
} from '../src/engine/DefaultClusterEvaluator';
import { DEFAULT_EVALUATION_POLICY } from '../src/config';
import type { ClusterTarget } from '../src/engine/types';
import {
  ACCOUNTS,
  CLUSTERS,
  ENTITIES,
  KEYS,
  REGIONS,
  accountIdOf,
} from './lib/estate';
import { publishSection, runBenchmark, runLines } from './lib/report';

/** Every fifth cluster has no key (Kubernetes 1.29, AWS-owned default). */
const KEYLESS_EVERY = 5;
const UPDATES_PER_CLUSTER = 3;
/** Updates stored as finished from earlier runs (the first two of each cluster). */
const KNOWN_UPDATES_PER_CLUSTER = 2;
const LATENCY_MS = 20;
/** Calls in flight per account and region, the SDK source's default. */
const LANE_CONCURRENCY = 4;
const CLUSTERS_IN_FLIGHT = [32, 64, 128];

const uuid = (prefix: string, n: number) =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface ClusterSpec {
  target: ClusterArn;
  keyRef?: string;
  updates: EksUpdate[];
}

interface KeySpec {
  key: KmsKey;
  aliasArn: string;
}

/** 400 keys spread over 10 accounts and 2 regions; every other key is used through an alias. */
function buildKeys(): KeySpec[] {
  return Array.from({ length: KEYS }, (_, i) => {
    const account = accountIdOf(i);
    const region = REGIONS[Math.floor(i / ACCOUNTS) % REGIONS.length];
    const keyId = uuid('0000000k', i);
    return {
      key: {
        arn: `arn:aws:kms:${region}:${account}:key/${keyId}`,
        keyId,
        accountId: account,
        keyManager: 'CUSTOMER',
        keyState: 'Enabled',
        keySpec: 'SYMMETRIC_DEFAULT',
        origin: 'AWS_KMS',
        multiRegion: false,
      },
      aliasArn: `arn:aws:kms:${region}:${account}:alias/eks-${i}`,
    };
  });
}

/**
 * 2,000 clusters; each keyed cluster uses a key of its own account and region, four
 * clusters per key, all of one environment per account.
 */
function buildClusters(keys: KeySpec[]): ClusterSpec[] {
  let keyed = 0;
  return Array.from({ length: CLUSTERS }, (_, i) => {
    const keyless = i % KEYLESS_EVERY === KEYLESS_EVERY - 1;
    const spec = keys[(keyless ? i : keyed) % KEYS];
    const region = spec.key.arn.split(':')[3];
    const target: ClusterArn = {
      arn: `arn:aws:eks:${region}:${spec.key.accountId}:cluster/c-${i}`,
      partition: 'aws',
      region,
      accountId: spec.key.accountId,
      name: `c-${i}`,
    };
    const updates = Array.from({ length: UPDATES_PER_CLUSTER }, (__, u) => ({
      id: uuid(`u${String(u).padStart(7, '0')}`, i),
      type:
        u === 0 && i % 3 === 0 ? 'AssociateEncryptionConfig' : 'VersionUpdate',
      status: 'Successful',
      createdAt: new Date(Date.UTC(2024, u, 1)).toISOString(),
    }));
    if (keyless) return { target, updates };
    const keyIndex = keyed % KEYS;
    keyed += 1;
    const ref = keyIndex % 2 === 0 ? spec.aliasArn : spec.key.arn;
    return { target, keyRef: ref, updates };
  });
}

/** Runs at most `limit` tasks per lane at once, in arrival order. */
class LaneLimiter {
  private readonly lanes = new Map<
    string,
    { active: number; queue: (() => void)[] }
  >();

  constructor(private readonly limit: number) {}

  async run<T>(lane: string, work: () => Promise<T>): Promise<T> {
    let state = this.lanes.get(lane);
    if (!state) {
      state = { active: 0, queue: [] };
      this.lanes.set(lane, state);
    }
    const slot = state;
    if (slot.active >= this.limit) {
      await new Promise<void>(wake => slot.queue.push(wake));
    }
    slot.active += 1;
    try {
      return await work();
    } finally {
      slot.active -= 1;
      slot.queue.shift()?.();
    }
  }
}

/** Answers from memory after `LATENCY_MS`, counting calls per action. */
class LatencySource implements EksEncryptionAwsSource {
  readonly calls = new Map<AwsAction, number>();
  readonly callsPerLane = new Map<string, number>();
  private readonly limiter = new LaneLimiter(LANE_CONCURRENCY);
  private readonly clusters: Map<string, ClusterSpec>;
  private readonly keys = new Map<string, KmsKey>();

  constructor(clusters: ClusterSpec[], keys: KeySpec[]) {
    this.clusters = new Map(clusters.map(c => [c.target.arn, c]));
    for (const spec of keys) {
      this.keys.set(spec.key.arn, spec.key);
      this.keys.set(spec.aliasArn, spec.key);
    }
  }

  private answer<T>(
    action: AwsAction,
    at: AwsLocation,
    value: () => T,
  ): Promise<AwsResult<T>> {
    const lane = `${at.accountId}/${at.region}`;
    this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
    this.callsPerLane.set(lane, (this.callsPerLane.get(lane) ?? 0) + 1);
    return this.limiter.run(lane, async () => {
      await new Promise(done => setTimeout(done, LATENCY_MS));
      return { ok: true, value: value() };
    });
  }

  private cluster(arn: string): ClusterSpec {
    const spec = this.clusters.get(arn);
    if (!spec) throw new Error(`unknown cluster ${arn}`);
    return spec;
  }

  private key(ref: string): KmsKey {
    const key = this.keys.get(ref);
    if (!key) throw new Error(`unknown key ${ref}`);
    return key;
  }

  listClusters(at: AwsLocation): Promise<AwsResult<string[]>> {
    return this.answer('eks:ListClusters', at, () =>
      [...this.clusters.values()]
        .map(c => c.target)
        .filter(t => t.accountId === at.accountId && t.region === at.region)
        .map(t => t.name),
    );
  }

  describeCluster(cluster: ClusterArn): Promise<AwsResult<EksCluster>> {
    return this.answer('eks:DescribeCluster', cluster, () => {
      const spec = this.cluster(cluster.arn);
      return {
        arn: cluster.arn,
        name: cluster.name,
        version: '1.29',
        createdAt: '2023-12-01T00:00:00.000Z',
        status: 'ACTIVE',
        roleArn: `arn:aws:iam::${cluster.accountId}:role/eks-cluster`,
        encryptionKeyRefs: spec.keyRef ? [spec.keyRef] : [],
        healthIssues: [],
        tags: { owner: 'team-a', environment: `env-${cluster.accountId}` },
      };
    });
  }

  listUpdates(cluster: ClusterArn): Promise<AwsResult<string[]>> {
    return this.answer('eks:ListUpdates', cluster, () =>
      this.cluster(cluster.arn).updates.map(u => u.id),
    );
  }

  describeUpdate(
    cluster: ClusterArn,
    updateId: string,
  ): Promise<AwsResult<EksUpdate>> {
    return this.answer('eks:DescribeUpdate', cluster, () => {
      const update = this.cluster(cluster.arn).updates.find(
        u => u.id === updateId,
      );
      if (!update) throw new Error(`unknown update ${updateId}`);
      return update;
    });
  }

  describeKey(keyRef: string, at: AwsLocation): Promise<AwsResult<KmsKey>> {
    return this.answer('kms:DescribeKey', at, () => this.key(keyRef));
  }

  getKeyRotationStatus(
    keyArn: string,
    at: AwsLocation,
  ): Promise<AwsResult<KmsKeyRotation>> {
    return this.answer('kms:GetKeyRotationStatus', at, () => {
      this.key(keyArn);
      return { enabled: true, periodInDays: 365 };
    });
  }

  getKeyPolicy(keyArn: string, at: AwsLocation): Promise<AwsResult<string>> {
    return this.answer('kms:GetKeyPolicy', at, () => {
      const key = this.key(keyArn);
      return JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${key.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      });
    });
  }

  listResourceTags(
    keyArn: string,
    at: AwsLocation,
  ): Promise<AwsResult<Record<string, string>>> {
    return this.answer('kms:ListResourceTags', at, () => {
      this.key(keyArn);
      return { owner: 'team-a' };
    });
  }
}

/** The fewest calls any evaluator could make for this estate. */
function minimumCalls(
  clusters: ClusterSpec[],
  keys: KeySpec[],
  known: ReadonlyMap<string, EksUpdate>,
): Map<AwsAction, number> {
  const arnOf = new Map<string, string>();
  for (const { key, aliasArn } of keys) {
    arnOf.set(key.arn, key.arn);
    arnOf.set(aliasArn, key.arn);
  }
  const keyed = clusters.filter(c => c.keyRef);
  const refs = new Set(keyed.map(c => c.keyRef));
  const keyArns = new Set(keyed.map(c => arnOf.get(c.keyRef!)));
  const describeUpdate = keyed.reduce((sum, c) => {
    // A known finished association answers the question without any DescribeUpdate.
    const associated = c.updates.some(
      u => known.get(u.id)?.type === 'AssociateEncryptionConfig',
    );
    return associated
      ? sum
      : sum + c.updates.filter(u => !known.has(u.id)).length;
  }, 0);
  return new Map<AwsAction, number>([
    ['eks:DescribeCluster', clusters.length],
    ['eks:ListUpdates', keyed.length],
    ['eks:DescribeUpdate', describeUpdate],
    ['kms:DescribeKey', refs.size],
    ['kms:GetKeyRotationStatus', keyArns.size],
    ['kms:GetKeyPolicy', keyArns.size],
    ['kms:ListResourceTags', keyArns.size],
  ]);
}

interface RunResult {
  clustersInFlight: number;
  wallMs: number;
  /** Wall time no evaluator can beat: the busiest lane's calls at full lane concurrency. */
  floorMs: number;
  calls: Map<AwsAction, number>;
  rssPeakMb: number;
  heapPeakMb: number;
  verdicts: Record<string, number>;
}

async function runOnce(
  clustersInFlight: number,
  keys: KeySpec[],
  clusters: ClusterSpec[],
  known: Map<string, EksUpdate>,
): Promise<RunResult> {
  const source = new LatencySource(clusters, keys);
  const evaluator = new DefaultClusterEvaluator({
    source,
    policy: DEFAULT_EVALUATION_POLICY,
    clustersInFlight,
  });
  // 10,000 entities name the 2,000 clusters, five each; the evaluator sees each once.
  const targets: ClusterTarget[] = Array.from({ length: ENTITIES }, (_, i) => ({
    cluster: clusters[i % CLUSTERS].target,
  }));
  let rssPeak = 0;
  let heapPeak = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rssPeak = Math.max(rssPeak, usage.rss);
    heapPeak = Math.max(heapPeak, usage.heapUsed);
  };
  const sampler = setInterval(sample, 25);
  const started = process.hrtime.bigint();
  // The production lookup (the store's getFinishedUpdates), answered from memory.
  const output = await evaluator.evaluate({
    targets,
    knownFinishedUpdates: async ids =>
      new Map(
        ids.flatMap(id => {
          const update = known.get(id);
          return update ? [[id, update] as const] : [];
        }),
      ),
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  sample();
  const verdicts: Record<string, number> = {};
  for (const c of output.clusters)
    verdicts[c.verdict] = (verdicts[c.verdict] ?? 0) + 1;
  const busiestLane = Math.max(...source.callsPerLane.values());
  return {
    clustersInFlight,
    wallMs,
    floorMs: Math.ceil(busiestLane / LANE_CONCURRENCY) * LATENCY_MS,
    calls: source.calls,
    rssPeakMb: rssPeak / 2 ** 20,
    heapPeakMb: heapPeak / 2 ** 20,
    verdicts,
  };
}

const ACTIONS: AwsAction[] = [
  'eks:DescribeCluster',
  'eks:ListUpdates',
  'eks:DescribeUpdate',
  'kms:DescribeKey',
  'kms:GetKeyRotationStatus',
  'kms:GetKeyPolicy',
  'kms:ListResourceTags',
];

function inFlightLabel(n: number): string {
  return n === DEFAULT_CLUSTERS_IN_FLIGHT
    ? `${n} clusters in flight (default)`
    : `${n} clusters in flight`;
}

/** A Markdown table laid out as Prettier lays it out, so the docs stay formatted. */
function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, c) =>
    Math.max(3, h.length, ...rows.map(r => r[c].length)),
  );
  const cell = (text: string, c: number) =>
    right[c] ? text.padStart(widths[c]) : text.padEnd(widths[c]);
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = widths.map((w, c) =>
    right[c] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w),
  );
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}

function report(results: RunResult[], minimum: Map<AwsAction, number>): string {
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const verdicts = (r: RunResult) =>
    Object.entries(r.verdicts)
      .map(([v, n]) => `${n} ${v}`)
      .join(', ');
  return [
    '## Evaluation engine',
    '',
    `\`DefaultClusterEvaluator\` over ${ENTITIES.toLocaleString(
      'en',
    )} entities → ` +
      `${CLUSTERS.toLocaleString(
        'en',
      )} clusters → ${KEYS} keys (${ACCOUNTS} accounts × ` +
      `${REGIONS.length} regions; every ${KEYLESS_EVERY}th cluster without a key, which fails ` +
      `customer-managed-key; half the keys configured through alias ARNs; ` +
      `${UPDATES_PER_CLUSTER} updates per cluster, ${KNOWN_UPDATES_PER_CLUSTER} of them stored ` +
      'as finished, a third of the clusters with a stored finished association). The source ' +
      `is in-process: ${LATENCY_MS} ms per call, at most ${LANE_CONCURRENCY} calls in flight ` +
      "per account and region (the SDK source's default).",
    '',
    ...runLines('engine.ts'),
    '',
    'Calls made against the minimum for this estate:',
    '',
    ...table(
      [
        'call',
        'minimum',
        ...results.map(r => `made, ${inFlightLabel(r.clustersInFlight)}`),
      ],
      ACTIONS.map(a => [
        `\`${a}\``,
        String(minimum.get(a) ?? 0),
        ...results.map(r => String(r.calls.get(a) ?? 0)),
      ]),
      [false, true, ...results.map(() => true)],
    ),
    '',
    'The floor is the wall time no evaluator can beat: the busiest account and region at full concurrency.',
    '',
    ...table(
      [
        'setting',
        'wall time',
        'floor',
        'peak RSS (sampled)',
        'peak heap used',
        'verdicts',
      ],
      results.map(r => [
        inFlightLabel(r.clustersInFlight),
        seconds(r.wallMs),
        seconds(r.floorMs),
        mb(r.rssPeakMb),
        mb(r.heapPeakMb),
        verdicts(r),
      ]),
      [false, true, true, true, true, false],
    ),
    '',
    `Process peak RSS (\`process.resourceUsage().maxRSS\`, whole benchmark): ${mb(
      process.resourceUsage().maxRSS / 1024,
    )}.`,
    '',
  ].join('\n');
}

async function main() {
  const keys = buildKeys();
  const clusters = buildClusters(keys);
  const known = new Map<string, EksUpdate>();
  for (const c of clusters) {
    for (const u of c.updates.slice(0, KNOWN_UPDATES_PER_CLUSTER))
      known.set(u.id, u);
  }
  const results: RunResult[] = [];
  for (const inFlight of CLUSTERS_IN_FLIGHT) {
    results.push(await runOnce(inFlight, keys, clusters, known));
  }
  publishSection(report(results, minimumCalls(clusters, keys, known)));
}

runBenchmark(main);
