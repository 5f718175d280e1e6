import { ResponseError } from '@backstage/errors';
import createClient, { type Client } from 'openapi-fetch';
import {
  apiParameterLimits,
  type components,
  type paths,
} from './schema/openapi/generated';

/**
 * The paths of the eks-encryption API, generated from its OpenAPI spec.
 *
 * @public
 */
export type EksEncryptionApiPaths = paths;

/**
 * The schemas of the eks-encryption API, generated from its OpenAPI spec:
 * e.g. `EksEncryptionApiSchemas['EntityScorecard']`.
 *
 * @public
 */
export type EksEncryptionApiSchemas = components['schemas'];

/**
 * A check as `GET /v1/checks` lists it: built in or added by a module.
 *
 * @public
 */
export type EksEncryptionApiCheck = components['schemas']['CheckDefinition'];

/**
 * A typed client of the eks-encryption API (an `openapi-fetch` client).
 *
 * @public
 */
export type EksEncryptionApiClient = Client<paths>;

/**
 * Bounds of the API's parameters, by operation id and parameter name, read
 * from the spec: `eksEncryptionApiLimits.ListEntityScorecards.limit.maximum`
 * is the largest page size the API accepts.
 *
 * @public
 */
export const eksEncryptionApiLimits = apiParameterLimits;

/**
 * Options of {@link createEksEncryptionApiClient}.
 *
 * @public
 */
export interface EksEncryptionApiClientOptions {
  /** The plugin's base URL, e.g. from `discovery.getBaseUrl('eks-encryption')`. */
  baseUrl: string;
  /** Sends the requests; `globalThis.fetch` by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request, e.g. `Authorization`. */
  headers?: Record<string, string>;
}

/**
 * A typed client of the eks-encryption API. Every answer outside 2xx rejects
 * with a `ResponseError` (from `@backstage/errors`) carrying the status and
 * the Backstage error body, so callers only handle successful answers.
 *
 * @public
 */
export function createEksEncryptionApiClient(
  options: EksEncryptionApiClientOptions,
): EksEncryptionApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  client.use({
    async onResponse({ response }) {
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return undefined;
    },
  });
  return client;
}

/**
 * The body of a successful answer of {@link createEksEncryptionApiClient}'s
 * client; an answer without one (which the API never gives where it promises
 * a body) is an error.
 *
 * @public
 */
export function requireBody<T>(answer: { data?: T; response: Response }): T {
  if (answer.data === undefined) {
    throw new Error(
      `${answer.response.url || 'The eks-encryption API'} answered ${
        answer.response.status
      } without a body`,
    );
  }
  return answer.data;
}
