/*
 * Benchmark of the store behind the REST API: 10,000 entities over 2,000
 * clusters and 50 owners, 30 days of history, on SQLite (in memory, as the
 * example app runs it) and on PostgreSQL when a connection string is given.
 *
 * Run from plugins/eks-encryption-backend:
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/api-store.ts [--no-write]
 * PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (a role
 * allowed to create databases); a throwaway database is created and dropped.
 *
 * Prints the results and writes them to the "Store" section of
 * docs/benchmarks.md (other sections are left as they are).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory, { type Knex } from 'knex';
import {
  CHECKS,
  summarizeCluster,
  type CheckResult,
  type ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import { DatabaseEksEncryptionStore } from '../src/database/DatabaseEksEncryptionStore';
import type {
  EntityRunInput,
  ReadableEntities,
  RunResults,
} from '../src/database/EksEncryptionStore';

const ENTITIES = 10_000;
const CLUSTERS = 2_000;
const OWNERS = 50;
const ACCOUNTS = 10;
const REGIONS = ['eu-west-1', 'us-east-1'];
const KEYS = 400;
const DAYS = 30;
const ENVIRONMENTS = ['prod', 'staging', 'dev'];
/** Repetitions of each read; the median is reported. */
const REPEAT = 15;
const PAGE = 500;

const accountId = (i: number) => String(100000000000 + (i % ACCOUNTS));
const clusterArnOf = (i: number) =>
  `arn:aws:eks:${REGIONS[i % REGIONS.length]}:${accountId(
    i,
  )}:cluster/cluster-${String(i).padStart(4, '0')}`;
const entityRefOf = (i: number) =>
  `component:default/service-${String(i).padStart(5, '0')}`;
const ownerOf = (i: number) =>
  `group:default/team-${String(i % OWNERS).padStart(2, '0')}`;

/** Entity i links to one to three clusters; neighbours share some. */
function entities(): EntityRunInput[] {
  return Array.from({ length: ENTITIES }, (_, i) => ({
    entityRef: entityRefOf(i),
    ownerRef: ownerOf(i),
    clusterArns: Array.from({ length: 1 + (i % 3) }, (__, k) =>
      clusterArnOf((i * 7 + k * 13) % CLUSTERS),
    ),
    annotationErrors: [],
  }));
}

/**
 * Day `day`'s evaluation of cluster i: failures rotate so that findings open
 * and resolve from day to day (MTTR has data); a few clusters cannot be read.
 */
function evaluation(i: number, day: number, at: Date): ClusterEvaluation {
  const arn = clusterArnOf(i);
  if ((i + day) % 97 === 0) {
    const summary = summarizeCluster([], 'eks:DescribeCluster timed out');
    return {
      arn,
      accountId: accountId(i),
      region: REGIONS[i % REGIONS.length],
      name: `cluster-${i}`,
      ...summary,
      evaluatedAt: at.toISOString(),
      error: 'eks:DescribeCluster timed out',
      checks: [],
    };
  }
  const checks: CheckResult[] = CHECKS.map((check, c) => {
    const failing = (i * 3 + c + Math.floor(day / (1 + (c % 4)))) % 11 === 0;
    return {
      id: check.id,
      severity: check.severity,
      status: failing ? 'fail' : 'pass',
      summary: `${check.title}: ${failing ? 'fails' : 'passes'}`,
      details: 'Measured by the store benchmark.',
      remediation: { steps: ['Follow the runbook.'], snippets: [] },
    };
  });
  const keyArn = `arn:aws:kms:${REGIONS[i % REGIONS.length]}:${accountId(
    i,
  )}:key/${String(i % KEYS).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return {
    arn,
    accountId: accountId(i),
    region: REGIONS[i % REGIONS.length],
    name: `cluster-${i}`,
    version: '1.30',
    encryptionState: 'kms-key',
    keyRef: keyArn,
    keyArn,
    environment: ENVIRONMENTS[i % ENVIRONMENTS.length],
    ...summarizeCluster(checks),
    evaluatedAt: at.toISOString(),
    checks,
  };
}

function fullRun(day: number, links: EntityRunInput[]): RunResults {
  const at = new Date(Date.UTC(2026, 10, 1 + day, 3));
  return {
    replace: 'all',
    entities: links,
    clusters: Array.from({ length: CLUSTERS }, (_, i) =>
      evaluation(i, day, at),
    ),
    finishedUpdates: [],
    productionValues: ['prod'],
    now: at,
  };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < REPEAT; i++) samples.push(await time(fn));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

interface Measurement {
  name: string;
  ms: number;
}

interface DialectResult {
  dialect: string;
  measurements: Measurement[];
}

async function measure(dialect: string, knex: Knex): Promise<DialectResult> {
  const store = await DatabaseEksEncryptionStore.create({
    database: { getClient: async () => knex },
    now: () => new Date(Date.UTC(2026, 10, DAYS, 12)),
  });
  const links = entities();
  const measurements: Measurement[] = [];
  const record = (name: string, ms: number) => {
    measurements.push({ name, ms });
    process.stdout.write(`${dialect}: ${name}: ${ms.toFixed(1)} ms\n`);
  };

  record(
    'first full run write (10,000 entities, 2,000 clusters)',
    await time(() => store.writeRunResults(fullRun(0, links))),
  );
  const writes: number[] = [];
  for (let day = 1; day < DAYS; day++) {
    writes.push(await time(() => store.writeRunResults(fullRun(day, links))));
  }
  writes.sort((a, b) => a - b);
  record(
    `full run write, later days (median of ${writes.length})`,
    writes[Math.floor(writes.length / 2)],
  );
  const at = new Date(Date.UTC(2026, 10, DAYS, 12));
  record(
    'refresh write (one entity)',
    await median(() =>
      store.writeRunResults({
        replace: 'listed',
        entities: [links[42]],
        clusters: links[42].clusterArns.map(arn =>
          evaluation(Number(arn.slice(-4)), DAYS, at),
        ),
        finishedUpdates: [],
        productionValues: ['prod'],
        now: at,
      }),
    ),
  );

  // Half the readable refs are stored entities, half are not (10,000 in all).
  const readable: ReadableEntities = {
    entityRefs: Array.from({ length: ENTITIES }, (_, i) =>
      i % 2 === 0 ? entityRefOf(i) : `component:default/elsewhere-${i}`,
    ),
  };
  for (const [label, options] of [
    ['all readable', {}],
    ['10,000 readable refs', { readable }],
  ] as const) {
    record(
      `getEntityScorecard, ${label}`,
      await median(() => store.getEntityScorecard(entityRefOf(4242), options)),
    );
    record(
      `listEntityScorecards, first page of ${PAGE}, ${label}`,
      await median(() =>
        store.listEntityScorecards({ ...options, limit: PAGE }),
      ),
    );
    record(
      `listEntityScorecards, every page of ${PAGE}, ${label}`,
      await time(async () => {
        let cursor: string | undefined;
        do {
          cursor = (
            await store.listEntityScorecards({
              ...options,
              cursor,
              limit: PAGE,
            })
          ).nextCursor;
        } while (cursor);
      }),
    );
    record(
      `listClusters, first page of 50, ${label}`,
      await median(() => store.listClusters({ ...options, limit: 50 })),
    );
    record(
      `listClusters, owner + verdict + search, ${label}`,
      await median(() =>
        store.listClusters({
          ...options,
          owner: ownerOf(7),
          verdict: 'compliant',
          search: 'cluster-1',
          limit: 50,
        }),
      ),
    );
    record(
      `listOwners (${OWNERS} owners), ${label}`,
      await median(() => store.listOwners(options)),
    );
    record(
      `getOwnerDetail (3 owners), ${label}`,
      await median(() =>
        store.getOwnerDetail([ownerOf(1), ownerOf(2), ownerOf(3)], options),
      ),
    );
    record(
      `getKpis (${DAYS}-day trend), ${label}`,
      await median(() => store.getKpis(options)),
    );
  }
  record(
    'listKeyUses excluding 3 clusters',
    await median(() => store.listKeyUses(links[42].clusterArns)),
  );
  record(
    'pruneHistory (older than 14 days)',
    await time(() => store.pruneHistory(new Date(Date.UTC(2026, 10, 16)))),
  );
  return { dialect, measurements };
}

async function sqlite(): Promise<DialectResult> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    return await measure('SQLite (better-sqlite3, in memory)', knex);
  } finally {
    await knex.destroy();
  }
}

async function postgres(connectionString: string): Promise<DialectResult> {
  const name = `eks_store_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: connectionString });
  await admin.raw('create database ??', [name]);
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString, database: name },
  });
  try {
    const { rows } = await knex.raw<{ rows: { server_version: string }[] }>(
      'show server_version',
    );
    return await measure(
      `PostgreSQL ${rows[0].server_version.split(' ')[0]} (local)`,
      knex,
    );
  } finally {
    await knex.destroy();
    await admin.raw('drop database ??', [name]);
    await admin.destroy();
  }
}

function report(results: DialectResult[]): string {
  const names = results[0].measurements.map(m => m.name);
  const lines = [
    '## Store',
    '',
    `\`DatabaseEksEncryptionStore\` with ${ENTITIES.toLocaleString(
      'en',
    )} entities (one to three clusters each) over ${CLUSTERS.toLocaleString(
      'en',
    )} clusters, ${OWNERS} owners,`,
    `${CHECKS.length} checks per cluster and ${DAYS} daily full runs of history (failures rotate, so findings open and`,
    `resolve; about 1 % of clusters cannot be read each day). Reads are the median of ${REPEAT} calls; "10,000 readable`,
    'refs" passes an access filter of 10,000 entity refs, half of them stored.',
    '',
    `Run: \`cd plugins/eks-encryption-backend && node -r @backstage/cli/config/nodeTransform.cjs bench/api-store.ts\``,
    `on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${
      process.version
    }, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `| operation | ${results.map(r => r.dialect).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    ...names.map(
      (name, i) =>
        `| ${name} | ${results
          .map(r => `${r.measurements[i].ms.toFixed(1)} ms`)
          .join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Replaces the "Store" section of docs/benchmarks.md, or appends it. */
function writeSection(file: string, section: string) {
  const heading = '## Store';
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n';
  const start = current.search(/^## Store$/m);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    const rest = after < 0 ? '' : `\n${current.slice(after + 1)}`;
    next = `${current.slice(0, start)}${section}${rest}`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

async function main() {
  const results = [await sqlite()];
  const connectionString =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (connectionString) results.push(await postgres(connectionString));
  const section = report(results);
  process.stdout.write(`${section}\n`);
  if (!process.argv.includes('--no-write')) {
    const file = resolve(__dirname, '..', '..', '..', 'docs', 'benchmarks.md');
    writeSection(file, section);
    process.stdout.write(`Written to ${join('docs', 'benchmarks.md')}\n`);
  }
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
