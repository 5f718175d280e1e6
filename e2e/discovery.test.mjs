// Discovery and drift alerts in the example app: the two clusters of the demo
// snapshot that no entity claims, seen by the guest (a member of the platform
// team, which the example permission policy lets see them), and the notification
// the platform team gets about clusters that could not be verified.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoPageErrors,
  backendJson,
  openApp,
  poll,
  saveScreenshot,
} from './browser.mjs';
import { waitForExampleData } from './wait.mjs';
import { readRows } from './tables.mjs';

const TIMEOUT_MS = 300_000;
const UNCLAIMED = ['analytics-sandbox', 'legacy-etl'];
let app;
let discovery;
let kpis;

before(
  async () => {
    await waitForExampleData();
    discovery = await backendJson('/api/eks-encryption/v1/discovery');
    kpis = await backendJson('/api/eks-encryption/v1/kpis?days=1');
    app = await openApp('/eks-encryption');
  },
  { timeout: TIMEOUT_MS },
);

after(async () => {
  await app?.context.close();
});

test(
  'the API lists every demo cluster, two of them unclaimed, and counts those apart',
  { timeout: TIMEOUT_MS },
  async () => {
    assert.equal(discovery.enabled, true);
    assert.ok(discovery.listings.every(l => l.complete));
    const unclaimed = discovery.clusters.filter(c => !c.claimed);
    assert.deepEqual(unclaimed.map(c => c.name).sort(), UNCLAIMED);
    const byName = Object.fromEntries(unclaimed.map(c => [c.name, c]));
    assert.equal(byName['analytics-sandbox'].verdict, 'compliant');
    assert.equal(byName['analytics-sandbox'].ownerRef, 'group:default/data');
    assert.equal(byName['legacy-etl'].verdict, 'non-compliant');
    assert.equal(byName['legacy-etl'].ownerRef, undefined);
    // The annotated demo clusters are claimed, and no cluster is listed twice.
    const arns = discovery.clusters.map(c => c.arn);
    assert.equal(new Set(arns).size, arns.length);
    assert.ok(discovery.clusters.some(c => c.claimed));
    assert.deepEqual(kpis.unclaimed, {
      productionClusters: 2,
      compliantProductionClusters: 1,
    });
  },
);

test(
  'the org page shows the unclaimed clusters with their verdicts in words',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const card = page.locator('.bui-Card').filter({
      has: page.getByRole('heading', { name: 'Unclaimed clusters' }),
    });
    await card.waitFor({ timeout: 120_000 });
    await card
      .getByText('2 unclaimed production clusters, 1 compliant')
      .waitFor();
    await card.getByRole('grid').getByText('legacy-etl').waitFor();
    const rows = await readRows(card.getByRole('grid'));
    const byName = Object.fromEntries(
      rows.map(row => [row.cluster.split('\n')[0].trim(), row]),
    );
    assert.deepEqual(Object.keys(byName).sort(), UNCLAIMED);
    assert.match(byName['legacy-etl'].verdict, /Non-compliant/);
    assert.match(byName['analytics-sandbox'].verdict, /Compliant/);
    assert.match(byName['legacy-etl'].owner, /group:default\/etl/);
    await page
      .getByText('Unclaimed production clusters: 2 (1 compliant)')
      .waitFor();
    await saveScreenshot(card, 'unclaimed.png');
    assertNoPageErrors(errors);
  },
);

test(
  'the platform team is notified of clusters that could not be verified',
  { timeout: TIMEOUT_MS },
  async () => {
    // Sent after the first run's change log is drained.
    const notification = await poll(
      'an eks-encryption notification for the guest',
      120,
      async () => {
        const { notifications } = await backendJson(
          '/api/notifications/notifications',
        );
        return notifications.find(n => n.origin === 'plugin:eks-encryption');
      },
    );
    assert.match(notification.payload.title, /could not verify/);
    assert.match(
      notification.payload.scope,
      /^eks-encryption:group:default\/platform:/,
    );

    const { page, errors } = app;
    await page.goto(`${new URL(page.url()).origin}/notifications`);
    await page.getByText(notification.payload.title).first().waitFor();
    await saveScreenshot(page, 'notifications.png');
    assertNoPageErrors(errors);
  },
);
