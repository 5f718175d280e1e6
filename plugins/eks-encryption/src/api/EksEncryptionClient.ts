import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  createEksEncryptionApiClient,
  requireBody,
  type EksEncryptionApiClient,
} from 'backstage-plugin-eks-encryption-common';
import type {
  ClusterListQuery,
  EksEncryptionApi,
  EntityRefInput,
  OwnerQuery,
} from './EksEncryptionApi';
import type {
  CheckDefinition,
  ClusterListPage,
  Discovery,
  EntityScorecard,
  EntityScorecardPage,
  OrgKpis,
  OwnerDetail,
  OwnerRollup,
  RunInfo,
} from './types';

const PLUGIN_ID = 'eks-encryption';

/**
 * Talks to the eks-encryption backend over HTTP, with the typed client
 * generated from its OpenAPI spec. Every failed answer rejects with a
 * `ResponseError`.
 *
 * @public
 */
export class EksEncryptionClient implements EksEncryptionApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private cached?: { baseUrl: string; client: EksEncryptionApiClient };

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityScorecard(
    entityRef: EntityRefInput,
  ): Promise<EntityScorecard | undefined> {
    const client = await this.client();
    return undefinedWhenNotFound(async () =>
      requireBody(
        await client.request('get', '/v1/entities/{namespace}/{kind}/{name}', {
          params: { path: entityPath(entityRef) },
        }),
      ),
    );
  }

  async listEntityScorecards(
    options: { cursor?: string; limit?: number } = {},
  ): Promise<EntityScorecardPage> {
    const client = await this.client();
    return requireBody(
      await client.request('get', '/v1/entities', {
        params: {
          query: withoutEmpty({ cursor: options.cursor, limit: options.limit }),
        },
      }),
    );
  }

  async listClusters(query: ClusterListQuery = {}): Promise<ClusterListPage> {
    const client = await this.client();
    return requireBody(
      await client.request('get', '/v1/clusters', {
        params: {
          query: withoutEmpty({
            owner: query.owner,
            verdict: query.verdict,
            accountId: query.accountId,
            region: query.region,
            environment: query.environment,
            search: query.search,
            limit: query.limit,
            cursor: query.cursor,
            offset: query.offset,
          }),
        },
      }),
    );
  }

  async listOwners(): Promise<OwnerRollup[]> {
    const client = await this.client();
    return requireBody(await client.request('get', '/v1/owners')).items;
  }

  async listChecks(): Promise<CheckDefinition[]> {
    const client = await this.client();
    return requireBody(await client.request('get', '/v1/checks')).items;
  }

  async getOwner(
    ownerRef: EntityRefInput,
    options: OwnerQuery = {},
  ): Promise<OwnerDetail | undefined> {
    const client = await this.client();
    const { includeChildren, ...rows } = options;
    return undefinedWhenNotFound(async () =>
      requireBody(
        await client.request('get', '/v1/owners/{namespace}/{kind}/{name}', {
          params: {
            path: entityPath(ownerRef),
            query: withoutEmpty({
              includeChildren: includeChildren ? true : undefined,
              ...rows,
            }),
          },
        }),
      ),
    );
  }

  async getKpis(options: { days?: number } = {}): Promise<OrgKpis> {
    const client = await this.client();
    return requireBody(
      await client.request('get', '/v1/kpis', {
        params: { query: { days: options.days } },
      }),
    );
  }

  async getDiscovery(options: { claimed?: boolean } = {}): Promise<Discovery> {
    const client = await this.client();
    return requireBody(
      await client.request('get', '/v1/discovery', {
        params: { query: withoutEmpty({ claimed: options.claimed }) },
      }),
    );
  }

  async refresh(entityRef: EntityRefInput): Promise<RunInfo> {
    const client = await this.client();
    return requireBody(
      await client.request('post', '/v1/refresh', {
        body: { entityRef: normalizeRef(entityRef) },
      }),
    );
  }

  async getRun(runId: string): Promise<RunInfo> {
    const client = await this.client();
    return requireBody(
      await client.request('get', '/v1/runs/{id}', {
        params: { path: { id: runId } },
      }),
    );
  }

  /**
   * The typed client for the backend's current base URL; requests go through
   * `fetchApi`, which adds the user's token.
   */
  private async client(): Promise<EksEncryptionApiClient> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    if (this.cached?.baseUrl !== baseUrl) {
      this.cached = {
        baseUrl,
        client: createEksEncryptionApiClient({
          baseUrl,
          fetch: request => this.fetchApi.fetch(request),
        }),
      };
    }
    return this.cached.client;
  }
}

/** A 404 means "not evaluated or not readable": an answer, not a failure. */
async function undefinedWhenNotFound<T>(
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (ResponseError.is(error) && error.statusCode === 404) {
      return undefined;
    }
    throw error;
  }
}

/** Leaves out unset and empty values: the API refuses empty filters. */
function withoutEmpty<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  ) as T;
}

function normalizeRef(ref: EntityRefInput): string {
  return stringifyEntityRef(
    typeof ref === 'string' ? parseEntityRef(ref) : ref,
  );
}

/** The path parameters of an entity, normalized as the backend stores them. */
function entityPath(ref: EntityRefInput) {
  const { kind, namespace, name } = parseEntityRef(normalizeRef(ref));
  return { namespace, kind, name };
}
