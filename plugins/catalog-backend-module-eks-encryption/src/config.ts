import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { toOwnerRef } from './ownerRef';

/** Where the provider's settings live in the app config. */
export const CONFIG_ROOT = 'catalog.providers.eksEncryption';

/**
 * Often enough that a new cluster shows up in the catalog soon after the
 * backend's own discovery lists it; the short delay lets the `eks-encryption`
 * plugin start serving when both run in one backend.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

/** Like the catalog AWS module's EKS Resources, whose owner is `unknown`. */
const DEFAULT_OWNER_FALLBACK = 'group:default/unknown';

export interface DiscoveryProviderConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A full entity ref. */
  ownerFallback: string;
}

/** The provider's settings, refused with an InputError when invalid. */
export function readDiscoveryProviderConfig(
  config: Config,
): DiscoveryProviderConfig {
  const root = config.getOptionalConfig(CONFIG_ROOT);
  const schedule = root?.getOptionalConfig('schedule');
  return {
    enabled: root?.getOptionalBoolean('enabled') ?? false,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
    ownerFallback: readOwnerFallback(
      root?.getOptionalString('owner.fallback') ?? DEFAULT_OWNER_FALLBACK,
    ),
  };
}

function readOwnerFallback(value: string): string {
  const ref = toOwnerRef(value);
  if (!ref) {
    throw new InputError(
      `${CONFIG_ROOT}.owner.fallback must be an entity ref like group:default/platform, got '${value}'`,
    );
  }
  return ref;
}
