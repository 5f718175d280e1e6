// The backend of the running example app: our plugin's API, the catalog it reads,
// and the Tech Insights checks fed by our fact retriever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND_URL, backendJson, fetchThroughRestarts } from './browser.mjs';
import { exampleEntities } from './exampleCatalog.mjs';
import {
  evaluatedExampleRefs,
  waitForCatalog,
  waitForEvaluation,
  waitForTechInsights,
} from './wait.mjs';

const PAYMENTS_API = 'component:default/payments-api';
const MARKETING_SITE = 'component:default/marketing-site';
const evaluated = exampleEntities().filter(e =>
  ['Component', 'Resource'].includes(e.kind),
);

test('GET /api/eks-encryption/health answers 200 without credentials', async () => {
  const res = await fetchThroughRestarts(
    `${BACKEND_URL}/api/eks-encryption/health`,
  );
  assert.equal(res.status, 200);
});

test('the eks-encryption API refuses callers without credentials', async () => {
  const res = await fetchThroughRestarts(
    `${BACKEND_URL}/api/eks-encryption/v1/entities`,
  );
  assert.equal(res.status, 401);
});

test('the catalog lists every example component', async () => {
  // The backend is ready before the catalog has ingested examples/*.yaml.
  await waitForCatalog();
  const body = await backendJson(
    '/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name&limit=500',
  );
  const names = body.items.map(item => item.metadata.name).sort();
  const expected = evaluated
    .filter(e => e.kind === 'Component')
    .map(e => e.name)
    .sort();
  assert.ok(expected.includes('payments-api'));
  assert.ok(expected.includes('marketing-site'));
  assert.deepEqual(names, expected);
});

test('the scheduled evaluation stores the verdicts of the example catalog', async () => {
  const items = await waitForEvaluation();
  assert.equal(items.length, evaluatedExampleRefs().length);
  const verdicts = new Map(items.map(item => [item.entityRef, item.verdict]));
  assert.equal(verdicts.get(PAYMENTS_API), 'compliant');
  assert.equal(verdicts.get(MARKETING_SITE), 'non-compliant');
  assert.equal(verdicts.get('component:default/ml-training'), 'incomplete');
  // Its only token is malformed: nothing could be checked.
  assert.equal(verdicts.get('component:default/typo-service'), 'incomplete');
});

test('Tech Insights runs the eks-* checks on the facts of our retriever', async () => {
  // The retriever publishes facts of evaluated entities only.
  await waitForEvaluation([PAYMENTS_API, MARKETING_SITE]);
  const results = await waitForTechInsights([PAYMENTS_API, MARKETING_SITE]);
  const payments = results.get(PAYMENTS_API);
  const marketing = results.get(MARKETING_SITE);

  assert.equal(payments.get('eks-compliant'), true);
  assert.equal(marketing.get('eks-compliant'), false);
  // marketing-site fails only on its key policy.
  assert.equal(payments.get('eks-key-policy'), true);
  assert.equal(marketing.get('eks-key-policy'), false);
  assert.equal(marketing.get('eks-envelope-encryption'), true);
  assert.equal(marketing.get('eks-customer-managed-key'), true);
});
