// The organisation page /eks-encryption: KPIs, trend, owners and clusters with filters.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoPageErrors,
  backendJson,
  cardAround,
  openApp,
} from './browser.mjs';
import { waitForExampleData } from './wait.mjs';
import { lines, readRows, tableWithHeader } from './tables.mjs';

const TIMEOUT_MS = 300_000;
let app;
let kpis;
let owners;
let clusters;

before(
  async () => {
    // The catalog ingested and evaluated in full, not a first run over part of it.
    await waitForExampleData();
    kpis = await backendJson('/api/eks-encryption/v1/kpis?days=90');
    owners = (await backendJson('/api/eks-encryption/v1/owners')).items;
    clusters = await backendJson('/api/eks-encryption/v1/clusters?limit=100');
    app = await openApp('/eks-encryption');
  },
  { timeout: TIMEOUT_MS },
);

after(async () => {
  await app?.context.close();
});

const percent = (part, whole) =>
  whole === 0 ? 'No data' : `${Math.round((part / whole) * 100)} %`;

// The Cluster cell: the name, then "account · region · environment".
const clusterName = row => lines(row.cluster)[0];
const clusterPlace = row => {
  const [account, region, environment] = lines(row.cluster)[1].split(' · ');
  return { account, region, environment };
};
// The Verdict cell: the verdict, then the grade.
const verdictOf = row => lines(row.verdict)[0];

/** The card titled `title` (the unclaimed clusters' table has like columns). */
function cardTitled(page, title) {
  return cardAround(page.getByRole('heading', { name: title, exact: true }));
}

/** Picks `label` in the Verdict select of the clusters' `card`. */
async function selectVerdict(card, label) {
  await card.getByLabel('Verdict').click();
  // The options open in a popover outside the card.
  await card.page().getByRole('option', { name: label, exact: true }).click();
}

test('shows the organisation KPIs', { timeout: TIMEOUT_MS }, async () => {
  const { page, errors } = app;
  const production = page.getByRole('region', {
    name: 'Production clusters compliant',
  });
  await production.waitFor({ timeout: 120_000 });

  assert.ok(kpis.productionClusters > 0);
  await production
    .getByText(
      percent(kpis.compliantProductionClusters, kpis.productionClusters),
      { exact: true },
    )
    .waitFor();
  await production
    .getByText(
      `${kpis.compliantProductionClusters} of ${kpis.productionClusters} production clusters; ${kpis.compliantClusters} of ${kpis.clusters} overall`,
    )
    .waitFor();
  // The demo has open critical findings (no encryption, unusable keys).
  assert.ok(kpis.openFindings.critical > 0);
  for (const [name, value] of [
    ['Open critical findings', kpis.openFindings.critical],
    ['Open high findings', kpis.openFindings.high],
  ]) {
    await page
      .getByRole('region', { name })
      .getByText(String(value), { exact: true })
      .waitFor();
  }
  await page
    .getByRole('region', { name: 'Mean time to resolve' })
    .getByText(kpis.mttrHours === null ? 'No data' : /\d.* (hour|day)s?$/)
    .first()
    .waitFor();

  assertNoPageErrors(errors);
});

test('draws the compliance trend', { timeout: TIMEOUT_MS }, async () => {
  const { page, errors } = app;
  const figure = page.getByRole('figure');
  await figure.waitFor();
  assert.ok(kpis.trend.length > 0, 'a daily snapshot is stored by the run');

  // The chart itself: two lines (production and all clusters) with a legend.
  await figure.locator('svg.recharts-surface').first().waitFor();
  await figure.locator('.recharts-line').nth(1).waitFor();
  assert.equal(await figure.locator('.recharts-line').count(), 2);
  await figure.getByText('Production clusters compliant').first().waitFor();
  await figure.getByText('All clusters compliant').first().waitFor();

  const last = kpis.trend[kpis.trend.length - 1];
  const caption = await figure.locator('figcaption').innerText();
  assert.ok(
    caption.includes(
      `${percent(
        last.compliantProductionClusters,
        last.productionClusters,
      )} on ${last.day}. All clusters:`,
    ),
    caption,
  );

  assertNoPageErrors(errors);
});

test(
  'lists the owners, most open findings first',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const table = tableWithHeader(cardTitled(page, 'Owners'), 'Owner');
    await table.waitFor();
    const rows = await readRows(table);

    assert.equal(rows.length, owners.length);
    const byName = new Map(
      owners.map(owner => [owner.ownerRef.split('/')[1], owner]),
    );
    for (const row of rows) {
      const owner = byName.get(row.owner.toLowerCase());
      assert.ok(owner, `unexpected owner ${row.owner}`);
      assert.equal(
        row['compliant entities'],
        `${owner.compliantEntities} of ${owner.entities}`,
      );
      assert.equal(
        row['compliant clusters'],
        `${owner.compliantClusters} of ${owner.clusters}`,
      );
    }
    const critical = rows.map(
      row => byName.get(row.owner.toLowerCase()).openFindings.critical,
    );
    assert.deepEqual(
      critical,
      [...critical].sort((a, b) => b - a),
    );
    // data owns the two clusters with critical findings in the demo.
    assert.equal(rows[0].owner.toLowerCase(), 'data');

    assertNoPageErrors(errors);
  },
);

test(
  'lists the clusters and filters them by verdict and by name',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const card = cardTitled(page, 'Clusters');
    const table = tableWithHeader(card, 'Cluster');
    // The table is drawn, empty, while its first page loads: wait for the rows.
    // Exact: a hidden live region says "Table page loaded. 1-n of n" too.
    const pager = text => card.getByText(text, { exact: true });
    await pager(`1-${clusters.totalCount} of ${clusters.totalCount}`).waitFor();
    const all = await readRows(table);
    assert.equal(all.length, clusters.totalCount);
    assert.ok(all.some(row => clusterName(row) === 'payments-prod'));
    const marketing = all.find(row => clusterName(row) === 'marketing-prod');
    assert.equal(verdictOf(marketing), 'Non-compliant');
    assert.equal(clusterPlace(marketing).account, '111122223333');
    assert.equal(clusterPlace(marketing).region, 'eu-west-1');

    const nonCompliant = clusters.items.filter(
      c => c.verdict === 'non-compliant',
    );
    assert.ok(nonCompliant.length > 0 && nonCompliant.length < all.length);
    await selectVerdict(card, 'Non-compliant');
    await pager(`1-${nonCompliant.length} of ${nonCompliant.length}`).waitFor();
    const filtered = await readRows(table);
    assert.deepEqual(
      filtered.map(clusterName).sort(),
      nonCompliant.map(c => c.name).sort(),
    );
    assert.ok(filtered.every(row => verdictOf(row) === 'Non-compliant'));
    assert.ok(!filtered.some(row => clusterName(row) === 'payments-prod'));

    // Typed text waits for a pause, then narrows the list further.
    await page.getByLabel('Search clusters').fill('marketing');
    await pager('1-1 of 1').waitFor();
    assert.deepEqual((await readRows(table)).map(clusterName), [
      'marketing-prod',
    ]);

    await selectVerdict(card, 'Compliant');
    await page.getByText('No cluster matches these filters.').waitFor();

    assertNoPageErrors(errors);
  },
);
