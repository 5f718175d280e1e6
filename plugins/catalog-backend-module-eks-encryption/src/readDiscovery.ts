import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import {
  createEksEncryptionApiClient,
  requireBody,
  type Discovery,
} from 'backstage-plugin-eks-encryption-common';

const EKS_ENCRYPTION_PLUGIN_ID = 'eks-encryption';

export interface ReadDiscoveryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Aborts the request, e.g. when the scheduled task times out. */
  signal?: AbortSignal;
}

/**
 * `GET /v1/discovery` of the eks-encryption backend, read with the calling
 * plugin's own service credentials. Fails on any answer but a `Discovery`
 * with a list of clusters: a partial answer must not reach a full mutation.
 */
export async function readDiscovery(
  options: ReadDiscoveryOptions,
): Promise<Discovery> {
  const { discovery, auth, signal } = options;
  const baseUrl = await discovery.getBaseUrl(EKS_ENCRYPTION_PLUGIN_ID);
  try {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: EKS_ENCRYPTION_PLUGIN_ID,
    });
    const client = createEksEncryptionApiClient({
      baseUrl,
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = requireBody(await client.GET('/v1/discovery', { signal }));
    if (!Array.isArray(body?.clusters)) {
      throw new Error('the answer has no list of clusters');
    }
    return body;
  } catch (error) {
    throw new ForwardedError(
      `Failed to read the discovered EKS clusters from ${baseUrl}/v1/discovery`,
      error,
    );
  }
}
