/*
 * Benchmark of our rollups side by side with Tech Insights, in ONE backend: our
 * plugin, `@backstage-community/plugin-tech-insights-backend` with the
 * json-rules-engine checker, and our Tech Insights module, started with
 * startTestBackend and called over its real HTTP server with mock user tokens.
 *
 * Estate: 10,000 entities over 25 teams of 400 (one to three clusters each),
 * 2,000 clusters, 30 daily full runs of history written through the store
 * before the backend starts. Tech Insights gets its facts the way a deployment
 * does: our fact retriever, registered by our module, runs once as Tech
 * Insights scheduled it (the task function Tech Insights handed the
 * scheduler), reads our API and Tech Insights stores the facts; nothing is
 * measured before its database holds facts for all 10,000 entities.
 *
 * Measured per database (SQLite in memory, then PostgreSQL when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set), for each of
 * three callers: ALLOW; CONDITIONAL with all 10,000 entities readable;
 * CONDITIONAL with 2,000 readable (5 of the 25 teams):
 * - our team rollup, GET /api/eks-encryption/v1/owners/default/group/team-03,
 *   and Tech Insights' bulk check run, POST /api/tech-insights/checks/run with
 *   the same 400 entity refs and our 7 checks, in the same backend and run;
 * - GET /v1/owners, GET /v1/kpis, one scorecard GET /v1/entities/...;
 * our rows in three rounds spread over the caller's rows (the median is shown);
 * then, through the store on the same database: a one-entity refresh write and
 * a full-run write (10,000 entities).
 *
 * Run from plugins/eks-encryption-backend:
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/rollups.ts [--no-write]
 * BENCH_REQUESTS sets the measured requests of each of our rows (default 100),
 * BENCH_TI_REQUESTS those of Tech Insights' rows (default 30); each row warms up first.
 *
 * Prints the results and writes them to the "Rollups side by side with Tech
 * Insights" section of docs/benchmarks.md (other sections are left as they are).
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type PermissionsService,
  type SchedulerService,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import techInsightsJsonRulesEngine from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import techInsightsEksEncryption, {
  EKS_ENCRYPTION_FACT_RETRIEVER_ID,
  eksEncryptionChecks,
} from 'backstage-plugin-tech-insights-backend-module-eks-encryption';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import type { Knex } from 'knex';
import type { JsonObject } from '@backstage/types';
import { DatabaseEksEncryptionStore } from '../src/database/DatabaseEksEncryptionStore';
import type {
  EntityRunInput,
  RunResults,
} from '../src/database/EksEncryptionStore';
import { eksEncryptionPlugin } from '../src/plugin';
import { companionDatabase } from './lib/companionDatabase';
import { measureOnDatabases } from './lib/databases';
import {
  CLUSTERS,
  dailyEvaluation,
  ENTITIES,
  entityLinks,
  entityNameOf,
  entityRefOf,
  fullRun,
} from './lib/estate';
import { publishSection, runBenchmark, runLines } from './lib/report';
import { median } from './lib/stats';

const TEAMS = 25;
const TEAM_SIZE = ENTITIES / TEAMS;
/** The team whose rollup is measured; readable in every access case. */
const TEAM = 3;
/** Teams whose entities are readable in the "2,000 readable" case. */
const READABLE_TEAMS = 5;
const DAYS = 30;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
/** Tech Insights' requests take 0.4–1.4 s each: fewer of them. */
const TI_REQUESTS = Number(process.env.BENCH_TI_REQUESTS ?? 30);
/** Rows per page of the ownership card's table. */
const CARD_PAGE_SIZE = 10;
/** Rounds of all our requests, for every caller, before anything is measured. */
const PROCESS_WARM_UP = 100;
/** Requests before the measured ones: caches filled, hot code optimised. */
const WARM_UP = 20;
const REFRESH_WRITES = 15;
const FULL_RUN_WRITES = 3;
const FACTS_TIMEOUT_MS = 180_000;

const teamNameOf = (t: number) => `team-${String(t).padStart(2, '0')}`;
const teamOf = (i: number) => i % TEAMS;
const teamRefOf = (t: number) => `group:default/${teamNameOf(t)}`;
/** An entity of the measured team, for the scorecard. */
const SCORECARD_ENTITY = 4200 + TEAM;
const TEAM_ENTITY_REFS = Array.from({ length: TEAM_SIZE }, (_, k) =>
  entityRefOf(k * TEAMS + TEAM),
);

/* ------------------------------------------------------------------ estate */

/** Entity i belongs to team i mod 25: 25 teams of 400. */
function links(): EntityRunInput[] {
  return entityLinks().map((link, i) => ({
    ...link,
    ownerRef: teamRefOf(teamOf(i)),
  }));
}

function evaluation(i: number, day: number, at: Date): ClusterEvaluation {
  return dailyEvaluation(i, day, at, 'Measured by the rollups benchmark.');
}

function dayRun(
  day: number,
  at: Date,
  entityLinksOfRun: EntityRunInput[],
): RunResults {
  return fullRun(
    entityLinksOfRun,
    Array.from({ length: CLUSTERS }, (_, i) => evaluation(i, day, at)),
    at,
  );
}

/** The catalog: 10,000 components, 25 teams and the benchmark's users. */
const USERS = {
  allow: 'user:default/bench-allow',
  all: 'user:default/bench-conditional-all',
  some: 'user:default/bench-conditional-some',
};

function catalogEntities(): Entity[] {
  const components: Entity[] = Array.from({ length: ENTITIES }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { namespace: 'default', name: entityNameOf(i) },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: teamNameOf(teamOf(i)),
    },
  }));
  const groups: Entity[] = Array.from({ length: TEAMS }, (_, t) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { namespace: 'default', name: teamNameOf(t) },
    spec: { type: 'team', children: [] },
  }));
  const users: Entity[] = Object.values(USERS).map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { namespace: 'default', name: ref.split('/')[1] },
    spec: { memberOf: [teamNameOf(TEAM)] },
  }));
  return [...components, ...groups, ...users];
}

/* ------------------------------------------------ services of the backend */

const userOf = (credentials?: BackstageCredentials) => {
  const principal = credentials?.principal as
    | { type?: string; userEntityRef?: string }
    | undefined;
  return principal?.type === 'user' ? principal.userEntityRef : undefined;
};

const CONDITIONAL: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: [teamRefOf(TEAM)] },
  },
};

/**
 * ALLOW for everything, except the catalog read decision of the two
 * "CONDITIONAL" users (services, such as our Tech Insights retriever, are allowed).
 */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests, options) => {
      const user = userOf(options?.credentials);
      const conditional = user === USERS.all || user === USERS.some;
      return requests.map(() =>
        conditional ? CONDITIONAL : { result: AuthorizeResult.ALLOW },
      ) as never;
    },
  }),
});

/**
 * The catalog as each caller sees it: everything, or, for the "2,000
 * readable" user, the components of 5 of the 25 teams (and every group and
 * user). Lookups by ref and unfiltered streams answer from memory at once, so
 * the rows show our cost, not the catalog's; any other call goes to an
 * InMemoryCatalogClient over the same entities.
 */
function catalogFor(entities: Entity[]): CatalogService {
  const view = (visible: Entity[]) => ({
    visible,
    byRef: new Map(visible.map(e => [stringifyEntityRef(e), e])),
    fallback: new InMemoryCatalogClient({ entities: visible }),
  });
  const everything = view(entities);
  const some = view(
    entities.filter(e => {
      if (e.kind !== 'Component') return true;
      const index = Number(e.metadata.name.slice('service-'.length));
      return teamOf(index) < READABLE_TEAMS;
    }),
  );
  const pick = (options?: { credentials?: BackstageCredentials }) =>
    userOf(options?.credentials) === USERS.some ? some : everything;
  const filtered = (request?: Record<string, unknown>) =>
    Boolean(
      request &&
        (request.filter !== undefined ||
          request.query !== undefined ||
          request.fullTextFilter !== undefined),
    );
  const fast = {
    async getEntitiesByRefs(
      request: { entityRefs: string[] },
      options?: { credentials?: BackstageCredentials },
    ) {
      const v = pick(options);
      if (filtered(request)) {
        return v.fallback.getEntitiesByRefs(request as never);
      }
      return {
        items: request.entityRefs.map(ref =>
          v.byRef.get(ref.toLocaleLowerCase('en-US')),
        ),
      };
    },
    async getEntityByRef(
      ref: string | { kind: string; namespace?: string; name: string },
      options?: { credentials?: BackstageCredentials },
    ) {
      const key =
        typeof ref === 'string'
          ? ref
          : stringifyEntityRef({ namespace: 'default', ...ref });
      return pick(options).byRef.get(key);
    },
    async *streamEntities(
      request: { pageSize?: number } | undefined,
      options?: { credentials?: BackstageCredentials },
    ) {
      const v = pick(options);
      if (filtered(request)) {
        yield* v.fallback.streamEntities(request as never);
        return;
      }
      const pageSize = request?.pageSize ?? 500;
      for (let start = 0; start < v.visible.length; start += pageSize) {
        yield v.visible.slice(start, start + pageSize);
      }
    },
  };
  return new Proxy({} as CatalogService, {
    get(_, property: string | symbol) {
      if (typeof property !== 'string') return undefined;
      if (property in fast) return (fast as Record<string, unknown>)[property];
      // Only what the catalog client has: `then` must stay undefined.
      if (typeof (everything.fallback as any)[property] !== 'function') {
        return undefined;
      }
      return (
        request: unknown,
        options?: { credentials?: BackstageCredentials },
      ) =>
        (pick(options).fallback as unknown as Record<string, Function>)[
          property
        ](request, options);
    },
  });
}

/** Keeps every scheduled task without running it; the benchmark runs them. */
function capturingScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const keep = async (task: SchedulerServiceTaskInvocationDefinition) => {
    tasks.set(task.id, task);
  };
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () =>
      ({
        scheduleTask: keep,
        createScheduledTaskRunner: () => ({ run: keep }),
        triggerTask: async (id: string) => {
          await tasks.get(id)?.fn(new AbortController().signal);
        },
        cancelTask: async () => {},
        getScheduledTasks: async () => [],
      } as unknown as SchedulerService),
  });
  return { factory, tasks };
}

/** Our plugin on `eks`, Tech Insights on `techInsights`: a database per plugin. */
function databaseFactory(eks: Knex, techInsights: Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient: async () =>
        plugin.getId() === 'tech-insights' ? techInsights : eks,
    }),
  });
}

const CONFIG = {
  techInsights: {
    factRetrievers: {
      [EKS_ENCRYPTION_FACT_RETRIEVER_ID]: {
        // Never fires on its own: the scheduler only keeps the task.
        cadence: '0 0 1 1 *',
        lifecycle: { timeToLive: { weeks: 2 } },
      },
    },
    factChecker: {
      checks: Object.fromEntries(
        eksEncryptionChecks.map(({ id, ...check }) => [id, check]),
      ),
    },
  },
};

/* ---------------------------------------------------------------- measuring */

interface Percentiles {
  p50: number;
  p95: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

/** The median of each percentile over rounds of the same row. */
function medianOf(rounds: readonly Percentiles[]): Percentiles {
  return {
    p50: median(rounds.map(r => r.p50)),
    p95: median(rounds.map(r => r.p95)),
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

interface Row {
  request: string;
  access: string;
  result: Percentiles;
  /** p50 and p95 of another row divided by this one's, for ratio rows. */
  ratio?: Percentiles;
}

interface DialectResult {
  dialect: string;
  rows: Row[];
  notes: string[];
  rss: string;
  seconds: number;
}

const ACCESS = [
  { label: 'ALLOW', user: USERS.allow, readable: ENTITIES, owners: TEAMS },
  {
    label: 'CONDITIONAL, 10,000 readable',
    user: USERS.all,
    readable: ENTITIES,
    owners: TEAMS,
  },
  {
    label: 'CONDITIONAL, 2,000 readable',
    user: USERS.some,
    readable: READABLE_TEAMS * TEAM_SIZE,
    owners: READABLE_TEAMS,
  },
] as const;

const CHECK_IDS = eksEncryptionChecks.map(c => c.id);

async function measure(dialect: string, knex: Knex): Promise<DialectResult> {
  const began = performance.now();
  const log = (line: string) => process.stdout.write(`${dialect}: ${line}\n`);
  const notes: string[] = [];
  const rows: Row[] = [];
  const rss: string[] = [`start ${mb()} MB`];
  const techInsightsDb = await companionDatabase(
    knex,
    `eks_rollups_ti_${process.pid}`,
  );
  try {
    // 30 daily full runs, the last one a few minutes ago, written before the
    // backend starts (the plugin then reads them as it would after 30 days).
    const store = await DatabaseEksEncryptionStore.create({
      database: { getClient: async () => knex },
    });
    const entityLinksOfRun = links();
    // Earlier days' last run at 23:30, as with hourly runs: evidence at day
    // end is fresh whatever the time of day the benchmark starts.
    const lastRun = Date.now() - 10 * 60_000;
    const todayStart = Math.floor(lastRun / 86_400_000) * 86_400_000;
    const [seedMs] = await timed(async () => {
      for (let day = 0; day < DAYS; day++) {
        const daysBack = DAYS - 1 - day;
        const at = new Date(
          daysBack === 0
            ? lastRun
            : todayStart - (daysBack - 1) * 86_400_000 - 30 * 60_000,
        );
        await store.writeRunResults(dayRun(day, at, entityLinksOfRun));
      }
    });
    log(`seeded ${DAYS} daily full runs in ${(seedMs / 1000).toFixed(1)} s`);
    if (dialect.startsWith('PostgreSQL')) {
      // 30 runs written within a minute leave autovacuum no time; between
      // hourly runs it would have cleaned up and analysed the tables.
      await knex.raw('vacuum analyze');
    }
    rss.push(`after seeding ${mb()} MB`);

    const scheduler = capturingScheduler();
    const backend = await startTestBackend({
      features: [
        eksEncryptionPlugin,
        techInsightsBackend,
        techInsightsJsonRulesEngine,
        techInsightsEksEncryption,
        scheduler.factory,
        databaseFactory(knex, techInsightsDb.knex),
        permissionsFactory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogFor(catalogEntities()),
        }),
        mockServices.rootConfig.factory({
          data: CONFIG as unknown as JsonObject,
        }),
      ],
    });
    try {
      rss.push(`backend started ${mb()} MB`);
      const { port } = backend.server.address() as AddressInfo;
      const base = `http://localhost:${port}/api`;
      const call = async (
        user: string,
        path: string,
        body?: unknown,
      ): Promise<unknown> => {
        const response = await fetch(`${base}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: {
            authorization: mockCredentials.user.header(user),
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) {
          throw new Error(
            `${
              body === undefined ? 'GET' : 'POST'
            } ${path} as ${user} answered ${response.status}: ${text.slice(
              0,
              300,
            )}`,
          );
        }
        return JSON.parse(text);
      };

      // Tech Insights' facts: run the task Tech Insights scheduled for our
      // retriever (it reads our API with a service token, then Tech Insights
      // stores the facts), and wait until its database has all 10,000.
      const retrieverTask = scheduler.tasks.get(
        EKS_ENCRYPTION_FACT_RETRIEVER_ID,
      );
      if (!retrieverTask) {
        throw new Error(
          `Tech Insights did not schedule ${EKS_ENCRYPTION_FACT_RETRIEVER_ID}; scheduled: ${[
            ...scheduler.tasks.keys(),
          ].join(', ')}`,
        );
      }
      const [retrieveMs] = await timed(async () => {
        await retrieverTask.fn(new AbortController().signal);
        const deadline = Date.now() + FACTS_TIMEOUT_MS;
        for (;;) {
          const [{ entities }] = await techInsightsDb
            .knex('facts')
            .where({ id: EKS_ENCRYPTION_FACT_RETRIEVER_ID })
            .countDistinct({ entities: 'entity' });
          if (Number(entities) >= ENTITIES) return;
          if (Date.now() > deadline) {
            throw new Error(
              `Tech Insights stored facts for ${entities} entities, not ${ENTITIES}, within ${FACTS_TIMEOUT_MS} ms`,
            );
          }
          await new Promise(r => setTimeout(r, 1000));
        }
      });
      const latest = (await call(
        USERS.allow,
        `/tech-insights/facts/latest?entity=${encodeURIComponent(
          TEAM_ENTITY_REFS[0],
        )}&ids=${EKS_ENCRYPTION_FACT_RETRIEVER_ID}`,
      )) as Record<string, { facts?: Record<string, unknown> }>;
      if (!latest[EKS_ENCRYPTION_FACT_RETRIEVER_ID]?.facts?.eksVerdict) {
        throw new Error(
          `No eks facts for ${
            TEAM_ENTITY_REFS[0]
          } in Tech Insights: ${JSON.stringify(latest)}`,
        );
      }
      log(
        `Tech Insights stored facts for ${ENTITIES} entities in ${(
          retrieveMs / 1000
        ).toFixed(1)} s`,
      );
      notes.push(
        `Tech Insights facts: our retriever ran once and Tech Insights stored facts for all ${ENTITIES.toLocaleString(
          'en',
        )} entities in ${(retrieveMs / 1000).toFixed(
          1,
        )} s before anything was measured.`,
      );
      if (dialect.startsWith('PostgreSQL')) {
        // As after our seeding: autovacuum would have analysed the 10,000
        // new fact rows before the next retriever run; here it would do so
        // while the first rows are measured.
        await techInsightsDb.knex.raw('vacuum analyze');
      }
      rss.push(`Tech Insights facts stored ${mb()} MB`);

      const rowOf = (
        request: string,
        access: string,
        result: Percentiles,
      ): Row => {
        log(
          `${request}, ${access}: p50 ${result.p50.toFixed(
            1,
          )} ms, p95 ${result.p95.toFixed(1)} ms`,
        );
        return { request, access, result };
      };
      const ownerPath = `/eks-encryption/v1/owners/default/group/${teamNameOf(
        TEAM,
      )}`;
      // What the ownership card asks: the rollup and its first page of rows.
      const teamPath = `${ownerPath}?limit=${CARD_PAGE_SIZE}`;
      const everyRowPath = `${ownerPath}?limit=${TEAM_SIZE}`;
      const tiBody = { entities: TEAM_ENTITY_REFS, checks: CHECK_IDS };

      const ourRequests: [request: string, path: string][] = [
        [
          `ours: GET /api/eks-encryption/v1/owners/default/group/${teamNameOf(
            TEAM,
          )}?limit=${CARD_PAGE_SIZE} (team rollup of ${TEAM_SIZE} entities, first page of rows, as the card asks)`,
          teamPath,
        ],
        [
          `GET /api/eks-encryption/v1/owners/default/group/${teamNameOf(
            TEAM,
          )}?limit=${TEAM_SIZE} (team rollup with all ${TEAM_SIZE} rows)`,
          everyRowPath,
        ],
        ['GET /api/eks-encryption/v1/owners', '/eks-encryption/v1/owners'],
        ['GET /api/eks-encryption/v1/kpis', '/eks-encryption/v1/kpis'],
        [
          `GET /api/eks-encryption/v1/entities/default/component/${entityNameOf(
            SCORECARD_ENTITY,
          )} (scorecard)`,
          `/eks-encryption/v1/entities/default/component/${entityNameOf(
            SCORECARD_ENTITY,
          )}`,
        ],
      ];
      // Every row warms up, then measures requests in a row.
      const inARow = async (
        user: string,
        requests: number,
        path: string,
        body?: object,
      ) => {
        const samples: number[] = [];
        for (let i = 0; i < WARM_UP + requests; i++) {
          const [ms] = await timed(() => call(user, path, body));
          if (i >= WARM_UP) samples.push(ms);
        }
        return samples;
      };
      // The process warms up as a long-running backend has: every request of
      // ours for every caller, before any row is measured, so that V8 has
      // optimised the hot code before the first caller's rows (not during).
      for (let i = 0; i < PROCESS_WARM_UP; i++) {
        for (const { user } of ACCESS) {
          for (const [, path] of ourRequests) await call(user, path);
        }
      }
      // Ours first, for every caller, in three rounds: a slow moment of the
      // machine shows in one round, not in the median of the rounds. A Tech
      // Insights run leaves garbage that the next requests pay for, so none
      // comes before ours; the alternating row shows that case.
      const oursOf = new Map<string, Row[]>();
      for (const { user, label } of ACCESS) {
        const rounds = ourRequests.map((): Percentiles[] => []);
        for (let round = 0; round < 3; round++) {
          for (const [i, [, path]] of ourRequests.entries()) {
            rounds[i].push(percentiles(await inARow(user, REQUESTS, path)));
          }
        }
        oursOf.set(
          label,
          ourRequests.map(([request], i) =>
            rowOf(request, label, medianOf(rounds[i])),
          ),
        );
      }
      for (const { user, label } of ACCESS) {
        const theirs = await inARow(
          user,
          TI_REQUESTS,
          '/tech-insights/checks/run',
          tiBody,
        );
        // Also each of ours right after one of their runs: it then pays for
        // part of that run's garbage collection.
        const afterTheirs: number[] = [];
        for (let i = 0; i < TI_REQUESTS; i++) {
          await call(user, '/tech-insights/checks/run', tiBody);
          afterTheirs.push((await timed(() => call(user, teamPath)))[0]);
        }
        const [team, ...others] = oursOf.get(label)!;
        const tech = rowOf(
          `Tech Insights: POST /api/tech-insights/checks/run (${TEAM_SIZE} entity refs × ${CHECK_IDS.length} checks)`,
          label,
          percentiles(theirs),
        );
        const t = tech.result;
        const o = team.result;
        rows.push(
          team,
          tech,
          {
            request: 'team rollup: Tech Insights ÷ ours',
            access: label,
            result: { p50: t.p50 / o.p50, p95: t.p95 / o.p95 },
            ratio: { p50: t.p50 / o.p50, p95: t.p95 / o.p95 },
          },
          rowOf(
            `ours, the same request, each right after a Tech Insights run`,
            label,
            percentiles(afterTheirs),
          ),
          ...others,
        );
      }

      // What each request answered each caller, checked after the measured
      // rows (nothing was written meanwhile), so that no Tech Insights run
      // comes right before one of ours.
      for (const access of ACCESS) {
        const { user, label } = access;
        const detail = (await call(user, teamPath)) as {
          entities: number;
          compliantEntities: number;
          items: unknown[];
          totalCount: number;
        };
        const ti = (await call(user, '/tech-insights/checks/run', tiBody)) as {
          entity: string;
          error?: unknown;
          results: { check: { id: string }; result: boolean }[];
        }[];
        const owners = (await call(user, '/eks-encryption/v1/owners')) as {
          items: unknown[];
        };
        const tiErrors = ti.filter(r => r.error || r.results.length !== 7);
        const tiPassing = ti.reduce(
          (n, r) => n + r.results.filter(x => x.result).length,
          0,
        );
        const tiCompliant = ti.filter(r =>
          r.results.some(x => x.check.id === 'eks-compliant' && x.result),
        ).length;
        const counts = `${label}: team rollup ${detail.entities} entities (${
          detail.items.length
        } items of ${detail.totalCount}), ${
          detail.compliantEntities
        } compliant; Tech Insights ${
          ti.length
        } entities, ${tiCompliant} passing \`eks-compliant\`, ${tiPassing} of ${
          ti.length * CHECK_IDS.length
        } check results passing, ${
          tiErrors.length
        } with an error or not 7 results; \`GET /v1/owners\` ${
          owners.items.length
        } owners (expected ${access.owners})`;
        log(counts);
        notes.push(`Answers — ${counts}.`);
        if (
          detail.entities !== TEAM_SIZE ||
          detail.totalCount !== TEAM_SIZE ||
          detail.items.length !== CARD_PAGE_SIZE ||
          ti.length !== TEAM_SIZE ||
          tiErrors.length > 0 ||
          owners.items.length !== access.owners ||
          tiCompliant !== detail.compliantEntities
        ) {
          notes.push(`**Unexpected counts** — ${counts}.`);
        }
      }

      rss.push(`after the requests ${mb()} MB`);

      // Writes through the store on the same database, with the 30-day state.
      const now = new Date();
      const refreshed = entityLinksOfRun[SCORECARD_ENTITY];
      const refreshes: number[] = [];
      for (let i = 0; i < REFRESH_WRITES; i++) {
        const [ms] = await timed(() =>
          store.writeRunResults({
            replace: 'listed',
            entities: [refreshed],
            clusters: refreshed.clusterArns.map(arn =>
              evaluation(Number(arn.slice(-4)), DAYS + i, now),
            ),
            finishedUpdates: [],
            productionValues: ['prod'],
            now,
          }),
        );
        refreshes.push(ms);
      }
      rows.push(
        rowOf(
          `refresh write, one entity (\`store.writeRunResults({ replace: 'listed' })\`, ${REFRESH_WRITES} writes)`,
          'n/a (store)',
          percentiles(refreshes),
        ),
      );
      const fullRuns: number[] = [];
      for (let i = 0; i < FULL_RUN_WRITES; i++) {
        const [ms] = await timed(() =>
          store.writeRunResults(dayRun(DAYS + i, new Date(), entityLinksOfRun)),
        );
        fullRuns.push(ms);
      }
      const full = percentiles(fullRuns);
      rows.push({
        request: `full run write, ${ENTITIES.toLocaleString(
          'en',
        )} entities (\`replace: 'all'\`; ${FULL_RUN_WRITES} writes, p95 = max)`,
        access: 'n/a (store)',
        result: { p50: full.p50, p95: Math.max(...fullRuns) },
      });
      log(
        `full run writes: ${fullRuns.map(ms => ms.toFixed(0)).join(', ')} ms`,
      );
      rss.push(`after ${FULL_RUN_WRITES} full run writes ${mb()} MB`);
    } finally {
      await backend.stop();
    }
    const seconds = (performance.now() - began) / 1000;
    log(`done in ${seconds.toFixed(0)} s; RSS ${rss.join(', ')}`);
    return { dialect, rows, notes, rss: rss.join(', '), seconds };
  } finally {
    await techInsightsDb.drop();
  }
}

/* ------------------------------------------------------------------ report */

const cell = (row: Row, value: number) =>
  row.ratio ? `×${value.toFixed(1)}` : `${value.toFixed(1)} ms`;

function report(results: DialectResult[], totalSeconds: number): string {
  const header = `| request | access | ${results
    .map(r => `${r.dialect.split(' ')[0]} p50 | ${r.dialect.split(' ')[0]} p95`)
    .join(' | ')} |`;
  return [
    '## Rollups side by side with Tech Insights',
    '',
    `One backend (\`startTestBackend\`, its real HTTP server, mock user tokens) with our plugin,`,
    '`@backstage-community/plugin-tech-insights-backend`, the json-rules-engine fact checker',
    '(`@backstage-community/plugin-tech-insights-backend-module-jsonfc`) and our Tech Insights module; each',
    'plugin on its own database of the same kind; each kind of database is measured in a fresh process of its own. Estate: ' +
      `${ENTITIES.toLocaleString(
        'en',
      )} entities over ${TEAMS} teams of ${TEAM_SIZE} (one to three clusters each), ` +
      `${CLUSTERS.toLocaleString('en')} clusters, ${DAYS} daily`,
    'full runs of history written through `DatabaseEksEncryptionStore.writeRunResults` before the backend starts',
    "(each earlier day's at 23:30, as the last of hourly runs would be, so its evidence is fresh at day end; today's 10 minutes",
    'before the start). The writes also keep the change log; no discovery.',
    "Tech Insights' facts come from our fact retriever run once by the task Tech Insights scheduled for it (it reads",
    `our API with a service token; Tech Insights stores one fact row per entity); nothing is measured until Tech`,
    `Insights' database holds facts for all ${ENTITIES.toLocaleString(
      'en',
    )} entities (Tech Insights thus holds one retriever run, not ${DAYS} days).`,
    '',
    `Our team rollup (\`GET /v1/owners/default/group/${teamNameOf(
      TEAM,
    )}?limit=${CARD_PAGE_SIZE}\`: the numbers over all ${TEAM_SIZE} entities and the first page of rows, which is what the`,
    "ownership card asks; the row with all 400 rows in one answer is measured too) and Tech Insights' bulk check run over the same",
    `${TEAM_SIZE} entity refs and our ${CHECK_IDS.length} \`eks-*\` checks are measured in the same backend and run: ours for every caller first,`,
    "then Tech Insights' (a Tech Insights run allocates for 0.4–1.4 s, and the requests right after it pay for collecting",
    'that garbage: the row "each right after a Tech Insights run" shows this case, strictly alternating theirs and ours). Each',
    `row warms up with ${WARM_UP} requests (the first request of a caller fills any per-caller cache, such as the readable set),`,
    `then measures ${REQUESTS} sequential requests of ours or ${TI_REQUESTS} of Tech Insights'. Each of our rows is measured in`,
    "three rounds, and the table shows the median of the rounds' p50 and of their p95: a slow moment of the machine",
    'shows in one round, not in the table. The answers to each caller are checked after the measured requests.',
    'Access: ALLOW, or a CONDITIONAL catalog read decision for which the catalog',
    `(an in-process stand-in answering from memory, so the rows show our cost, not the catalog's) returns all`,
    `${ENTITIES.toLocaleString('en')} components or only the ${(
      READABLE_TEAMS * TEAM_SIZE
    ).toLocaleString(
      'en',
    )} of ${READABLE_TEAMS} teams (the measured team among them); Tech Insights`,
    'asks only `permissions.authorize` (ALLOW) and does not filter by catalog read access. Writes go through a second',
    'store instance on the same database after the requests, with the 30-day state. On PostgreSQL, `VACUUM ANALYZE`',
    'runs after the seeding and after Tech Insights stored its facts, as autovacuum would between hourly runs (30 runs',
    'written within a minute leave it no time).',
    '',
    ...runLines('rollups.ts'),
    `Whole run: ${totalSeconds.toFixed(0)} s.`,
    '',
    header,
    `|---|---|${results.map(() => '---:|---:').join('|')}|`,
    ...results[0].rows.map(
      (row, i) =>
        `| ${row.request} | ${row.access} | ${results
          .map(r => {
            const same = r.rows[i];
            return `${cell(same, same.result.p50)} | ${cell(
              same,
              same.result.p95,
            )}`;
          })
          .join(' | ')} |`,
    ),
    '',
    ...results.flatMap(r => [
      `${r.dialect}: ${r.seconds.toFixed(
        0,
      )} s; process RSS (the backend runs in the benchmark's process): ${
        r.rss
      }.`,
      ...r.notes.map(note => `- ${note}`),
      '',
    ]),
  ].join('\n');
}

runBenchmark(async () => {
  try {
    const start = performance.now();
    const results = await measureOnDatabases('eks_rollups_bench', measure);
    publishSection(report(results, (performance.now() - start) / 1000));
  } finally {
    // A backend that failed to start may keep handles open: exit regardless.
    setTimeout(() => process.exit(), 2000).unref();
  }
});
