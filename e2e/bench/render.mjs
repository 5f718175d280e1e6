// Rendering benchmark of the frontend with 1,000 rows, in Chromium against the running
// example app. The eks-encryption and Tech Insights APIs are answered in the browser
// (page.route) with synthetic data, so the numbers are the frontend's, not the backend's.
//
// Run with the app running (`yarn start`):
//   source scripts/toolchain.sh && node e2e/bench/render.mjs
// or against the production build: bash e2e/bench/render-production.sh
// Times are taken in the page, not in this Node process: an interaction starts at its
// pointerdown and ends when the DOM first shows its result (a MutationObserver, then the
// next animation frame); "data served" is when the browser had the answer (Resource Timing
// responseEnd). Playwright's own round trips (actionability checks, polling, request
// interception through this process) are thus not counted; the browser's work all is.
// Options (environment): BENCH_RUNS (default 5), BENCH_ROWS (default 1000),
// BENCH_BUILD (the label of the build measured, default development),
// E2E_APP_URL, CHROMIUM_PATH. Prints a Markdown table for docs/benchmarks.md.
import { cpus, loadavg, totalmem } from 'node:os';
import { cardAround, launchBrowser, signIn, APP_URL } from '../browser.mjs';
import {
  clusterPages,
  orgKpis,
  ownerDetailPage,
  ownerRollups,
  techInsightsChecks,
  techInsightsResults,
} from './syntheticData.mjs';
import { tableWithHeader } from '../tables.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const BUILD = process.env.BENCH_BUILD ?? 'development';
/** The row count as the pager shows it ("1,000"). */
const TOTAL = ROWS.toLocaleString('en-US');
const TEAM_PAGE = '/catalog/default/group/payments';
const ORG_PAGE = '/eks-encryption';
const WAIT_MS = 120_000;

/**
 * From the start of every document: long tasks (main thread busy > 50 ms), the
 * time of the last pointerdown, and the first time each armed condition held
 * (checked after every DOM change; the time is that of the next animation frame).
 */
function observePage() {
  window.__longTasks = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      window.__longTasks.push({
        start: entry.startTime,
        duration: entry.duration,
      });
    }
  }).observe({ type: 'longtask', buffered: true });
  const now = () => performance.timeOrigin + performance.now();
  addEventListener(
    'pointerdown',
    event => {
      window.__pointerDownAt = performance.timeOrigin + event.timeStamp;
    },
    true,
  );
  /** The grid with a column header `header`, as tableWithHeader finds it. */
  const grid = header =>
    [...document.querySelectorAll('[role="grid"]')].find(g =>
      [...g.querySelectorAll('[role="columnheader"]')].some(
        th => th.textContent.trim() === header,
      ),
    );
  const firstRowText = header =>
    grid(header)?.querySelector('tbody tr')?.innerText ?? '';
  const conditions = {
    firstRow: ({ header, pattern }) =>
      new RegExp(pattern, 'm').test(firstRowText(header)),
    firstRowChanged: ({ header, before }) => {
      const text = firstRowText(header);
      return text !== '' && text !== before;
    },
    textIn: ({ header, text }) =>
      (grid(header)?.closest('article')?.innerText ?? '').includes(text),
    /** The pager says `text` and the rows are new, not the last page marked stale. */
    nextPage: ({ header, text, before }) =>
      conditions.textIn({ header, text }) &&
      conditions.firstRowChanged({ header, before }),
  };
  const armed = new Map();
  window.__seen = {};
  window.__firstRowText = firstRowText;
  /** Records in __seen[name] when `condition` first holds. */
  window.__arm = (name, condition, args) => {
    delete window.__seen[name];
    armed.set(name, () => conditions[condition](args));
    check();
  };
  function check() {
    for (const [name, holds] of armed) {
      if (holds()) {
        armed.delete(name);
        requestAnimationFrame(() => {
          window.__seen[name] = now();
        });
      }
    }
  }
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  // Conditions armed before the document existed (see armOnLoad).
  const arm = list =>
    list.forEach(([name, condition, args]) =>
      window.__arm(name, condition, args),
    );
  arm(window.__pendingArms ?? []);
  Object.defineProperty(window, '__pendingArms', { set: arm });
}

/** Arms conditions (name, condition, args) in the next document of `page`. */
function armOnLoad(page, arms) {
  return page.addInitScript(list => {
    window.__pendingArms = list;
  }, arms);
}

/** When the browser had the answer to `url` (epoch ms). */
function responseEnd(page, url) {
  return page.evaluate(
    name =>
      performance.timeOrigin +
      performance.getEntriesByName(name)[0].responseEnd,
    url,
  );
}

/** When the armed condition `name` first held (epoch ms), waiting for it. */
async function seenAt(page, name) {
  const handle = await page.waitForFunction(n => window.__seen[n], name, {
    timeout: WAIT_MS,
  });
  return handle.jsonValue();
}

/** Answers the plugin's API calls with synthetic data; records when data was served. */
async function routeSyntheticApi(page, served) {
  const clusters = clusterPages(ROWS);
  const owners = ownerRollups(ROWS);
  const kpis = orgKpis(90);
  const json = (route, body) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: {
        'Access-Control-Allow-Origin': APP_URL,
        'Access-Control-Allow-Credentials': 'true',
      },
      body: JSON.stringify(body),
    });

  await page.route('**/api/eks-encryption/v1/**', async route => {
    const url = new URL(route.request().url());
    const path = url.pathname.replace(/^.*\/api\/eks-encryption/, '');
    if (path.startsWith('/v1/owners/')) {
      const [namespace, kind, name] = path.split('/').slice(3);
      // The card's first page of rows, not the page it reads ahead nor the
      // Tech Insights rollup's reads of every ref.
      if (url.searchParams.get('sort') !== 'entity' && !served.ownerDetail) {
        served.ownerDetail = route.request().url();
      }
      return json(
        route,
        ownerDetailPage(`${kind}:${namespace}/${name}`, ROWS, url.searchParams),
      );
    }
    if (path === '/v1/owners') {
      served.owners ??= route.request().url();
      return json(route, owners);
    }
    if (path === '/v1/clusters') {
      served.clusters ??= route.request().url();
      return json(route, clusters(url.searchParams));
    }
    if (path === '/v1/kpis') return json(route, kpis);
    if (path === '/v1/discovery') {
      return json(route, { enabled: true, clusters: [], listings: [] });
    }
    return route.fulfill({ status: 404, body: '{}' });
  });
  await page.route('**/api/tech-insights/checks', route =>
    json(route, techInsightsChecks()),
  );
  await page.route('**/api/tech-insights/checks/run', route =>
    json(route, techInsightsResults(route.request().postDataJSON())),
  );
}

const firstRow = table => table.locator('tbody tr').first();

/** Long tasks that ended after `fromEpochMs`, with epoch start times. */
async function longTasksSince(page, fromEpochMs) {
  const tasks = await page.evaluate(() =>
    window.__longTasks.map(task => ({
      start: performance.timeOrigin + task.start,
      duration: task.duration,
    })),
  );
  return tasks.filter(task => task.start + task.duration > fromEpochMs);
}

/** Time of `action` until `done` resolves, with the long tasks in between. */
async function timed(page, action, done) {
  const started = Date.now();
  await action();
  await done();
  const ms = Date.now() - started;
  return { ms, tasks: await longTasksSince(page, started) };
}

/** From when the browser had the answer to `url` until the condition `name` held. */
async function sinceServed(page, url, name) {
  const [servedAt, seen] = [
    await responseEnd(page, url),
    await seenAt(page, name),
  ];
  return { ms: seen - servedAt, tasks: await longTasksSince(page, servedAt) };
}

/**
 * Arms condition `name`, then runs `click`: the time from its pointerdown until
 * the condition held, with the long tasks in between.
 */
async function interaction(page, [name, condition, args], click) {
  await page.evaluate(
    ([n, c, a]) => {
      window.__pointerDownAt = undefined;
      window.__arm(n, c, a);
    },
    [name, condition, args],
  );
  await click();
  const seen = await seenAt(page, name);
  const start = await page.evaluate(() => window.__pointerDownAt);
  return { ms: seen - start, tasks: await longTasksSince(page, start) };
}

/** Clicks "Next table page" of the table with `header`; done when its card shows `caption` and new rows. */
async function nextPage(page, table, header, caption) {
  const before = await page.evaluate(h => window.__firstRowText(h), header);
  const args = { header, text: caption, before };
  return interaction(page, ['next', 'nextPage', args], () =>
    cardAround(table)
      .getByRole('button', { name: 'Next table page' })
      .first()
      .click(),
  );
}

/** Clicks the column header `column` of the table with `header`; done when its first row changed. */
async function sortByHeader(page, table, header, column) {
  const before = await page.evaluate(h => window.__firstRowText(h), header);
  return interaction(
    page,
    ['sort', 'firstRowChanged', { header, before }],
    () => table.getByRole('columnheader', { name: column }).click(),
  );
}

async function benchTeamPage(context) {
  const page = await context.newPage();
  const served = {};
  await routeSyntheticApi(page, served);
  const table = tableWithHeader(page, 'Entity');
  await armOnLoad(page, [
    ['row', 'firstRow', { header: 'Entity', pattern: '^svc-\\d{4}$' }],
    ['rollup', 'textIn', { header: 'Failing entities', text: 'eks-compliant' }],
  ]);

  const load = await timed(
    page,
    () => page.goto(`${APP_URL}${TEAM_PAGE}`),
    () =>
      firstRow(table)
        .getByText(/^svc-\d{4}$/)
        .waitFor({ timeout: WAIT_MS }),
  );
  const dataToRow = await sinceServed(page, served.ownerDetail, 'row');
  // The Tech Insights rollup over the same 1,000 entities.
  const rollup = tableWithHeader(page, 'Failing entities');
  await rollup.getByText('eks-compliant').waitFor({ timeout: WAIT_MS });
  const rollupMs = await sinceServed(page, served.ownerDetail, 'rollup');
  const rollupLinks = await rollup.getByRole('link').count();

  const next = await nextPage(page, table, 'Entity', `11-20 of ${TOTAL}`);
  const sort = await sortByHeader(page, table, 'Entity', 'Entity');
  await page.close();
  return { load, dataToRow, rollupMs, rollupLinks, next, sort };
}

async function benchOrgPage(context) {
  const page = await context.newPage();
  const served = {};
  await routeSyntheticApi(page, served);
  const owners = tableWithHeader(page, 'Owner');
  const clusters = tableWithHeader(page, 'Cluster');
  await armOnLoad(page, [
    ['owners', 'firstRow', { header: 'Owner', pattern: '^team-\\d{4}$' }],
    [
      'clusters',
      'firstRow',
      { header: 'Cluster', pattern: '^cluster-\\d{4}$' },
    ],
  ]);

  const load = await timed(
    page,
    () => page.goto(`${APP_URL}${ORG_PAGE}`),
    async () => {
      await firstRow(owners)
        .getByText(/^team-\d{4}$/)
        .waitFor({ timeout: WAIT_MS });
      await firstRow(clusters)
        .getByText(/^cluster-\d{4}$/)
        .waitFor({ timeout: WAIT_MS });
    },
  );
  // From the later of the two answers until both tables show their rows.
  const servedAt = Math.max(
    await responseEnd(page, served.owners),
    await responseEnd(page, served.clusters),
  );
  const shownAt = Math.max(
    await seenAt(page, 'owners'),
    await seenAt(page, 'clusters'),
  );
  const dataToRow = {
    ms: shownAt - servedAt,
    tasks: await longTasksSince(page, servedAt),
  };

  const ownersNext = await nextPage(page, owners, 'Owner', `11-20 of ${TOTAL}`);
  const ownersSort = await sortByHeader(
    page,
    owners,
    'Owner',
    'Compliant clusters',
  );
  const clustersNext = await nextPage(
    page,
    clusters,
    'Cluster',
    `21-40 of ${TOTAL}`,
  );
  await page.close();
  return { load, dataToRow, ownersNext, ownersSort, clustersNext };
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median, min and max time; longest long task; median blocking time (Σ task − 50 ms). */
function summarize(name, results) {
  const ms = results.map(r => r.ms);
  const durations = results.flatMap(r => r.tasks.map(t => t.duration));
  const blocking = results.map(r =>
    r.tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
  );
  return {
    name,
    medianMs: Math.round(median(ms)),
    minMs: Math.round(Math.min(...ms)),
    maxMs: Math.round(Math.max(...ms)),
    longestTaskMs: Math.round(Math.max(0, ...durations)),
    medianBlockingMs: Math.round(median(blocking)),
  };
}

async function main() {
  const context = await launchBrowser();
  await context.addInitScript(observePage);
  try {
    await signIn(context);
    // One warm-up of each page: the dev server compiles on first use.
    await benchTeamPage(context);
    await benchOrgPage(context);

    const team = [];
    const org = [];
    for (let run = 0; run < RUNS; run++) {
      team.push(await benchTeamPage(context));
      org.push(await benchOrgPage(context));
      process.stderr.write(`run ${run + 1} of ${RUNS} done\n`);
    }

    const results = [
      ['Ownership card: navigation → first row', team, r => r.load],
      ['Ownership card: data served → first row', team, r => r.dataToRow],
      [
        'Ownership card: data served → Tech Insights rollup',
        team,
        r => r.rollupMs,
      ],
      ['Ownership card: next page (server paging)', team, r => r.next],
      ['Ownership card: sort by entity (server sorting)', team, r => r.sort],
      ['Org page: navigation → first owner and cluster rows', org, r => r.load],
      ['Org page: data served → first rows', org, r => r.dataToRow],
      ['Org page: owners next page', org, r => r.ownersNext],
      ['Org page: owners sort by compliant clusters', org, r => r.ownersSort],
      [
        'Org page: clusters next page (server paging)',
        org,
        r => r.clustersNext,
      ],
    ].map(([name, runs, pick]) => summarize(name, runs.map(pick)));

    const probe = await context.newPage();
    const userAgent = await probe.evaluate(() => navigator.userAgent);
    const browser = userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium';
    const load = loadavg()
      .map(l => l.toFixed(1))
      .join(' ');
    const lines = [
      `${new Date().toISOString()}: ${
        cpus().length
      } cores (${cpus()[0].model.trim()}), ` +
        `${Math.round(
          totalmem() / 2 ** 30,
        )} GiB, load average ${load} at the end, ` +
        `Node ${process.version}, ${browser}; the ${BUILD} build; ${ROWS} rows, ${RUNS} runs after a warm-up; ` +
        `${team[0].rollupLinks} failing-entity links in the Tech Insights rollup.`,
      '',
      '| measurement | median | min | max | longest long task | median blocking time |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...results.map(
        r =>
          `| ${r.name} | ${r.medianMs} ms | ${r.minMs} ms | ${r.maxMs} ms | ${r.longestTaskMs} ms | ${r.medianBlockingMs} ms |`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await context.close();
  }
}

await main();
