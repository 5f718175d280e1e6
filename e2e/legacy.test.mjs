// The legacy frontend system: packages/app-legacy (port 3001) wires the plugin's main
// exports (EntityEksEncryptionCard, EntityEksEncryptionOwnershipCard, EksEncryptionPage)
// into createApp from @backstage/app-defaults, against the same example backend.
// Each test reads what it expects from the backend after a full evaluation run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LEGACY_APP_URL,
  assertNoPageErrors,
  backendJson,
  cardAround,
  openApp,
} from './browser.mjs';
import { waitForExampleData } from './wait.mjs';
import { STATUS_LABELS, VERDICT_LABELS } from './labels.mjs';
import { lines, readRows, tableWithHeader } from './tables.mjs';

const TIMEOUT_MS = 300_000;

let app;

before(
  async () => {
    // The catalog ingested and evaluated in full, not a first run over part of it.
    await waitForExampleData();
    app = await openApp('/catalog', { appUrl: LEGACY_APP_URL });
  },
  { timeout: TIMEOUT_MS },
);

after(async () => {
  await app?.context.close();
});

/** Opens `path` of the legacy app in the signed-in page. */
async function visit(path) {
  await app.page.goto(`${LEGACY_APP_URL}${path}`);
  return app.page;
}

const nameOf = ref => ref.split('/')[1];
// The first line of a cell that stacks several facts.
const firstLine = cell => lines(cell)[0];

test(
  'a service page shows the scorecard card with its verdict and checks',
  { timeout: TIMEOUT_MS },
  async () => {
    const scorecard = await backendJson(
      '/api/eks-encryption/v1/entities/default/component/marketing-site',
    );
    assert.equal(scorecard.verdict, 'non-compliant');
    const [expected] = scorecard.clusters;
    const page = await visit('/catalog/default/component/marketing-site');

    // The catalog's legacy entity page around our card (its title holds the star button).
    await page
      .getByRole('heading', { level: 1, name: /^marketing-site\b/ })
      .waitFor({ timeout: 120_000 });
    const cluster = page.getByRole('region', {
      name: `Cluster ${expected.name}`,
    });
    await cluster.waitFor();
    const card = cardAround(cluster);
    await card
      .getByRole('heading', { name: 'EKS Secrets encryption', exact: true })
      .waitFor();
    await card
      .getByRole('paragraph')
      .filter({ hasText: /^Non-compliant$/ })
      .waitFor();
    await card
      .getByText(`Grade ${scorecard.grade} · ${scorecard.score}/100`)
      .first()
      .waitFor();

    // One row per check, in the backend's order, each with its status and summary.
    const checks = cluster.getByRole('button', { name: /Severity:/ });
    await checks.nth(expected.checks.length - 1).waitFor();
    const texts = await checks.allInnerTexts();
    assert.equal(texts.length, expected.checks.length);
    expected.checks.forEach((check, i) => {
      const text = texts[i];
      assert.equal(firstLine(text.trim()), STATUS_LABELS[check.status], text);
      assert.ok(text.includes(check.summary), `${check.id}: ${text}`);
    });
    assert.ok(expected.checks.some(check => check.status === 'fail'));

    assertNoPageErrors(app.errors);
  },
);

test(
  'a group page shows the ownership card with the team’s entities',
  { timeout: TIMEOUT_MS },
  async () => {
    const payments = await backendJson(
      '/api/eks-encryption/v1/owners/default/group/payments',
    );
    assert.ok(payments.items.length > 0);
    const page = await visit('/catalog/default/group/payments');

    const card = cardAround(
      page.getByRole('switch', { name: 'Include child groups' }),
    );
    const table = tableWithHeader(card, 'Entity');
    await table.waitFor({ timeout: 120_000 });
    // The rows load after the table: wait for their count. Exact: a hidden live
    // region says "Table page loaded. 1-n of n" too.
    const total = payments.items.length;
    const shown = Math.min(total, 10);
    await card.getByText(`1-${shown} of ${total}`, { exact: true }).waitFor();

    const summary = await card.locator('dl').first().innerText();
    assert.ok(
      summary.includes(`${payments.compliantEntities} of ${payments.entities}`),
      summary,
    );

    const rows = await readRows(table);
    assert.equal(rows.length, shown);
    const byName = new Map(
      payments.items.map(item => [nameOf(item.entityRef), item]),
    );
    for (const row of rows) {
      const item = byName.get(firstLine(row.entity));
      assert.ok(item, `unexpected row ${row.entity}`);
      assert.equal(firstLine(row.verdict), VERDICT_LABELS[item.verdict]);
    }

    // Entity links resolve through the legacy catalog's entity route.
    const link = table.getByRole('link', { name: 'orders-service' });
    assert.equal(
      await link.getAttribute('href'),
      '/catalog/default/component/orders-service',
    );

    assertNoPageErrors(app.errors);
  },
);

test(
  '/eks-encryption shows the org page with its KPIs and clusters',
  { timeout: TIMEOUT_MS },
  async () => {
    const kpis = await backendJson('/api/eks-encryption/v1/kpis?days=90');
    const clusters = await backendJson(
      '/api/eks-encryption/v1/clusters?limit=100',
    );
    const page = await visit('/eks-encryption');

    const production = page.getByRole('region', {
      name: 'Production clusters compliant',
    });
    await production.waitFor({ timeout: 120_000 });
    await production
      .getByText(
        `${kpis.compliantProductionClusters} of ${kpis.productionClusters} production clusters; ${kpis.compliantClusters} of ${kpis.clusters} overall`,
      )
      .waitFor();
    await page
      .getByRole('region', { name: 'Open critical findings' })
      .getByText(String(kpis.openFindings.critical), { exact: true })
      .waitFor();

    const card = cardAround(
      page.getByRole('heading', { name: 'Clusters', exact: true }),
    );
    const total = clusters.totalCount;
    await card.getByText(`1-${total} of ${total}`, { exact: true }).waitFor();
    const rows = await readRows(tableWithHeader(card, 'Cluster'));
    assert.deepEqual(
      rows.map(row => firstLine(row.cluster)).sort(),
      clusters.items.map(cluster => cluster.name).sort(),
    );

    assertNoPageErrors(app.errors);
  },
);

test(
  'the org page’s header spans the page frame',
  { timeout: TIMEOUT_MS },
  async () => {
    // The legacy EksEncryptionPage puts Backstage UI's header into core-components'
    // Page, a grid whose columns are not Backstage UI's: the title must not be
    // squeezed into one of them.
    const page = await visit('/eks-encryption');
    const kpi = page.getByRole('region', {
      name: 'Production clusters compliant',
    });
    await kpi.waitFor({ timeout: 120_000 });
    const title = page.getByRole('heading', {
      name: 'EKS Secrets encryption',
      exact: true,
    });
    const description = page.getByText(
      'KMS envelope encryption of Kubernetes Secrets across the organisation',
      { exact: true },
    );
    const [titleBox, descriptionBox, kpiBox] = await Promise.all(
      [title, description, kpi].map(locator => locator.boundingBox()),
    );
    const sizes = `title ${titleBox?.width} px wide at x ${titleBox?.x}, description ${descriptionBox?.width} px wide, KPIs at x ${kpiBox?.x}`;
    assert.ok(titleBox?.width > 200, sizes);
    assert.ok(descriptionBox?.width > 200, sizes);
    // Above the content, aligned with it, not beside it.
    assert.ok(titleBox.y < kpiBox.y, sizes);
    assert.ok(Math.abs(titleBox.x - kpiBox.x) < 50, sizes);
    assertNoPageErrors(app.errors);
  },
);
