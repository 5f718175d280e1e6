/*
 * Benchmark of the REST API: latency of `GET /v1/owners` and of one entity
 * scorecard over the real router and store, with 10,000 entities over 2,000
 * clusters and 50 owners, on SQLite (in memory, as the example app runs it) and
 * on PostgreSQL when a connection string is given. Each route is called over HTTP
 * on a listening server, once with full read access (ALLOW) and once with a
 * conditional catalog read decision that makes 10,000 entity refs readable.
 *
 * Run from plugins/eks-encryption-backend:
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/api.ts [--no-write]
 * PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (a role
 * allowed to create databases); a throwaway database is created and dropped.
 *
 * Prints the results and writes them to the "REST API" section of
 * docs/benchmarks.md (other sections are left as they are).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  CHECKS,
  summarizeCluster,
  type CheckResult,
  type ClusterEvaluation,
} from 'backstage-plugin-eks-encryption-common';
import express from 'express';
import knexFactory, { type Knex } from 'knex';
import { DatabaseEksEncryptionStore } from '../src/database/DatabaseEksEncryptionStore';
import type { EntityRunInput } from '../src/database/EksEncryptionStore';
import { EntityRefresher } from '../src/service/EntityRefresher';
import { OwnerHierarchy } from '../src/service/OwnerHierarchy';
import { ReadAccess } from '../src/service/readAccess';
import { createRouter } from '../src/service/router';

const ENTITIES = 10_000;
const CLUSTERS = 2_000;
const OWNERS = 50;
const ACCOUNTS = 10;
const REGIONS = ['eu-west-1', 'us-east-1'];
const ENVIRONMENTS = ['prod', 'staging', 'dev'];
/** Requests per route and access mode; the first few warm up and are not counted. */
const REQUESTS = 200;
const WARM_UP = 10;
const CATALOG_PAGE = 1000;

const accountId = (i: number) => String(100000000000 + (i % ACCOUNTS));
const clusterArnOf = (i: number) =>
  `arn:aws:eks:${REGIONS[i % REGIONS.length]}:${accountId(
    i,
  )}:cluster/cluster-${String(i).padStart(4, '0')}`;
const entityNameOf = (i: number) => `service-${String(i).padStart(5, '0')}`;
const entityRefOf = (i: number) => `component:default/${entityNameOf(i)}`;
const ownerOf = (i: number) =>
  `group:default/team-${String(i % OWNERS).padStart(2, '0')}`;

function links(): EntityRunInput[] {
  return Array.from({ length: ENTITIES }, (_, i) => ({
    entityRef: entityRefOf(i),
    ownerRef: ownerOf(i),
    clusterArns: Array.from({ length: 1 + (i % 3) }, (__, k) =>
      clusterArnOf((i * 7 + k * 13) % CLUSTERS),
    ),
    annotationErrors: [],
  }));
}

function evaluation(i: number, at: Date): ClusterEvaluation {
  const checks: CheckResult[] = CHECKS.map((check, c) => {
    const failing = (i * 3 + c) % 11 === 0;
    return {
      id: check.id,
      severity: check.severity,
      status: failing ? 'fail' : 'pass',
      summary: `${check.title}: ${failing ? 'fails' : 'passes'}`,
      details: 'Measured by the REST API benchmark.',
      remediation: { steps: ['Follow the runbook.'], snippets: [] },
    };
  });
  const keyArn = `arn:aws:kms:${REGIONS[i % REGIONS.length]}:${accountId(
    i,
  )}:key/${String(i % 400).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return {
    arn: clusterArnOf(i),
    accountId: accountId(i),
    region: REGIONS[i % REGIONS.length],
    name: `cluster-${String(i).padStart(4, '0')}`,
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

/** The catalog as a conditional decision shows it: 10,000 readable entities, paged. */
function readableCatalog(): CatalogService {
  const pages: Entity[][] = [];
  for (let start = 0; start < ENTITIES; start += CATALOG_PAGE) {
    pages.push(
      Array.from({ length: CATALOG_PAGE }, (_, k) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { namespace: 'default', name: entityNameOf(start + k) },
      })),
    );
  }
  const stream = async function* streamEntities() {
    yield* pages;
  };
  return {
    streamEntities: stream,
    getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
      items: entityRefs.map(ref => {
        const name = ref.split('/')[1];
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { namespace: 'default', name },
        };
      }),
    }),
  } as unknown as CatalogService;
}

function permissions(decision: PolicyDecision): PermissionsService {
  return {
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests => requests.map(() => decision),
  };
}

const CONDITIONAL: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: ['group:default/team-07'] },
  },
};

const auditor: AuditorService = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
};

async function listen(
  store: DatabaseEksEncryptionStore,
  decision: PolicyDecision,
): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const catalog = readableCatalog();
  const access = permissions(decision);
  const readAccess = new ReadAccess({ permissions: access, catalog });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    auditor,
    store,
    readAccess,
    owners: new OwnerHierarchy(catalog),
    refresher: new EntityRefresher({
      permissions: access,
      readAccess,
      runner: {
        startRefresh: async () => {
          throw new Error('not measured');
        },
      },
    }),
  });
  const app = express().use(router).use(mockErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise(ready => server.once('listening', ready));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done, fail) =>
        server.close(error => (error ? fail(error) : done())),
      ),
  };
}

interface Latency {
  route: string;
  access: string;
  p50: number;
  p95: number;
}

async function latency(url: string): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS + WARM_UP; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    if (i >= WARM_UP) samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

interface DialectResult {
  dialect: string;
  seedMs: number;
  latencies: Latency[];
}

async function measure(dialect: string, knex: Knex): Promise<DialectResult> {
  const at = new Date(Date.UTC(2026, 10, 27, 3));
  const store = await DatabaseEksEncryptionStore.create({
    database: { getClient: async () => knex },
    now: () => at,
  });
  const seedStart = performance.now();
  await store.writeRunResults({
    replace: 'all',
    entities: links(),
    clusters: Array.from({ length: CLUSTERS }, (_, i) => evaluation(i, at)),
    finishedUpdates: [],
    productionValues: ['prod'],
    now: at,
  });
  const seedMs = performance.now() - seedStart;
  process.stdout.write(`${dialect}: seeded in ${seedMs.toFixed(0)} ms\n`);

  const latencies: Latency[] = [];
  for (const [access, decision] of [
    ['ALLOW', { result: AuthorizeResult.ALLOW }],
    ['CONDITIONAL, 10,000 readable', CONDITIONAL],
  ] as const) {
    const server = await listen(store, decision);
    try {
      for (const [route, path] of [
        ['GET /v1/owners', '/v1/owners'],
        [
          'GET /v1/entities/:namespace/:kind/:name',
          `/v1/entities/default/component/${entityNameOf(4242)}`,
        ],
      ]) {
        const result = await latency(`${server.baseUrl}${path}`);
        latencies.push({ route, access, ...result });
        process.stdout.write(
          `${dialect}: ${route}, ${access}: p50 ${result.p50.toFixed(
            1,
          )} ms, p95 ${result.p95.toFixed(1)} ms\n`,
        );
      }
    } finally {
      await server.close();
    }
  }
  return { dialect, seedMs, latencies };
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
  const name = `eks_api_bench_${process.pid}`;
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
  const rows = results[0].latencies.map((l, i) => ({
    label: `${l.route}, ${l.access}`,
    cells: results.map(r => r.latencies[i]),
  }));
  return [
    '## REST API',
    '',
    `The plugin's router (OpenAPI validation, access decision, store) over HTTP on a listening server, with`,
    `${ENTITIES.toLocaleString(
      'en',
    )} entities (one to three clusters each) over ${CLUSTERS.toLocaleString(
      'en',
    )} clusters and ${OWNERS} owners, ${CHECKS.length} checks per`,
    `cluster, written through the store in one full run. Each row is ${REQUESTS} sequential requests after ${WARM_UP} to warm up.`,
    '"CONDITIONAL" is a conditional catalog read decision: the router pages 10,000 readable refs out of the',
    "catalog (an in-process stand-in answering at once, so the row shows our cost, not the catalog's) and the store",
    'filters by them; an entity scorecard then asks the catalog about that one entity only.',
    '',
    'Run: `cd plugins/eks-encryption-backend && node -r @backstage/cli/config/nodeTransform.cjs bench/api.ts`',
    `on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${
      process.version
    }, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `| request | ${results
      .map(r => `${r.dialect} p50 | ${r.dialect} p95`)
      .join(' | ')} |`,
    `|---|${results.map(() => '---:|---:').join('|')}|`,
    ...rows.map(
      row =>
        `| ${row.label} | ${row.cells
          .map(c => `${c.p50.toFixed(1)} ms | ${c.p95.toFixed(1)} ms`)
          .join(' | ')} |`,
    ),
    '',
    `Seeding (one full run write): ${results
      .map(r => `${r.dialect} ${(r.seedMs / 1000).toFixed(1)} s`)
      .join('; ')}.`,
    '',
  ].join('\n');
}

/** Replaces the "REST API" section of docs/benchmarks.md, or appends it. */
function writeSection(file: string, section: string) {
  const heading = '## REST API';
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n';
  const start = current.search(/^## REST API$/m);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    const rest = after < 0 ? '' : `\n${current.slice(after + 1)}`;
    next = `${current.slice(0, start)}${section}${rest}`;
  }
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
