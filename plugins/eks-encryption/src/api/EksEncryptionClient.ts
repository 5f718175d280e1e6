import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterListPage,
  EntityScorecard,
  EntityScorecardPage,
  OrgKpis,
  OwnerDetail,
  OwnerRollup,
  RunInfo,
} from 'backstage-plugin-eks-encryption-common';
import type {
  ClusterListQuery,
  EksEncryptionApi,
  EntityRefInput,
} from './EksEncryptionApi';

type QueryValue = string | number | boolean | undefined;

/**
 * Talks to the eks-encryption backend over HTTP.
 *
 * @public
 */
export class EksEncryptionClient implements EksEncryptionApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityScorecard(
    entityRef: EntityRefInput,
  ): Promise<EntityScorecard | undefined> {
    return this.getOrUndefined<EntityScorecard>(
      `/v1/entities/${entityPath(entityRef)}`,
    );
  }

  async listEntityScorecards(
    options: { cursor?: string; limit?: number } = {},
  ): Promise<EntityScorecardPage> {
    return this.get<EntityScorecardPage>(
      `/v1/entities${queryString({
        cursor: options.cursor,
        limit: options.limit,
      })}`,
    );
  }

  async listClusters(query: ClusterListQuery = {}): Promise<ClusterListPage> {
    return this.get<ClusterListPage>(
      `/v1/clusters${queryString({
        owner: query.owner,
        verdict: query.verdict,
        accountId: query.accountId,
        region: query.region,
        environment: query.environment,
        search: query.search,
        limit: query.limit,
        cursor: query.cursor,
        offset: query.offset,
      })}`,
    );
  }

  async listOwners(): Promise<OwnerRollup[]> {
    const body = await this.get<{ items: OwnerRollup[] }>('/v1/owners');
    return body.items;
  }

  async getOwner(
    ownerRef: EntityRefInput,
    options: { includeChildren?: boolean } = {},
  ): Promise<OwnerDetail | undefined> {
    return this.getOrUndefined<OwnerDetail>(
      `/v1/owners/${entityPath(ownerRef)}${queryString({
        includeChildren: options.includeChildren ? true : undefined,
      })}`,
    );
  }

  async getKpis(options: { days?: number } = {}): Promise<OrgKpis> {
    return this.get<OrgKpis>(`/v1/kpis${queryString({ days: options.days })}`);
  }

  async refresh(entityRef: EntityRefInput): Promise<RunInfo> {
    const response = await this.request('/v1/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRef: normalizeRef(entityRef) }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as RunInfo;
  }

  async getRun(runId: string): Promise<RunInfo> {
    return this.get<RunInfo>(`/v1/runs/${encodeURIComponent(runId)}`);
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.request(path);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  /** A 404 means "not evaluated or not readable": an answer, not a failure. */
  private async getOrUndefined<T>(path: string): Promise<T | undefined> {
    const response = await this.request(path);
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('eks-encryption');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }
}

function normalizeRef(ref: EntityRefInput): string {
  return stringifyEntityRef(
    typeof ref === 'string' ? parseEntityRef(ref) : ref,
  );
}

/** `namespace/kind/name`, each segment encoded, as the backend routes expect. */
function entityPath(ref: EntityRefInput): string {
  const { kind, namespace, name } = parseEntityRef(normalizeRef(ref));
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}

function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
