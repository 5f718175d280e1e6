import { useApi } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  eksEncryptionApiRef,
  type CheckDefinition,
  type EksEncryptionApi,
  type Severity,
} from '../../api';

/** What the card shows of the registered checks, by id. */
export interface CheckDefinitions {
  /** The check's title; its id while the checks load or when it is unknown. */
  title(id: string): string;
  /** The check's severity; `fallback` (the result's own) when it is unknown. */
  severity(id: string, fallback: Severity): Severity;
  /** Sorts results as `GET /v1/checks` lists the checks; unknown ones last, in their order. */
  sort<T extends { id: string }>(results: readonly T[]): T[];
}

/**
 * The checks of each API instance, asked once per page: every card and
 * section shares the answer. A failed answer is forgotten, so that the next
 * card asks again.
 */
const checksByApi = new WeakMap<EksEncryptionApi, Promise<CheckDefinition[]>>();

function loadChecks(api: EksEncryptionApi): Promise<CheckDefinition[]> {
  let checks = checksByApi.get(api);
  if (!checks) {
    checks = Promise.resolve(api.listChecks());
    checksByApi.set(api, checks);
    checks.catch(() => checksByApi.delete(api));
  }
  return checks;
}

export function toCheckDefinitions(
  checks: readonly CheckDefinition[],
): CheckDefinitions {
  const byId = new Map(
    checks.map((check, index) => [check.id, { check, index }]),
  );
  const position = (id: string) => byId.get(id)?.index ?? checks.length;
  return {
    title: id => byId.get(id)?.check.title ?? id,
    severity: (id, fallback) => byId.get(id)?.check.severity ?? fallback,
    // Array sort is stable: unknown checks keep the order of the scorecard.
    sort: results =>
      [...results].sort((a, b) => position(a.id) - position(b.id)),
  };
}

/**
 * Titles, severities and order of the checks, from `GET /v1/checks`: the
 * built-in checks and those added by backend modules. Until the checks load,
 * or when they cannot be read, a check shows its id and the scorecard's order.
 */
export function useCheckDefinitions(): CheckDefinitions {
  const api = useApi(eksEncryptionApiRef);
  const { value } = useAsync(() => loadChecks(api), [api]);
  return useMemo(() => toCheckDefinitions(value ?? []), [value]);
}
