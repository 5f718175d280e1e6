import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ForwardedError, stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  EksEncryptionChange,
  EksEncryptionChangeConsumer,
} from 'backstage-plugin-eks-encryption-node';
import type { NotificationsSettings } from './config';
import { ENTITY_FIELDS, normalizeEntityRef, ownerRefs } from './owners';
import { planNotifications, type PlannedNotification } from './plan';
import {
  renderOwnerNotification,
  renderPlatformNotification,
  type EntityTarget,
} from './render';
import type { DatabaseSentLog } from './sentLog';

/** The consumer's id: the plugin keeps its position in the change log under it. */
const CONSUMER_ID = 'notifications';

/** Sends are kept at least this long, so a long-failing batch is still not re-sent. */
const MIN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const LOOKUP_CHUNK = 100;

/** @public */
export interface NotificationsChangeConsumerOptions {
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  sentLog: DatabaseSentLog;
  settings: NotificationsSettings;
  /** Epoch milliseconds; tests move it to cross the quiet period. */
  now?: () => number;
}

/**
 * Sends Backstage notifications for the changes of the eks-encryption change log:
 * to the owners of an entity for regressions and fixes, to the platform group for
 * access and staleness problems.
 *
 * @public
 */
export class NotificationsChangeConsumer
  implements EksEncryptionChangeConsumer
{
  readonly id = CONSUMER_ID;
  private readonly now: () => number;

  constructor(private readonly options: NotificationsChangeConsumerOptions) {
    this.now = options.now ?? Date.now;
  }

  async consume(changes: readonly EksEncryptionChange[]): Promise<void> {
    const { settings, logger } = this.options;
    const planned = planNotifications(changes, settings);
    if (planned.length === 0) return;
    const now = this.now();

    // A catalog outage throws here: the batch comes again, nothing is lost.
    const entities = await this.lookUpEntities(planned);

    const failures: unknown[] = [];
    for (const notification of planned) {
      try {
        await this.deliver(notification, entities, now);
      } catch (error) {
        // Go on with the others: what was sent is recorded and not sent again on retry.
        failures.push(error);
        logger.error(
          `Could not send the eks-encryption notification for ${
            notification.audience === 'owners'
              ? notification.entityRef
              : notification.groupRef
          } (run ${notification.runId ?? 'none'}): ${stringifyError(error)}`,
        );
      }
    }

    try {
      await this.options.sentLog.prune(
        now - Math.max(settings.quietPeriodMs, MIN_RETENTION_MS),
      );
    } catch (error) {
      logger.warn(
        `Could not prune the eks-encryption notifications log: ${stringifyError(
          error,
        )}`,
      );
    }

    if (failures.length > 0) {
      // Rethrown so the plugin hands the batch over again.
      throw new ForwardedError(
        `${failures.length} of ${planned.length} eks-encryption notifications could not be sent`,
        failures[0],
      );
    }
  }

  private async lookUpEntities(
    planned: readonly PlannedNotification[],
  ): Promise<Map<string, Entity>> {
    const refs = new Set<string>();
    for (const notification of planned) {
      if (notification.audience !== 'owners') continue;
      const ref = normalizeEntityRef(notification.entityRef);
      if (ref) refs.add(ref);
    }
    const entities = new Map<string, Entity>();
    if (refs.size === 0) return entities;

    const credentials = await this.options.auth.getOwnServiceCredentials();
    const all = [...refs];
    for (let at = 0; at < all.length; at += LOOKUP_CHUNK) {
      const entityRefs = all.slice(at, at + LOOKUP_CHUNK);
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs, fields: ENTITY_FIELDS },
        { credentials },
      );
      items.forEach((entity, index) => {
        if (entity) entities.set(entityRefs[index], entity);
      });
    }
    return entities;
  }

  private async deliver(
    notification: PlannedNotification,
    entities: Map<string, Entity>,
    now: number,
  ): Promise<void> {
    const { logger, notifications, sentLog, settings } = this.options;

    let recipientRef: string;
    let owners: string[];
    let target: EntityTarget | undefined;
    if (notification.audience === 'owners') {
      const ref = normalizeEntityRef(notification.entityRef);
      const entity = ref ? entities.get(ref) : undefined;
      if (!ref || !entity) {
        logger.debug(
          `Skipping eks-encryption notification for ${notification.entityRef}: not in the catalog`,
        );
        return;
      }
      owners = ownerRefs(entity);
      if (owners.length === 0) {
        logger.debug(
          `Skipping eks-encryption notification for ${ref}: it has no owner`,
        );
        return;
      }
      recipientRef = ref;
      target = {
        ref,
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
        title: entity.metadata.title,
      };
    } else {
      recipientRef = notification.groupRef;
      owners = [notification.groupRef];
    }

    const fresh = await sentLog.unsent(recipientRef, notification.items, {
      now,
      quietPeriodMs: settings.quietPeriodMs,
    });
    const items = notification.items.filter(item => fresh.has(item.key));
    if (items.length === 0) return;

    const payload = target
      ? renderOwnerNotification(target, items)
      : renderPlatformNotification(recipientRef, notification.runId, items);
    await notifications.send({
      recipients: { type: 'entity', entityRef: owners },
      payload,
    });
    await sentLog.record(recipientRef, items, { now });
  }
}
