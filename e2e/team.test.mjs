// The ownership card of a team: the payments group, then platform with its child groups.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP_URL,
  assertNoPageErrors,
  backendJson,
  cardAround,
  openApp,
} from './browser.mjs';
import { waitForExampleData, waitForTechInsights } from './wait.mjs';
import { VERDICT_LABELS } from './labels.mjs';
import { lines, readRows, tableWithHeader } from './tables.mjs';

const TIMEOUT_MS = 300_000;
const WORST_FIRST = Object.values(VERDICT_LABELS);

let app;
let payments;
let techInsights;

before(
  async () => {
    // The catalog ingested and evaluated in full, not a first run over part of it.
    await waitForExampleData();
    payments = await backendJson(
      '/api/eks-encryption/v1/owners/default/group/payments',
    );
    // The rollup shows what Tech Insights knows: wait for the retriever's facts first.
    techInsights = await waitForTechInsights(
      payments.items.map(item => item.entityRef),
    );
    app = await openApp('/catalog/default/group/payments');
  },
  { timeout: TIMEOUT_MS },
);

after(async () => {
  await app?.context.close();
});

function ownershipCard(page) {
  return cardAround(page.getByRole('switch', { name: 'Include child groups' }));
}

// The Entity cell: the name, then "Owner: …" with child groups, then the cluster count.
const entityOf = row => lines(row.entity)[0];
const ownerOf = row =>
  lines(row.entity)
    .find(line => line.startsWith('Owner: '))
    ?.slice('Owner: '.length);
// The Verdict cell: the verdict, then the grade.
const verdictOf = row => lines(row.verdict)[0];
const gradeOf = row => lines(row.verdict)[1];

function findingsText(counts) {
  const parts = ['critical', 'high', 'medium', 'low']
    .filter(severity => counts[severity] > 0)
    .map(s => `${s[0].toUpperCase()}${s.slice(1)} ${counts[s]}`);
  return parts.length === 0 ? 'None' : parts.join(' · ');
}

const compact = text => text.replace(/\s+/g, ' ').trim();

test(
  'lists the team’s entities worst first with verdicts, findings and MTTR',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const card = ownershipCard(page);
    const table = tableWithHeader(card, 'Entity');
    await table.waitFor({ timeout: 120_000 });

    const summary = await card
      .locator('dl')
      .first()
      .evaluate(dl =>
        Object.fromEntries(
          [...dl.querySelectorAll('dt')].map(dt => [
            dt.textContent,
            dt.nextElementSibling.textContent,
          ]),
        ),
      );
    assert.equal(
      summary['Compliant entities'],
      `${payments.compliantEntities} of ${payments.entities}`,
    );
    assert.equal(
      summary['Compliant clusters'],
      `${payments.compliantClusters} of ${payments.clusters}`,
    );
    assert.equal(
      compact(summary['Open findings']),
      findingsText(payments.openFindings),
    );
    if (payments.mttrHours === null) {
      assert.equal(summary['Mean time to resolve'], 'No data');
    } else {
      assert.match(summary['Mean time to resolve'], /\d.* (hour|day)s?$/);
    }

    const rows = await readRows(table);
    assert.equal(rows.length, payments.items.length);
    const expected = new Map(
      payments.items.map(item => [item.entityRef.split('/')[1], item]),
    );
    for (const row of rows) {
      const entity = entityOf(row);
      const item = expected.get(entity);
      assert.ok(item, `unexpected row ${entity}`);
      assert.equal(verdictOf(row), VERDICT_LABELS[item.verdict], entity);
      assert.equal(
        gradeOf(row),
        `Grade ${item.grade} · ${item.score}/100`,
        entity,
      );
      assert.equal(
        compact(row['open findings']),
        findingsText(item.openFindings),
      );
    }
    // The demo: orders-service (disabled key) is non-compliant, payments-api compliant.
    assert.equal(verdictOf(rows[0]), 'Non-compliant');
    assert.ok(
      rows.slice(0, 2).some(row => entityOf(row) === 'orders-service'),
      'orders-service is among the worst',
    );
    assert.equal(
      verdictOf(rows.find(row => entityOf(row) === 'payments-api')),
      'Compliant',
    );
    const ranks = rows.map(row => WORST_FIRST.indexOf(verdictOf(row)));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
      'worst verdicts first',
    );

    assertNoPageErrors(errors);
  },
);

test(
  'rolls up the eks-* Tech Insights checks over the team’s entities',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const card = cardAround(
      page.getByRole('heading', { name: 'Tech Insights checks', exact: true }),
    );
    const rollup = tableWithHeader(card, 'Check');
    await rollup.waitFor({ timeout: 120_000 });
    const rows = await readRows(rollup);

    const checkIds = [...techInsights.values().next().value.keys()];
    assert.ok(checkIds.includes('eks-compliant'));
    for (const id of checkIds) {
      // The Check cell: the check's name, then its id.
      const row = rows.find(r => lines(r.check)[1] === id);
      assert.ok(row, `a row for ${id}`);
      const results = [...techInsights.values()].map(r => r.get(id));
      const passed = results.filter(r => r === true).length;
      const failed = results.filter(r => r === false).length;
      assert.equal(row.passed, String(passed), `${id} passed`);
      assert.equal(row.failed, String(failed), `${id} failed`);
    }

    const compliant = rollup.getByTestId('check-eks-compliant');
    const failing = await compliant.getByRole('link').allInnerTexts();
    assert.ok(failing.includes('orders-service'), failing.join(', '));
    assert.ok(!failing.includes('payments-api'), failing.join(', '));
    assertNoPageErrors(errors);
  },
);

test(
  'a parent group includes its child groups’ entities on demand',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const platformPath = '/api/eks-encryption/v1/owners/default/group/platform';
    const own = await backendJson(platformPath);
    const withChildren = await backendJson(
      `${platformPath}?includeChildren=true`,
    );
    await page.goto(`${APP_URL}/catalog/default/group/platform`);
    const card = ownershipCard(page);
    const table = tableWithHeader(card, 'Entity');
    await table.waitFor({ timeout: 120_000 });
    const ownRows = await readRows(table);
    // Without child groups no row names its owner.
    assert.deepEqual(ownRows.map(ownerOf).filter(Boolean), []);
    assert.deepEqual(
      ownRows.map(entityOf).sort(),
      own.items.map(item => item.entityRef.split('/')[1]).sort(),
    );

    // A click on the switch's input is intercepted: click its label.
    await card.getByText('Include child groups', { exact: true }).click();
    await card
      .getByRole('switch', { name: 'Include child groups', checked: true })
      .waitFor();
    await card.getByText('Owner:').first().waitFor();
    // Owners show at once, over the previous rows, while the children's
    // entities load: wait for their count. Exact: a hidden live region says
    // "Table page loaded. 1-10 of n" too.
    const total = withChildren.items.length;
    await card.getByText(`1-10 of ${total}`, { exact: true }).waitFor();
    const rows = await readRows(table);
    assert.ok(
      rows.every(row => ownerOf(row)),
      'every row names its owner',
    );
    const owners = new Set(rows.map(row => ownerOf(row).toLowerCase()));
    assert.ok(owners.has('payments'), [...owners].join(', '));
    assert.ok(owners.has('web'), [...owners].join(', '));
    assert.equal(verdictOf(rows[0]), 'Non-compliant');
    // More than a page: the table pages and counts them all.
    assert.ok(total > 10, `platform and its children own ${total} entities`);
    assert.equal(rows.length, 10);

    assertNoPageErrors(errors);
  },
);
