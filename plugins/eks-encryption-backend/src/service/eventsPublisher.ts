import type { LoggerService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import type { EksEncryptionChangeConsumer } from 'backstage-plugin-eks-encryption-node';

/** Topic of the change log on the events service. */
export const FINDINGS_TOPIC = 'eks-encryption.findings';

/**
 * Publishes each change on the events service, best effort: a publish that fails
 * is logged and not retried, so other plugins' listeners never hold the log back.
 */
export function eventsPublisher(
  events: EventsService,
  logger: LoggerService,
): EksEncryptionChangeConsumer {
  return {
    id: 'events',
    async consume(changes) {
      for (const change of changes) {
        try {
          await events.publish({
            topic: FINDINGS_TOPIC,
            eventPayload: change,
            metadata: { type: change.type },
          });
        } catch (error) {
          logger.warn(
            `Could not publish eks-encryption change ${
              change.id
            } on ${FINDINGS_TOPIC}: ${toError(error)}`,
          );
        }
      }
    },
  };
}
