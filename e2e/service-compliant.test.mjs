// The scorecard card of a compliant service: payments-api on payments-prod.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DATA_TIMEOUT_MS,
  assertNoPageErrors,
  backendJson,
  cardAround,
  openApp,
} from './browser.mjs';
import { waitForExampleData } from './wait.mjs';

const TIMEOUT_MS = 300_000;
let app;
let scorecard;

before(
  async () => {
    // The catalog ingested and evaluated in full, not a first run over part of it.
    await waitForExampleData();
    scorecard = await backendJson(
      '/api/eks-encryption/v1/entities/default/component/payments-api',
    );
    app = await openApp('/catalog/default/component/payments-api');
  },
  { timeout: TIMEOUT_MS },
);

after(async () => {
  await app?.context.close();
});

test(
  'shows the verdict, the grade and the cluster of payments-api',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const cluster = page.getByRole('region', { name: 'Cluster payments-prod' });
    await cluster.waitFor({ timeout: 120_000 });
    const card = cardAround(cluster);

    assert.equal(scorecard.verdict, 'compliant');
    assert.equal(scorecard.grade, 'A');
    await card
      .getByRole('paragraph')
      .filter({ hasText: /^Compliant$/ })
      .waitFor();
    await card.getByText(`Grade A · ${scorecard.score}/100`).first().waitFor();
    assert.match(await card.innerText(), /Last evaluated .+ ago|just now/);

    const facts = await cluster.evaluate(section => {
      const terms = [...section.querySelectorAll('dt')];
      return Object.fromEntries(
        terms.map(dt => [dt.textContent, dt.nextElementSibling?.textContent]),
      );
    });
    assert.equal(facts.Account, '111122223333');
    assert.equal(facts.Region, 'eu-west-1');
    assert.equal(facts.Environment, 'production');
    // The key is configured through an alias: both are shown.
    assert.match(facts['KMS key'], /^arn:aws:kms:eu-west-1:111122223333:key\//);
    assert.match(
      facts['KMS key'],
      /configured as arn:aws:kms:eu-west-1:111122223333:alias\/eks\/payments-prod/,
    );
    await cluster
      .getByText('arn:aws:eks:eu-west-1:111122223333:cluster/payments-prod')
      .waitFor();

    assertNoPageErrors(errors);
  },
);

test(
  'lists every check with its status and title',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const cluster = page.getByRole('region', { name: 'Cluster payments-prod' });
    const expected = [
      ['Pass', 'Secrets envelope encryption', 'Critical'],
      ['Pass', 'Customer-managed key', 'High'],
      ['Pass', 'Key usable', 'Critical'],
      ['Pass', 'Key rotation', 'Medium'],
      ['Pass', 'Key not shared', 'Medium'],
      ['Pass', 'Key policy scoped', 'High'],
      ['Not applicable', 'Approved key', 'High'],
      ['Pass', 'Existing Secrets encrypted', 'Medium'],
      ['Pass', 'Ownership tags', 'Low'],
      // The example custom check of packages/backend: no demo cluster has the tag.
      ['Fail', 'Data classification tag', 'Medium'],
    ];
    const checks = cluster.getByRole('button', { name: /Severity:/ });
    await checks.first().waitFor();
    const names = await checks.evaluateAll(buttons =>
      buttons.map(b => b.textContent),
    );
    assert.equal(names.length, expected.length);
    expected.forEach(([status, title, severity], index) => {
      assert.ok(
        names[index].startsWith(`${status}${title}Severity: ${severity}`),
        `check ${index + 1} reads "${names[index]}"`,
      );
    });

    assertNoPageErrors(errors);
  },
);

test(
  'expanding a check shows its details',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const cluster = page.getByRole('region', { name: 'Cluster payments-prod' });
    const rotation = cluster.getByRole('button', {
      name: /^Pass Key rotation/,
    });
    const check = scorecard.clusters[0].checks.find(
      c => c.id === 'key-rotation',
    );

    assert.equal(await rotation.getAttribute('aria-expanded'), 'false');
    await rotation.click();
    // The accordion opens on React's next render, not within the click.
    await cluster
      .getByRole('button', { name: /^Pass Key rotation/, expanded: true })
      .waitFor();
    // The accordion's panel is a group named by its trigger.
    const details = cluster.getByRole('group', { name: /^Pass Key rotation/ });
    await details
      .getByText(check.details)
      .waitFor({ timeout: DATA_TIMEOUT_MS });
    assert.match(check.details, /Automatic rotation is on/);
    // A passing check has nothing to fix.
    assert.equal(await details.getByText('How to fix').count(), 0);
    assertNoPageErrors(errors);
  },
);
