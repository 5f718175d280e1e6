import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  TechInsightsCheck,
  TechInsightsEntityResults,
} from '../../api/TechInsightsClient';

/** Checks of this project are the ones whose id starts with this prefix. */
export const EKS_CHECK_PREFIX = 'eks-';

/** How one check came out over a set of entities (entity refs as given). */
export interface CheckRollup {
  check: TechInsightsCheck;
  passed: string[];
  failed: string[];
  /** No facts for the entity, or the check could not run for it. */
  noData: string[];
}

/**
 * Per check: which entities passed, failed or have no result. Entities are
 * matched on their normalized ref, so `Component:default/Foo` given here
 * matches `component:default/foo` in the answer.
 */
export function rollUpChecks(
  checks: readonly TechInsightsCheck[],
  entityRefs: readonly string[],
  answers: readonly TechInsightsEntityResults[],
): CheckRollup[] {
  const byEntity = new Map(answers.map(a => [a.entity, a]));
  const entities = new Map<string, string>();
  for (const ref of entityRefs) {
    const normalized = stringifyEntityRef(parseEntityRef(ref));
    if (!entities.has(normalized)) entities.set(normalized, ref);
  }

  return checks.map(check => {
    const rollup: CheckRollup = { check, passed: [], failed: [], noData: [] };
    for (const [normalized, ref] of entities) {
      const answer = byEntity.get(normalized);
      const result = answer?.error
        ? undefined
        : answer?.results.find(r => r.check.id === check.id)?.result;
      if (result === true) rollup.passed.push(ref);
      else if (result === false) rollup.failed.push(ref);
      else rollup.noData.push(ref);
    }
    return rollup;
  });
}
