import type {
  EksEncryptionApiCheck,
  EntityScorecard,
  EntityScorecardPage,
} from 'backstage-plugin-eks-encryption-common';

// The typed client types the answers; these checks make sure a broken answer
// fails the run instead of publishing facts computed from missing fields.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasScorecardShape(item: unknown): item is EntityScorecard {
  return (
    isObject(item) &&
    typeof item.entityRef === 'string' &&
    typeof item.verdict === 'string' &&
    Array.isArray(item.annotationErrors) &&
    Array.isArray(item.clusters) &&
    item.clusters.every(
      cluster =>
        isObject(cluster) &&
        typeof cluster.verdict === 'string' &&
        Array.isArray(cluster.checks),
    )
  );
}

/**
 * Checks the shape of a `GET /v1/entities` answer, so that a broken answer
 * fails the run instead of publishing facts computed from missing fields.
 */
export function parseEntityScorecardPage(body: unknown): EntityScorecardPage {
  if (!isObject(body) || !Array.isArray(body.items)) {
    throw new Error('the answer has no items array');
  }
  const { items, nextCursor } = body;
  const scorecards = items.filter(hasScorecardShape);
  if (scorecards.length !== items.length) {
    const badIndex = items.findIndex(item => !hasScorecardShape(item));
    throw new Error(`item ${badIndex} is not an entity scorecard`);
  }
  if (
    nextCursor !== undefined &&
    nextCursor !== null &&
    typeof nextCursor !== 'string'
  ) {
    throw new Error('nextCursor is not a string');
  }
  return {
    items: scorecards,
    ...(typeof nextCursor === 'string' && nextCursor !== ''
      ? { nextCursor }
      : {}),
  };
}

function isCheck(item: unknown): item is EksEncryptionApiCheck {
  return (
    isObject(item) &&
    typeof item.id === 'string' &&
    typeof item.title === 'string' &&
    typeof item.severity === 'string'
  );
}

/** Checks the shape of a `GET /v1/checks` answer; returns its checks. */
export function parseCheckList(body: unknown): EksEncryptionApiCheck[] {
  if (!isObject(body) || !Array.isArray(body.items)) {
    throw new Error('the answer has no items array');
  }
  const badIndex = body.items.findIndex(item => !isCheck(item));
  if (badIndex >= 0) {
    throw new Error(`item ${badIndex} is not a check`);
  }
  return body.items;
}
