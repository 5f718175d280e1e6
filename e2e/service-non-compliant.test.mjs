// The scorecard card of a non-compliant service: marketing-site, whose key policy
// lets any principal use the key with only kms:ViaService.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoPageErrors,
  backendJson,
  cardAround,
  openApp,
  poll,
} from './browser.mjs';
import { waitForExampleData } from './wait.mjs';

const TIMEOUT_MS = 300_000;
let app;
let keyPolicy;

before(
  async () => {
    // The catalog ingested and evaluated in full, not a first run over part of it.
    await waitForExampleData();
    const scorecard = await backendJson(
      '/api/eks-encryption/v1/entities/default/component/marketing-site',
    );
    assert.equal(scorecard.verdict, 'non-compliant');
    keyPolicy = scorecard.clusters[0].checks.find(c => c.id === 'key-policy');
    assert.equal(keyPolicy.status, 'fail');
    app = await openApp('/catalog/default/component/marketing-site');
  },
  { timeout: TIMEOUT_MS },
);

after(async () => {
  await app?.context.close();
});

function clusterSection(page) {
  return page.getByRole('region', { name: 'Cluster marketing-prod' });
}

test(
  'shows the verdict non-compliant and the failing key-policy check',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const cluster = clusterSection(page);
    await cluster.waitFor({ timeout: 120_000 });
    const card = cardAround(cluster);

    await card
      .getByRole('paragraph')
      .filter({ hasText: /^Non-compliant$/ })
      .waitFor();
    // A non-compliant cluster is graded D at best.
    await card
      .getByText(/^Grade [DF] · \d+\/100$/)
      .first()
      .waitFor();

    const check = cluster.getByRole('button', { name: /Key policy scoped/ });
    const text = await check.innerText();
    assert.match(text, /^Fail\s+Key policy scoped\s+Severity: High/);
    assert.ok(text.includes(keyPolicy.summary), text);
    assert.match(keyPolicy.summary, /to every principal \("\*"\)/);

    // Every other check passes or does not apply, but for the example custom
    // check of packages/backend, which no demo cluster passes.
    const failing = await cluster
      .getByRole('button', { name: /Severity:/ })
      .evaluateAll(buttons =>
        buttons
          .map(b => b.innerText.split('\n').map(line => line.trim()))
          .filter(lines => lines[0] === 'Fail')
          .map(lines => lines.find(line => line && line !== 'Fail')),
      );
    assert.deepEqual(failing, ['Key policy scoped', 'Data classification tag']);

    assertNoPageErrors(errors);
  },
);

test(
  'expanding key-policy shows the details and remediation snippets with copy buttons',
  { timeout: TIMEOUT_MS },
  async () => {
    const { page, errors } = app;
    const cluster = clusterSection(page);
    await cluster.getByRole('button', { name: /Key policy scoped/ }).click();
    // The accordion's panel is a group named by its trigger.
    const details = cluster.getByRole('group', { name: /Key policy scoped/ });

    await details.getByText(keyPolicy.details).waitFor();
    await details.getByRole('heading', { name: 'How to fix' }).waitFor();
    const steps = await details.getByRole('listitem').allInnerTexts();
    assert.deepEqual(steps, keyPolicy.remediation.steps);

    assert.ok(keyPolicy.remediation.snippets.length > 0);
    for (const snippet of keyPolicy.remediation.snippets) {
      const section = details.getByRole('region', {
        name: `${snippet.title} snippet`,
      });
      await section.getByText(snippet.title, { exact: true }).waitFor();
      await section
        .getByRole('button', { name: `Copy ${snippet.title} snippet` })
        .waitFor();
      const code = await section.locator('pre').innerText();
      assert.equal(code.trim(), snippet.code.trim());
    }

    const cli = keyPolicy.remediation.snippets.find(s => s.title === 'AWS CLI');
    assert.match(cli.code, /aws kms put-key-policy/);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await details.getByRole('button', { name: 'Copy AWS CLI snippet' }).click();
    const copied = await poll('the snippet in the clipboard', 30, async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText());
      return text === '' ? undefined : text;
    });
    assert.equal(copied, cli.code);
    assertNoPageErrors(errors);
  },
);
