import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterEvaluation } from 'backstage-plugin-eks-encryption-common';
import express from 'express';
import request from 'supertest';
import { CatalogLinkCollector } from '../catalog/CatalogLinkCollector';
import type { EksEncryptionStore } from '../database/EksEncryptionStore';
import { CheckRegistry } from '../engine/CheckRegistry';
import type { EvaluationInput, EvaluationOutput } from '../engine/types';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { EntityRefresher } from './EntityRefresher';
import { EvaluationRunner } from './EvaluationRunner';
import { OwnerHierarchy } from './OwnerHierarchy';
import { ReadAccess } from './readAccess';
import { UnclaimedAccess } from './UnclaimedAccess';
import { createRouter } from './router';
import {
  ARN,
  ESTATE_CLUSTERS,
  RecordingEvaluator,
  checkResults,
  createStore,
  estateCatalog,
  evaluationOf,
} from './__testUtils__/serviceFixtures';

const databases = createStoreTestDatabases();
const NOW = new Date('2026-01-10T09:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const estateJudge = (arn: string): ClusterEvaluation =>
  ESTATE_CLUSTERS.find(c => c.arn === arn)!;

describe.each(databases.eachSupportedId())('EvaluationRunner on %p', id => {
  async function setup(
    evaluator: {
      evaluate(input: EvaluationInput): Promise<EvaluationOutput>;
    } = new RecordingEvaluator(estateJudge),
  ) {
    const knex = await databases.init(id);
    const store = await createStore(knex, () => NOW);
    const catalog = catalogServiceMock({ entities: estateCatalog() });
    const logger = mockServices.logger.mock();
    const runner = new EvaluationRunner({
      links: new CatalogLinkCollector({
        catalog,
        auth: mockServices.auth(),
        now: () => NOW,
      }),
      evaluator,
      store,
      logger,
      productionValues: ['production'],
      historyRetentionMs: 30 * DAY_MS,
      now: () => NOW,
    });
    return { knex, store, catalog, logger, runner };
  }

  /** The API over the store, as a reader with full access sees it. */
  async function api(store: EksEncryptionStore) {
    const permissions = mockServices.permissions();
    const catalog = catalogServiceMock({ entities: estateCatalog() });
    const readAccess = new ReadAccess({
      permissions,
      catalog,
      userInfo: mockServices.userInfo(),
      ttlMs: 60_000,
      maxEntries: 10,
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
      store,
      readAccess,
      owners: new OwnerHierarchy({
        catalog,
        auth: mockServices.auth(),
        ttlMs: 30_000,
      }),
      checks: new CheckRegistry().definitions(),
      unclaimedAccess: new UnclaimedAccess(permissions),
      discoveryEnabled: false,
      refresher: new EntityRefresher({
        permissions,
        readAccess,
        runner: { startRefresh: jest.fn() },
      }),
    });
    const server = express().use(router).use(mockErrorHandler());
    return async () => ({
      payments: (
        await request(server).get('/v1/entities/default/component/payments')
      ).body,
      entities: (await request(server).get('/v1/entities')).body,
      owners: (await request(server).get('/v1/owners')).body,
      clusters: (await request(server).get('/v1/clusters')).body,
    });
  }

  it('evaluates every unique cluster once, writes the results and prunes history', async () => {
    const evaluator = new RecordingEvaluator(estateJudge);
    const { store, runner } = await setup(evaluator);
    const prune = jest.spyOn(store, 'pruneHistory');

    const run = await runner.runScheduled();

    expect(evaluator.inputs).toHaveLength(1);
    expect(evaluator.inputs[0].targets.map(t => t.cluster.arn)).toEqual([
      ARN.alpha,
      ARN.charlie,
      ARN.bravo,
    ]);
    // A full run evaluates every linked cluster itself: no stored key use is read.
    expect(evaluator.inputs[0].storedKeyUses).toBeUndefined();
    expect(run).toMatchObject({
      kind: 'scheduled',
      status: 'succeeded',
      clustersTotal: 3,
      clustersDone: 3,
      entities: 3,
      clusterErrors: 0,
    });
    expect(prune).toHaveBeenCalledWith(new Date(NOW.getTime() - 30 * DAY_MS));
    await expect(
      store.getEntityScorecard('component:default/payments'),
    ).resolves.toMatchObject({ verdict: 'non-compliant' });
  });

  it('hands the evaluator the store as its lookup of known finished updates', async () => {
    const finished = {
      id: 'u1',
      type: 'AssociateEncryptionConfig',
      status: 'Successful',
      createdAt: '2026-01-02T03:04:05.000Z',
    };
    const inputs: EvaluationInput[] = [];
    const { runner } = await setup({
      async evaluate(input) {
        inputs.push(input);
        return {
          clusters: input.targets.map(t => estateJudge(t.cluster.arn)),
          finishedUpdates: inputs.length === 1 ? [finished] : [],
          keyUses: [],
        };
      },
    });

    await runner.runScheduled();
    await runner.runScheduled();

    // What one run saw finished, the next looks up instead of describing it again.
    const lookup = inputs[1].knownFinishedUpdates!;
    await expect(lookup(['u1', 'u2'])).resolves.toEqual(
      new Map([['u1', finished]]),
    );
  });

  it('records a failure of the evaluation on the run and keeps the previous results', async () => {
    let fail = false;
    const { store, runner } = await setup({
      async evaluate(input) {
        if (fail) {
          input.onProgress?.(1, input.targets.length);
          throw new Error('connection reset halfway');
        }
        return new RecordingEvaluator(estateJudge).evaluate(input);
      },
    });
    await runner.runScheduled();
    const read = await api(store);
    const before = await read();

    fail = true;
    const run = await runner.runScheduled();

    expect(run).toMatchObject({
      status: 'failed',
      error: 'connection reset halfway',
    });
    expect(await read()).toEqual(before);
  });

  it('keeps the previous results when the write fails halfway through its transaction', async () => {
    let broken = false;
    const { store, runner } = await setup({
      async evaluate(input) {
        const output = await new RecordingEvaluator(estateJudge).evaluate(
          input,
        );
        if (!broken) return output;
        const [first, ...rest] = output.clusters;
        // Every cluster changes; the last row breaks a NOT NULL column mid-write.
        const changed = rest.map(c =>
          evaluationOf(c.arn, {
            checks: checkResults({ 'key-usable': 'fail' }),
          }),
        );
        changed[changed.length - 1] = {
          ...changed[changed.length - 1],
          name: null as unknown as string,
        };
        return {
          ...output,
          clusters: [
            evaluationOf(first.arn, {
              checks: checkResults({ 'key-usable': 'fail' }),
            }),
            ...changed,
          ],
        };
      },
    });
    await runner.runScheduled();
    const read = await api(store);
    const before = await read();

    broken = true;
    const run = await runner.runScheduled();

    expect(run?.status).toBe('failed');
    expect(run?.error).toEqual(expect.any(String));
    expect(await read()).toEqual(before);
  });

  it('never throws when the catalog cannot be read', async () => {
    const { catalog, runner } = await setup();
    jest.spyOn(catalog, 'streamEntities').mockImplementation(() => {
      throw new Error('catalog unavailable');
    });

    await expect(runner.runScheduled()).resolves.toMatchObject({
      status: 'failed',
      error: 'catalog unavailable',
    });
  });

  it('never throws when the run cannot even be recorded', async () => {
    const { store, runner, logger } = await setup();
    jest
      .spyOn(store, 'createRun')
      .mockRejectedValue(new Error('database down'));

    await expect(runner.runScheduled()).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalled();
  });

  describe('limits', () => {
    it('reads AWS until the deadline less the write reserve, then writes what it has', async () => {
      const evaluator = new RecordingEvaluator(estateJudge);
      const { store, runner } = await setup(evaluator);
      const deadline = NOW.getTime() + 10 * 60_000;

      const run = await runner.runScheduled({ deadline });

      // The default reserve is 60 s, at most a quarter of the time left.
      expect(evaluator.inputs[0].deadline).toBe(deadline - 60_000);
      expect(run?.status).toBe('succeeded');
      expect(
        await store.getEntityScorecard('component:default/payments'),
      ).toBeDefined();
    });

    it('writes nothing when its task is cancelled, and says so on the run', async () => {
      const controller = new AbortController();
      const { store, runner } = await setup({
        async evaluate(input) {
          controller.abort();
          expect(input.signal?.aborted).toBe(true);
          return new RecordingEvaluator(estateJudge).evaluate(input);
        },
      });
      const write = jest.spyOn(store, 'writeRunResults');
      const prune = jest.spyOn(store, 'pruneHistory');

      const run = await runner.runScheduled({ signal: controller.signal });

      expect(write).not.toHaveBeenCalled();
      expect(prune).not.toHaveBeenCalled();
      expect(run).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('cancelled'),
      });
    });
  });

  describe('refresh', () => {
    async function refreshOf(runner: EvaluationRunner, entityRef: string) {
      const started = await runner.startRefresh(entityRef, 'user:default/ann');
      if ('refused' in started) throw new Error(started.message);
      return started;
    }

    it("evaluates one entity's clusters against the key uses of every other stored cluster", async () => {
      const evaluator = new RecordingEvaluator(estateJudge);
      const { store, runner } = await setup(evaluator);
      await runner.runScheduled();

      const started = await refreshOf(runner, 'component:default/search');
      await started.completion;

      expect(started.created).toBe(true);
      const input = evaluator.inputs[1];
      expect(input.targets.map(t => t.cluster.arn)).toEqual([ARN.charlie]);
      // Only the stored clusters sharing the refreshed cluster's keys are read.
      const keyOf = (arn: string) => estateJudge(arn).keyArn as string;
      const uses = await input.storedKeyUses!(
        [keyOf(ARN.charlie), keyOf(ARN.alpha)],
        [ARN.charlie],
      );
      expect(uses.map(u => u.clusterArn)).toEqual([ARN.alpha]);
      await expect(store.getRun(started.run.id)).resolves.toMatchObject({
        kind: 'refresh',
        entityRef: 'component:default/search',
        status: 'succeeded',
        clustersTotal: 1,
        clustersDone: 1,
        entities: 1,
      });
    });

    it('returns the running or recent refresh of the entity instead of starting another', async () => {
      const evaluator = new RecordingEvaluator(estateJudge);
      const { runner } = await setup(evaluator);

      const first = await refreshOf(runner, 'component:default/payments');
      const second = await refreshOf(runner, 'component:default/payments');
      await Promise.all([first.completion, second.completion]);
      const afterwards = await refreshOf(runner, 'component:default/payments');

      expect(second).toMatchObject({
        created: false,
        run: { id: first.run.id },
      });
      expect(afterwards).toMatchObject({
        created: false,
        run: { id: first.run.id },
      });
      expect(evaluator.inputs).toHaveLength(1);
    });

    it('fails the run of an entity that left the catalog', async () => {
      const { store, runner } = await setup();

      const started = await refreshOf(runner, 'component:default/gone');
      await started.completion;

      await expect(store.getRun(started.run.id)).resolves.toMatchObject({
        status: 'failed',
        error: 'component:default/gone is not in the catalog',
      });
    });
  });
});
