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
import type { AddressInfo } from 'node:net';
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
import { CHECKS } from 'backstage-plugin-eks-encryption-common';
import express from 'express';
import type { Knex } from 'knex';
import { DatabaseEksEncryptionStore } from '../src/database/DatabaseEksEncryptionStore';
import { EntityRefresher } from '../src/service/EntityRefresher';
import { OwnerHierarchy } from '../src/service/OwnerHierarchy';
import { ReadAccess } from '../src/service/readAccess';
import { createRouter } from '../src/service/router';
import { measureOnDatabases } from './lib/databases';
import {
  CLUSTERS,
  ENTITIES,
  OWNERS,
  checkResults,
  clusterEvaluation,
  entityLinks,
  entityNameOf,
  fullRun,
} from './lib/estate';
import { publishSection, runBenchmark, runLines } from './lib/report';

/** Requests per route and access mode; the first few warm up and are not counted. */
const REQUESTS = 200;
const WARM_UP = 10;
const CATALOG_PAGE = 1000;

function evaluation(i: number, at: Date) {
  return clusterEvaluation(
    i,
    `cluster-${String(i).padStart(4, '0')}`,
    checkResults(
      c => (i * 3 + c) % 11 === 0,
      'Measured by the REST API benchmark.',
    ),
    at,
  );
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
    checks: CHECKS,
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
  await store.writeRunResults(
    fullRun(
      entityLinks(),
      Array.from({ length: CLUSTERS }, (_, i) => evaluation(i, at)),
      at,
    ),
  );
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
    ...runLines('api.ts'),
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

runBenchmark(async () => {
  publishSection(report(await measureOnDatabases('eks_api_bench', measure)));
});
