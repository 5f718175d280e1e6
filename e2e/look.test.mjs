// How the three views look at 1,280 px, in the light and the dark theme: no table scrolls
// sideways inside its card, axe's colour-contrast rule passes over our content, and every
// status shown has a text label (the colour only repeats it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  APP_URL,
  assertNoPageErrors,
  launchBrowser,
  saveScreenshot,
  signIn,
} from './browser.mjs';
import { waitForExampleData } from './wait.mjs';

const TIMEOUT_MS = 300_000;
const VIEWPORT = { width: 1280, height: 900 };
const AXE_SCRIPT = createRequire(import.meta.url).resolve(
  'axe-core/axe.min.js',
);

/** Each view: where it is, what shows it has loaded, and our part of the page. */
const VIEWS = [
  {
    name: 'service',
    // A failing service, with its first failing check open: remediation included.
    path: '/catalog/default/component/marketing-site',
    ready: page => page.locator('.eks-encryption-card [data-status]'),
    prepare: async page => {
      await page
        .locator('.eks-encryption-card [data-status="fail"]')
        .first()
        .click();
      await page
        .getByRole('button', { name: /^Copy / })
        .first()
        .waitFor();
    },
    ours: page => page.locator('.eks-encryption-card'),
  },
  {
    name: 'team',
    path: '/catalog/default/group/platform',
    // With child groups: the widest owned-entities table.
    prepare: async page => {
      await page.getByText('Include child groups', { exact: true }).click();
      await page.getByText('Owner:').first().waitFor();
    },
    ready: page => page.locator('.eks-encryption-card [data-status]'),
    ours: page => page.locator('.eks-encryption-card'),
  },
  {
    name: 'org',
    path: '/eks-encryption',
    ready: page =>
      page.locator('.eks-encryption-page [role=grid] [data-status]'),
    ours: page => page.locator('.eks-encryption-page'),
  },
];

let context;
let page;
let errors;

before(
  async () => {
    await waitForExampleData();
    context = await launchBrowser();
    ({ page, errors } = await signIn(context));
    await page.setViewportSize(VIEWPORT);
  },
  { timeout: TIMEOUT_MS },
);

after(async () => {
  await context?.close();
});

/** Opens `view` in `theme` (the app keeps the theme in local storage). */
async function open(view, theme) {
  await page.evaluate(id => window.localStorage.setItem('theme', id), theme);
  await page.goto(`${APP_URL}${view.path}`);
  await view.ready(page).first().waitFor({ timeout: 120_000 });
  await view.prepare?.(page);
  // Data that arrives after the first rows (Tech Insights, trend) settles.
  await page.waitForLoadState('networkidle');
  assert.equal(
    await page.evaluate(() => document.body.dataset.themeMode),
    theme,
    `the app shows the ${theme} theme`,
  );
}

/** Elements of our part of the page whose content is wider than their box. */
async function sidewaysScrolls(view) {
  return view.ours(page).evaluateAll(roots =>
    roots.flatMap(root =>
      [root, ...root.querySelectorAll('*')]
        .filter(el => {
          const { overflowX } = getComputedStyle(el);
          const scrolls = overflowX === 'auto' || overflowX === 'scroll';
          const isTable = el.matches('table, [role=grid]');
          return (scrolls || isTable) && el.scrollWidth > el.clientWidth + 1;
        })
        .map(
          el =>
            `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${
              el.clientWidth
            }): ${el.innerText.slice(0, 60)}`,
        ),
    ),
  );
}

/** axe's colour-contrast violations inside our part of the page. */
async function contrastViolations(view) {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const roots = await view.ours(page).elementHandles();
  assert.ok(roots.length > 0, `${view.name}: our content is on the page`);
  return page.evaluate(async elements => {
    const result = await window.axe.run(
      { include: elements },
      { runOnly: { type: 'rule', values: ['color-contrast'] } },
    );
    return result.violations.flatMap(violation =>
      violation.nodes.map(node => `${node.target}: ${node.failureSummary}`),
    );
  }, roots);
}

/** Statuses without a text label, and status icons screen readers would read. */
async function unlabelledStatuses(view) {
  return view.ours(page).evaluateAll(roots =>
    roots.flatMap(root =>
      [...root.querySelectorAll('[data-status]')].flatMap(status => {
        const problems = [];
        if (!status.innerText.trim()) {
          problems.push(`${status.dataset.status}: no text label`);
        }
        for (const icon of status.querySelectorAll('svg')) {
          if (!icon.closest('[aria-hidden="true"]')) {
            problems.push(`${status.dataset.status}: icon not hidden`);
          }
        }
        return problems;
      }),
    ),
  );
}

for (const theme of ['light', 'dark']) {
  describe(`${theme} theme at ${VIEWPORT.width} px`, () => {
    for (const view of VIEWS) {
      test(
        `the ${view.name} view fits, reads and labels every status`,
        { timeout: TIMEOUT_MS },
        async () => {
          await open(view, theme);
          const statuses = await view
            .ours(page)
            .locator('[data-status]')
            .count();
          assert.ok(statuses > 0, `${view.name}: statuses are shown`);
          assert.deepEqual(await sidewaysScrolls(view), []);
          assert.deepEqual(await unlabelledStatuses(view), []);
          assert.deepEqual(await contrastViolations(view), []);
          await saveScreenshot(page, `${view.name}-${theme}.png`);
          assertNoPageErrors(errors);
        },
      );
    }
  });
}
