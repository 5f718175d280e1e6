// Waiting for the example app's data before asserting on it. The backend answers its
// readiness probe before the catalog has ingested examples/*.yaml, before the first
// scheduled evaluation (15 s after start, then every minute; the first run may see a
// partial catalog) and before Tech Insights has retrieved our facts. Every test waits
// here for what it reads, with a bound and a message naming what did not happen.
import { backendJson, poll } from './browser.mjs';
import { exampleEntities } from './exampleCatalog.mjs';

/** `kind:namespace/name` of an entity, with the kind in lower case as the backend writes it. */
export const entityRef = ({ kind, namespace = 'default', name }) =>
  `${kind.toLowerCase()}:${namespace}/${name}`;

/** The example entities the plugin evaluates: every Component and Resource. */
export const evaluatedExampleRefs = () =>
  exampleEntities()
    .filter(e => ['Component', 'Resource'].includes(e.kind))
    .map(entityRef);

const missingText = missing =>
  `${missing.length} missing: ${missing.slice(0, 5).join(', ')}${
    missing.length > 5 ? ', …' : ''
  }`;

/**
 * Waits until the catalog holds every entity of examples/entities.yaml and
 * examples/org.yaml (ingestion runs in the background after the backend is up),
 * and returns the catalog's refs.
 */
export async function waitForCatalog(
  entities = exampleEntities({ includeOrg: true }),
  seconds = 180,
) {
  const wanted = entities.map(entityRef);
  return poll(
    `catalog ingestion of the ${wanted.length} example entities`,
    seconds,
    async note => {
      const refs = new Set();
      let cursor;
      do {
        const query = new URLSearchParams({
          fields: 'kind,metadata.name,metadata.namespace',
          limit: '500',
        });
        if (cursor) query.set('cursor', cursor);
        const page = await backendJson(
          `/api/catalog/entities/by-query?${query}`,
        );
        for (const item of page.items) {
          refs.add(entityRef({ kind: item.kind, ...item.metadata }));
        }
        cursor = page.pageInfo?.nextCursor;
      } while (cursor);
      const missing = wanted.filter(ref => !refs.has(ref));
      note(missingText(missing));
      return missing.length === 0 ? refs : undefined;
    },
  );
}

/**
 * Waits until a finished evaluation run has stored a scorecard for every one of
 * `entityRefs` (default: every example Component and Resource), and returns all
 * scorecards. A run writes its results in one transaction, so once a scorecard
 * is there, the run's findings, owners and daily snapshot are there too.
 */
export async function waitForEvaluation(
  entityRefs = evaluatedExampleRefs(),
  seconds = 180,
) {
  return poll(
    `scorecards of ${entityRefs.length} entities (the evaluation runs 15 s after the backend starts, then every minute)`,
    seconds,
    async note => {
      const items = [];
      let cursor;
      do {
        const query = new URLSearchParams({ limit: '100' });
        if (cursor) query.set('cursor', cursor);
        const page = await backendJson(
          `/api/eks-encryption/v1/entities?${query}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const stored = new Set(items.map(item => item.entityRef));
      const missing = entityRefs.filter(ref => !stored.has(ref));
      note(`${items.length} stored, ${missingText(missing)}`);
      return missing.length === 0 ? items : undefined;
    },
  );
}

/** Waits for the example catalog to be ingested and fully evaluated. */
export async function waitForExampleData() {
  await waitForCatalog();
  return waitForEvaluation();
}

/** Ids of the `eks-*` Tech Insights checks configured in the backend. */
export async function eksCheckIds() {
  const checks = await backendJson('/api/tech-insights/checks');
  return checks.map(check => check.id).filter(id => id.startsWith('eks-'));
}

/** `POST /api/tech-insights/checks/run` for the given entities and checks. */
export async function runTechInsightsChecks(entities, checks) {
  return backendJson('/api/tech-insights/checks/run', {
    method: 'POST',
    body: JSON.stringify({ entities, checks }),
  });
}

/**
 * Waits until the Tech Insights fact retriever (every minute in the example
 * app) has published facts for every given entity, then returns the results
 * of the `eks-*` checks, keyed by entity ref, then by check id. Call it after
 * waitForEvaluation: the retriever publishes facts of evaluated entities only.
 */
export async function waitForTechInsights(entityRefs, seconds = 150) {
  const checks = await poll('eks-* Tech Insights checks', 30, async () => {
    const ids = await eksCheckIds();
    return ids.length > 0 ? ids : undefined;
  });
  return poll(
    `Tech Insights facts for ${entityRefs.join(
      ', ',
    )} (the retriever runs every minute)`,
    seconds,
    async note => {
      const answers = await runTechInsightsChecks(entityRefs, checks);
      const byEntity = new Map();
      for (const answer of answers) {
        const results = new Map(
          (answer.results ?? []).map(r => [r.check.id, r.result]),
        );
        if (answer.error || checks.some(id => !results.has(id))) {
          note(
            `no results yet for ${answer.entity}${
              answer.error ? ` (${answer.error})` : ''
            }`,
          );
          return undefined;
        }
        byEntity.set(answer.entity, results);
      }
      const missing = entityRefs.filter(ref => !byEntity.has(ref));
      note(missingText(missing));
      return missing.length === 0 ? byEntity : undefined;
    },
  );
}
