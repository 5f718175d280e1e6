import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ForwardedError, ResponseError } from '@backstage/errors';
import type { EntityScorecard } from 'backstage-plugin-eks-encryption-common';
import { parseEntityScorecardPage } from './parseEntityScorecardPage';

const EKS_ENCRYPTION_PLUGIN_ID = 'eks-encryption';

/** Page size asked of `GET /v1/entities`; the server may answer fewer. */
export const DEFAULT_ENTITY_PAGE_SIZE = 100;

export interface EksEncryptionEntitiesClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  pageSize?: number;
}

/**
 * Reads every entity scorecard from the eks-encryption backend, page by page,
 * with a service token of the calling plugin.
 */
export class EksEncryptionEntitiesClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;
  private readonly pageSize: number;

  constructor(options: EksEncryptionEntitiesClientOptions) {
    this.discovery = options.discovery;
    this.auth = options.auth;
    this.pageSize = options.pageSize ?? DEFAULT_ENTITY_PAGE_SIZE;
  }

  /**
   * All scorecards, following `nextCursor` until the last page. Any failing
   * page fails the whole read: partial facts would leave the missing entities
   * with their previous facts as the latest ones.
   */
  async listAllEntityScorecards(): Promise<EntityScorecard[]> {
    const baseUrl = await this.discovery.getBaseUrl(EKS_ENCRYPTION_PLUGIN_ID);
    const scorecards: EntityScorecard[] = [];
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    let pageNumber = 1;
    for (;;) {
      const page = await this.readPage(baseUrl, pageNumber, cursor);
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
    baseUrl: string,
    pageNumber: number,
    cursor: string | undefined,
  ) {
    const query = new URLSearchParams({ limit: String(this.pageSize) });
    if (cursor) query.set('cursor', cursor);
    const url = `${baseUrl}/v1/entities?${query}`;
    const context = `Failed to read page ${pageNumber} of EKS encryption scorecards from ${url}`;

    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: EKS_ENCRYPTION_PLUGIN_ID,
    });

    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      throw new ForwardedError(context, error);
    }
    if (!response.ok) {
      throw new ForwardedError(
        context,
        await ResponseError.fromResponse(response),
      );
    }
    try {
      return parseEntityScorecardPage(await response.json());
    } catch (error) {
      throw new ForwardedError(context, error);
    }
  }
}
