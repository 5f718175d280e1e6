import { mockCredentials } from '@backstage/backend-test-utils';
import type { EntityScorecard } from 'backstage-plugin-eks-encryption-common';
import type { Server } from 'node:http';
import request from 'supertest';

/*
 * The plugin's HTTP API on an in-process test backend, as the signed-in mock user.
 */

const AS_USER = mockCredentials.user.header();
const BASE = '/api/eks-encryption';

/** `POST /v1/refresh`; the raw response (202 with the run, or 429 with Retry-After). */
export function postRefresh(server: Server, entityRef: string) {
  return request(server)
    .post(`${BASE}/v1/refresh`)
    .set('Authorization', AS_USER)
    .send({ entityRef });
}

/** Every entity scorecard, through every page of `GET /v1/entities`. */
export async function listScorecards(
  server: Server,
): Promise<EntityScorecard[]> {
  const cards: EntityScorecard[] = [];
  let cursor: string | undefined;
  do {
    const res = await request(server)
      .get(`${BASE}/v1/entities`)
      .query({ limit: 100, ...(cursor ? { cursor } : {}) })
      .set('Authorization', AS_USER);
    if (res.status !== 200) {
      throw new Error(`GET /v1/entities answered ${res.status}: ${res.text}`);
    }
    cards.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return cards;
}
