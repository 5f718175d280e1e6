import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ForwardedError, InputError } from '@backstage/errors';
import {
  createEksEncryptionApiClient,
  eksEncryptionApiLimits,
  requireBody,
  type EksEncryptionApiCheck,
  type EksEncryptionApiClient,
  type EntityScorecard,
} from 'backstage-plugin-eks-encryption-common';
import {
  parseCheckList,
  parseEntityScorecardPage,
} from './parseEksEncryptionAnswers';

const EKS_ENCRYPTION_PLUGIN_ID = 'eks-encryption';

/** Page sizes `GET /v1/entities` accepts, read from the API spec. */
export const ENTITY_PAGE_SIZE =
  eksEncryptionApiLimits.ListEntityScorecards.limit;

export interface EksEncryptionBackendClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Entities per page; the largest the API accepts by default. */
  pageSize?: number;
}

/**
 * Reads the eks-encryption backend with the typed client generated from its
 * spec and a service token of the calling plugin: every entity scorecard, page
 * by page, and the registered checks.
 */
export class EksEncryptionBackendClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;
  private readonly pageSize: number;

  constructor(options: EksEncryptionBackendClientOptions) {
    this.discovery = options.discovery;
    this.auth = options.auth;
    this.pageSize = checkPageSize(options.pageSize ?? ENTITY_PAGE_SIZE.maximum);
  }

  /** Every registered check, built in or added by a module. */
  async listChecks(): Promise<EksEncryptionApiCheck[]> {
    const { client, baseUrl } = await this.client();
    const context = `Failed to read the EKS encryption checks from ${baseUrl}/v1/checks`;
    try {
      const answer = await client.request('get', '/v1/checks', {
        headers: await this.authorization(),
      });
      return parseCheckList(requireBody(answer));
    } catch (error) {
      throw new ForwardedError(context, error);
    }
  }

  /**
   * All scorecards, following `nextCursor` until the last page. Any failing
   * page fails the whole read: partial facts would leave the missing entities
   * with their previous facts as the latest ones.
   */
  async listAllEntityScorecards(): Promise<EntityScorecard[]> {
    const { client, baseUrl } = await this.client();
    const scorecards: EntityScorecard[] = [];
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    let pageNumber = 1;
    for (;;) {
      const page = await this.readPage(client, baseUrl, pageNumber, cursor);
      scorecards.push(...page.items);
      if (!page.nextCursor) return scorecards;
      if (seenCursors.has(page.nextCursor)) {
        throw new Error(
          `EKS encryption API at ${baseUrl} returned cursor '${page.nextCursor}' twice: paging would not end`,
        );
      }
      seenCursors.add(page.nextCursor);
      cursor = page.nextCursor;
      pageNumber += 1;
    }
  }

  private async readPage(
    client: EksEncryptionApiClient,
    baseUrl: string,
    pageNumber: number,
    cursor: string | undefined,
  ) {
    const context = `Failed to read page ${pageNumber} of EKS encryption scorecards from ${baseUrl}/v1/entities`;
    try {
      const answer = await client.request('get', '/v1/entities', {
        params: { query: { limit: this.pageSize, cursor } },
        headers: await this.authorization(),
      });
      return parseEntityScorecardPage(requireBody(answer));
    } catch (error) {
      throw new ForwardedError(context, error);
    }
  }

  private async client() {
    const baseUrl = await this.discovery.getBaseUrl(EKS_ENCRYPTION_PLUGIN_ID);
    return { baseUrl, client: createEksEncryptionApiClient({ baseUrl }) };
  }

  /** A fresh token for each request: a long read outlives one. */
  private async authorization() {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: EKS_ENCRYPTION_PLUGIN_ID,
    });
    return { Authorization: `Bearer ${token}` };
  }
}

/** The page size, refused with an InputError outside the bounds of the spec. */
export function checkPageSize(pageSize: number): number {
  const { minimum, maximum } = ENTITY_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < minimum || pageSize > maximum) {
    throw new InputError(
      `EKS encryption page size must be an integer from ${minimum} to ${maximum}, got ${pageSize}`,
    );
  }
  return pageSize;
}
