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
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import { DatabaseEksEncryptionStore } from '../src/database/DatabaseEksEncryptionStore';
import type {
  EntityRunInput,
  ReadableEntities,
  RunResults,
} from '../src/database/EksEncryptionStore';
import { BUILT_IN_CHECKS } from '../src/engine/checks';
import { measureOnDatabases } from './lib/databases';
import {
  CLUSTERS,
  ENTITIES,
  OWNERS,
  dailyEvaluation,
  entityLinks,
  entityRefOf,
  fullRun as fullRunAt,
  ownerOf,
} from './lib/estate';
import { publishSection, runBenchmark, runLines } from './lib/report';
import { median } from './lib/stats';

const DAYS = 30;
/** Repetitions of each read; the median is reported. */
const REPEAT = 15;
const PAGE = 500;

function evaluation(i: number, day: number, at: Date): ClusterEvaluation {
  return dailyEvaluation(i, day, at, 'Measured by the store benchmark.');
}

function fullRun(day: number, links: EntityRunInput[]): RunResults {
  const at = new Date(Date.UTC(2026, 10, 1 + day, 3));
  return fullRunAt(
    links,
    Array.from({ length: CLUSTERS }, (_, i) => evaluation(i, day, at)),
    at,
  );
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function medianTime(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < REPEAT; i++) samples.push(await time(fn));
  return median(samples);
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
  const links = entityLinks();
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
  record(
    `full run write, later days (median of ${writes.length})`,
    median(writes),
  );
  const at = new Date(Date.UTC(2026, 10, DAYS, 12));
  record(
    'refresh write (one entity)',
    await medianTime(() =>
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
    entityRefs: new Set(
      Array.from({ length: ENTITIES }, (_, i) =>
        i % 2 === 0 ? entityRefOf(i) : `component:default/elsewhere-${i}`,
      ),
    ),
  };
  for (const [label, options] of [
    ['all readable', {}],
    ['10,000 readable refs', { readable }],
  ] as const) {
    record(
      `getEntityScorecard, ${label}`,
      await medianTime(() =>
        store.getEntityScorecard(entityRefOf(4242), options),
      ),
    );
    record(
      `listEntityScorecards, first page of ${PAGE}, ${label}`,
      await medianTime(() =>
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
      await medianTime(() => store.listClusters({ ...options, limit: 50 })),
    );
    record(
      `listClusters, owner + verdict + search, ${label}`,
      await medianTime(() =>
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
      await medianTime(() => store.listOwners(options)),
    );
    record(
      `getOwnerDetail (3 owners), ${label}`,
      await medianTime(() =>
        store.getOwnerDetail([ownerOf(1), ownerOf(2), ownerOf(3)], options),
      ),
    );
    record(
      `getKpis (${DAYS}-day trend), ${label}`,
      await medianTime(() => store.getKpis(options)),
    );
  }
  const refreshed = links[42].clusterArns;
  const keyArns = await store
    .listClusters({ limit: 500 })
    .then(page =>
      page.items
        .filter(c => refreshed.includes(c.arn))
        .flatMap(c => (c.keyArn ? [c.keyArn] : [])),
    );
  record(
    "listKeyUses of one entity's keys (a refresh)",
    await medianTime(() => store.listKeyUses(keyArns, refreshed)),
  );
  record(
    'pruneHistory (older than 14 days)',
    await time(() => store.pruneHistory(new Date(Date.UTC(2026, 10, 16)))),
  );
  return { dialect, measurements };
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
    `${BUILT_IN_CHECKS.length} checks per cluster and ${DAYS} daily full runs of history (failures rotate, so findings open and`,
    `resolve; about 1 % of clusters cannot be read each day). Reads are the median of ${REPEAT} calls; "10,000 readable`,
    'refs" passes an access filter of 10,000 entity refs, half of them stored.',
    '',
    ...runLines('api-store.ts'),
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

runBenchmark(async () => {
  publishSection(report(await measureOnDatabases('eks_store_bench', measure)));
});
