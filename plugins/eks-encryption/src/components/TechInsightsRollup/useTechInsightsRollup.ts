import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { TechInsightsClient } from '../../api/TechInsightsClient';
import {
  EKS_CHECK_PREFIX,
  rollUpChecks,
  type CheckRollup,
} from './rollUpChecks';

export type TechInsightsRollupState =
  | { status: 'not-installed' }
  /** Tech Insights runs, but none of its checks is an `eks-*` check. */
  | { status: 'no-checks' }
  | { status: 'ok'; rows: CheckRollup[] };

/**
 * Runs the `eks-*` Tech Insights checks for the given entities and rolls the
 * results up per check. No entities: no request.
 */
export function useTechInsightsRollup(entityRefs: string[]) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const client = useMemo(
    () => new TechInsightsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  // A new array with the same refs must not run the checks again.
  const refsKey = JSON.stringify(entityRefs);

  return useAsyncRetry(async (): Promise<TechInsightsRollupState> => {
    const refs: string[] = JSON.parse(refsKey);
    if (refs.length === 0) return { status: 'ok', rows: [] };

    const checks = await client.getChecks();
    if (checks.status === 'not-installed') return checks;
    const eksChecks = checks.value.filter(c =>
      c.id.startsWith(EKS_CHECK_PREFIX),
    );
    if (eksChecks.length === 0) return { status: 'no-checks' };

    const results = await client.runChecks(
      refs,
      eksChecks.map(c => c.id),
    );
    if (results.status === 'not-installed') return results;
    return { status: 'ok', rows: rollUpChecks(eksChecks, refs, results.value) };
  }, [client, refsKey]);
}
