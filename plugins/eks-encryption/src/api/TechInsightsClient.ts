import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { NotFoundError, ResponseError } from '@backstage/errors';

/** Entities per `POST /checks/run` request. */
const TECH_INSIGHTS_BATCH_SIZE = 50;

/** A check as `GET /api/tech-insights/checks` lists it. */
export interface TechInsightsCheck {
  id: string;
  name: string;
  description: string;
}

/** One check result of one entity. */
interface TechInsightsCheckResult {
  check: TechInsightsCheck;
  /** Boolean for json-rules-engine checks. */
  result: unknown;
}

/**
 * The results of one entity. Tech Insights leaves out a check whose facts
 * the entity does not have, and answers `error` when the checks could not run.
 */
export interface TechInsightsEntityResults {
  /** Normalized entity ref (`kind:namespace/name`, lower case). */
  entity: string;
  results: TechInsightsCheckResult[];
  error?: { name?: string; message?: string };
}

/**
 * An answer of the Tech Insights backend, or `not-installed` when the backend
 * or its json-rules-engine fact checker is not installed (its routes answer 404).
 */
export type TechInsightsAnswer<T> =
  | { status: 'ok'; value: T }
  | { status: 'not-installed' };

const TECH_INSIGHTS_PLUGIN_ID = 'tech-insights';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCheck(value: unknown): value is TechInsightsCheck {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string'
  );
}

function isCheckResult(value: unknown): value is TechInsightsCheckResult {
  return isObject(value) && isCheck(value.check) && 'result' in value;
}

function isEntityResults(value: unknown): value is TechInsightsEntityResults {
  return (
    isObject(value) &&
    typeof value.entity === 'string' &&
    Array.isArray(value.results) &&
    value.results.every(isCheckResult)
  );
}

function normalizeRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref));
}

/**
 * A small client of the Tech Insights backend REST API: lists checks and runs
 * them for many entities in batches.
 */
export class TechInsightsClient {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly batchSize: number;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    batchSize?: number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.batchSize = options.batchSize ?? TECH_INSIGHTS_BATCH_SIZE;
  }

  /** The checks the Tech Insights fact checker knows. */
  async getChecks(): Promise<TechInsightsAnswer<TechInsightsCheck[]>> {
    const response = await this.request('/checks');
    if (response === 'not-installed') return { status: response };
    const body: unknown = await response.json();
    if (!Array.isArray(body) || !body.every(isCheck)) {
      throw new Error('Tech Insights answered /checks with an unexpected body');
    }
    return { status: 'ok', value: body };
  }

  /**
   * Runs checks for the given entities. An empty entity list makes no request:
   * Tech Insights would run the checks of every entity it has facts for.
   */
  async runChecks(
    entityRefs: string[],
    checkIds?: string[],
  ): Promise<TechInsightsAnswer<TechInsightsEntityResults[]>> {
    const entities = [...new Set(entityRefs.map(normalizeRef))];
    if (entities.length === 0 || checkIds?.length === 0) {
      return { status: 'ok', value: [] };
    }
    const batches: string[][] = [];
    for (let i = 0; i < entities.length; i += this.batchSize) {
      batches.push(entities.slice(i, i + this.batchSize));
    }
    const answers = await Promise.all(
      batches.map(batch => this.runBatch(batch, checkIds)),
    );
    const value: TechInsightsEntityResults[] = [];
    for (const answer of answers) {
      if (answer.status === 'not-installed') return answer;
      value.push(...answer.value);
    }
    return { status: 'ok', value };
  }

  private async runBatch(
    entities: string[],
    checkIds: string[] | undefined,
  ): Promise<TechInsightsAnswer<TechInsightsEntityResults[]>> {
    const response = await this.request('/checks/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        entities,
        ...(checkIds ? { checks: checkIds } : {}),
      }),
    });
    if (response === 'not-installed') return { status: response };
    const body: unknown = await response.json();
    if (!Array.isArray(body) || !body.every(isEntityResults)) {
      throw new Error(
        'Tech Insights answered /checks/run with an unexpected body',
      );
    }
    return { status: 'ok', value: body };
  }

  private async request(
    path: string,
    init?: RequestInit,
  ): Promise<Response | 'not-installed'> {
    let baseUrl: string;
    try {
      baseUrl = await this.discoveryApi.getBaseUrl(TECH_INSIGHTS_PLUGIN_ID);
    } catch (error) {
      if (NotFoundError.is(error)) return 'not-installed';
      throw error;
    }
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (response.status === 404) return 'not-installed';
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}
