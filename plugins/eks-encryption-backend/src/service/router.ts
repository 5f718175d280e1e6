import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError, toError } from '@backstage/errors';
import type express from 'express';
import {
  eksEncryptionApiLimits,
  type CheckDefinition,
} from 'backstage-plugin-eks-encryption-common';
import type { EksEncryptionStore } from '../database/EksEncryptionStore';
import { createOpenApiRouter } from '../schema/openapi.generated';
import type { EntityRefresher } from './EntityRefresher';
import { entityRefFromPath, parseEntityRefParam } from './entityRefs';
import type { OwnerHierarchy } from './OwnerHierarchy';
import type { ReadAccess } from './readAccess';
import type { UnclaimedAccess } from './UnclaimedAccess';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  store: EksEncryptionStore;
  readAccess: ReadAccess;
  owners: OwnerHierarchy;
  refresher: EntityRefresher;
  unclaimedAccess: UnclaimedAccess;
  /** `eksEncryption.discovery` is on: unclaimed clusters can exist. */
  discoveryEnabled: boolean;
  /** Every registered check, in scorecard order. */
  checks: readonly CheckDefinition[];
  now?: () => Date;
}

function trendSince(now: Date, days: number): Date {
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return new Date(today - (days - 1) * DAY_MS);
}

/** The REST API of src/schema/openapi.yaml; requests are validated against it first. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, store, readAccess, owners, refresher } = options;
  const { unclaimedAccess, discoveryEnabled } = options;
  const now = options.now ?? (() => new Date());
  const callerOf = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // Authentication is httpAuth's job (401), not the validator's (which would say 400).
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/checks', async (req, res) => {
    await callerOf(req);
    res.json({ items: [...options.checks] });
  });

  router.get('/v1/entities', async (req, res) => {
    const credentials = await callerOf(req);
    const scope = await readAccess.forLists(credentials);
    res.json(
      await store.listEntityScorecards({
        ...scope,
        cursor: req.query.cursor,
        limit:
          req.query.limit ??
          eksEncryptionApiLimits.ListEntityScorecards.limit.default,
      }),
    );
  });

  router.get('/v1/entities/:namespace/:kind/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await callerOf(req);
    const scope = await readAccess.forEntity(credentials, entityRef);
    const scorecard = await store.getEntityScorecard(entityRef, scope);
    if (!scorecard) throw new NotFoundError(`No scorecard for ${entityRef}`);
    res.json(scorecard);
  });

  router.get('/v1/clusters', async (req, res) => {
    const { owner, cursor, offset, limit, ...filters } = req.query;
    const ownerRef =
      owner === undefined
        ? undefined
        : parseEntityRefParam(owner, { defaultKind: 'group' });
    const credentials = await callerOf(req);
    const scope = await readAccess.forLists(credentials);
    res.json(
      await store.listClusters({
        ...scope,
        ...filters,
        owner: ownerRef,
        cursor,
        offset,
        limit: limit ?? eksEncryptionApiLimits.ListClusters.limit.default,
      }),
    );
  });

  router.get('/v1/owners', async (req, res) => {
    const credentials = await callerOf(req);
    const scope = await readAccess.forLists(credentials);
    res.json({ items: await store.listOwners(scope) });
  });

  router.get('/v1/owners/:namespace/:kind/:name', async (req, res) => {
    const ownerRef = entityRefFromPath(req.params);
    const credentials = await callerOf(req);
    const scope = await readAccess.forLists(credentials);
    const readable = scope.readable?.entityRefs;
    // Unknown and unreadable owners answer alike; an owner without evaluated
    // entities answers zeros.
    if (
      !(await owners.exists(ownerRef)) ||
      (readable && !readable.has(ownerRef))
    ) {
      throw new NotFoundError(`No owner ${ownerRef}`);
    }
    const { includeChildren, search, sort, order, offset, limit } = req.query;
    const ownerRefs = includeChildren
      ? await owners.withChildren(ownerRef, readable)
      : [ownerRef];
    res.json(
      await store.getOwnerDetail(ownerRefs, {
        ...scope,
        search,
        sort,
        order,
        offset,
        limit: limit ?? eksEncryptionApiLimits.GetOwnerDetail.limit.default,
      }),
    );
  });

  router.get('/v1/kpis', async (req, res) => {
    const credentials = await callerOf(req);
    const scope = await readAccess.forLists(credentials);
    const days = req.query.days;
    const kpis = await store.getKpis({
      ...scope,
      trendSince: days === undefined ? undefined : trendSince(now(), days),
    });
    // Asked only with discovery on: without it there is nothing unclaimed to count.
    if (discoveryEnabled && (await unclaimedAccess.canRead(credentials))) {
      kpis.unclaimed = await store.getUnclaimedKpis();
    }
    res.json(kpis);
  });

  router.get('/v1/discovery', async (req, res) => {
    const credentials = await callerOf(req);
    if (!(await unclaimedAccess.canRead(credentials))) {
      throw new NotAllowedError(
        'Seeing discovered clusters needs the eks-encryption.unclaimed.read permission',
      );
    }
    if (!discoveryEnabled) {
      res.json({ enabled: false, clusters: [], listings: [] });
      return;
    }
    const { claimed } = req.query;
    res.json({ enabled: true, ...(await store.getDiscovery({ claimed })) });
  });

  router.post('/v1/refresh', async (req, res) => {
    const entityRef = parseEntityRefParam(req.body.entityRef);
    const credentials = await callerOf(req);
    const event = await auditor.createEvent({
      eventId: 'entity-refresh',
      severityLevel: 'medium',
      request: req,
      meta: { entityRef },
    });
    try {
      const started = await refresher.refresh(entityRef, credentials);
      if ('refused' in started) {
        // Beyond the refresh budget: @backstage/errors has no 429, so answer it here.
        await event.fail({ error: new Error(started.message) });
        res
          .status(429)
          .set('Retry-After', String(Math.ceil(started.retryAfterMs / 1000)))
          .json({
            error: { name: 'TooManyRequestsError', message: started.message },
            response: { statusCode: 429 },
          });
        return;
      }
      await event.success({ meta: { runId: started.id } });
      res.status(202).json(started);
    } catch (error) {
      await event.fail({ error: toError(error) as Error });
      throw error;
    }
  });

  router.get('/v1/runs/:id', async (req, res) => {
    const credentials = await callerOf(req);
    const run = await store.getRun(req.params.id);
    // A refresh run names its entity: show it only to those who may read it.
    if (
      !run ||
      (run.entityRef && !(await readAccess.canRead(credentials, run.entityRef)))
    ) {
      throw new NotFoundError(`No run ${req.params.id}`);
    }
    res.json(run);
  });

  return router;
}
