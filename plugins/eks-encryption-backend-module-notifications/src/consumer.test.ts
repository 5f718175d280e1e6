import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CLUSTER_B,
  HOUR,
  change,
  component,
  createHarness,
  createTestDatabases,
  entityVerdict,
  findingOpened,
  sentPayloads,
} from './__testUtils__/fixtures';

const PAYMENTS = 'component:default/payments';
const SEARCH = 'component:default/search';

describe('NotificationsChangeConsumer', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const setup = (options: Parameters<typeof createHarness>[2] = {}) =>
      createHarness(databases, databaseId, {
        entities: [component('payments'), component('search')],
        ...options,
      });

    it('has the id the plugin keeps its position under', async () => {
      const { consumer } = await setup();
      expect(consumer.id).toBe('notifications');
    });

    it('notifies the owners when an entity regresses to non-compliant', async () => {
      const harness = await setup();
      await harness.consumer.consume([
        entityVerdict(PAYMENTS, 'compliant', 'non-compliant'),
      ]);

      expect(harness.send).toHaveBeenCalledTimes(1);
      expect(harness.send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/team-payments'],
        },
        payload: expect.objectContaining({
          title: 'payments is no longer compliant with EKS Secrets encryption',
          severity: 'high',
          link: '/catalog/default/component/payments',
          topic: 'eks-encryption',
          scope: 'eks-encryption:component:default/payments',
        }),
      });
      expect(sentPayloads(harness)[0].description).toContain(
        'compliant → non-compliant',
      );
    });

    it('sends a new critical finding as critical, with the link and the first remediation', async () => {
      const harness = await setup();
      await harness.consumer.consume([findingOpened(PAYMENTS)]);

      expect(sentPayloads(harness)).toEqual([
        {
          title: 'payments: Secrets are not encrypted with a KMS key',
          severity: 'critical',
          link: '/catalog/default/component/payments',
          topic: 'eks-encryption',
          scope: 'eks-encryption:component:default/payments',
          description: [
            'Failing EKS Secrets encryption checks:',
            '- [critical] Secrets are not encrypted with a KMS key on payments-prod (eu-west-1)',
            'First step: aws eks associate-encryption-config --cluster-name payments-prod',
          ].join('\n'),
        },
      ]);
    });

    it('maps every severity one to one', async () => {
      const harness = await setup({ settings: { minimumSeverity: 'low' } });
      const severities = ['critical', 'high', 'medium', 'low'] as const;
      for (const [index, severity] of severities.entries()) {
        await harness.consumer.consume([
          findingOpened(PAYMENTS, { severity, runId: `run-${index}` }),
        ]);
        harness.clock.now += 25 * HOUR;
      }
      expect(sentPayloads(harness).map(payload => payload.severity)).toEqual([
        'critical',
        'high',
        'normal',
        'low',
      ]);
    });

    it('sends a resolved notification for a fix and for a return to compliant', async () => {
      const harness = await setup();
      await harness.consumer.consume([
        change({
          type: 'finding-resolved',
          entityRefs: [PAYMENTS],
          checkId: 'kms-envelope-encryption',
          severity: 'critical',
          summary: 'Secrets are not encrypted with a KMS key',
          resolution: 'fixed',
          runId: 'run-7',
        }),
        entityVerdict(SEARCH, 'non-compliant', 'compliant', {
          runId: 'run-7',
        }),
      ]);

      expect(harness.send).toHaveBeenCalledTimes(2);
      const [fixed, compliant] = sentPayloads(harness);
      expect(fixed).toMatchObject({
        title: 'payments: Secrets are not encrypted with a KMS key fixed',
        severity: 'low',
        scope: 'eks-encryption:component:default/payments',
      });
      expect(compliant).toMatchObject({
        title: 'search is compliant with EKS Secrets encryption again',
        severity: 'normal',
        link: '/catalog/default/component/search',
      });
      expect(harness.send.mock.calls[1][0].recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/team-search'],
      });
    });

    it.each(['unlinked', 'cluster-deleted', 'not-applicable', 'check-removed'])(
      'sends nothing for a finding resolved as %s',
      async resolution => {
        const harness = await setup();
        await harness.consumer.consume([
          change({
            type: 'finding-resolved',
            entityRefs: [PAYMENTS],
            checkId: 'kms-envelope-encryption',
            severity: 'critical',
            resolution: resolution as 'unlinked',
          }),
        ]);
        expect(harness.send).not.toHaveBeenCalled();
      },
    );

    it('groups one entity’s changes of a run into one notification, and two entities into two', async () => {
      const harness = await setup();
      await harness.consumer.consume([
        findingOpened(PAYMENTS, { checkId: 'a', summary: 'Check A fails' }),
        findingOpened(PAYMENTS, {
          checkId: 'b',
          severity: 'high',
          summary: 'Check B fails',
          clusterArn: CLUSTER_B,
        }),
        entityVerdict(PAYMENTS, 'compliant', 'non-compliant'),
        findingOpened(SEARCH, { checkId: 'a', summary: 'Check A fails' }),
      ]);

      expect(harness.send).toHaveBeenCalledTimes(2);
      const [payments, search] = sentPayloads(harness);
      expect(payments.title).toBe('payments: Check A fails (+1 more)');
      expect(payments.severity).toBe('critical');
      expect(payments.description).toContain('Check A fails');
      expect(payments.description).toContain(
        '- [high] Check B fails on search-prod (us-east-1)',
      );
      expect(payments.description).toContain('compliant → non-compliant');
      expect(search.title).toBe('search: Check A fails');
    });

    it('sends one notification per run of the same entity', async () => {
      const harness = await setup();
      await harness.consumer.consume([
        findingOpened(PAYMENTS, { checkId: 'a', runId: 'run-1' }),
        findingOpened(PAYMENTS, { checkId: 'b', runId: 'run-2' }),
      ]);
      expect(harness.send).toHaveBeenCalledTimes(2);
    });

    it('notifies every entity linking a cluster once', async () => {
      const harness = await setup();
      await harness.consumer.consume([
        findingOpened(PAYMENTS, { entityRefs: [PAYMENTS, SEARCH] }),
      ]);
      expect(
        harness.send.mock.calls.map(([options]) => options.recipients),
      ).toEqual([
        { type: 'entity', entityRef: ['group:default/team-payments'] },
        { type: 'entity', entityRef: ['group:default/team-search'] },
      ]);
    });

    it('does not repeat the same finding of an entity within the quiet period', async () => {
      const harness = await setup();
      await harness.consumer.consume([findingOpened(PAYMENTS)]);
      expect(harness.send).toHaveBeenCalledTimes(1);

      harness.clock.now += 23 * HOUR;
      await harness.consumer.consume([
        findingOpened(PAYMENTS, { runId: 'run-2' }),
      ]);
      expect(harness.send).toHaveBeenCalledTimes(1);

      // Another entity with the same finding is not held back by it.
      await harness.consumer.consume([
        findingOpened(SEARCH, { runId: 'run-2' }),
      ]);
      expect(harness.send).toHaveBeenCalledTimes(2);

      harness.clock.now += 2 * HOUR;
      await harness.consumer.consume([
        findingOpened(PAYMENTS, { runId: 'run-3' }),
      ]);
      expect(harness.send).toHaveBeenCalledTimes(3);
    });

    it('keeps the quiet period across restarts and replicas (same database)', async () => {
      const first = await setup();
      await first.consumer.consume([findingOpened(PAYMENTS)]);

      const second = await setup({ knex: first.knex });
      second.clock.now = first.clock.now + HOUR;
      await second.consumer.consume([
        findingOpened(PAYMENTS, { runId: 'run-2' }),
      ]);
      expect(second.send).not.toHaveBeenCalled();
    });

    it('sends an outage to the platform group only, as one notification', async () => {
      const harness = await setup({
        entities: Array.from({ length: 10 }, (_, i) => component(`svc-${i}`)),
      });
      // Ten entities, each on its own cluster, none readable any more.
      await harness.consumer.consume(
        Array.from({ length: 10 }, (_, i) => {
          const ref = `component:default/svc-${i}`;
          const clusterArn = `arn:aws:eks:eu-west-1:111122223333:cluster/svc-${i}`;
          return [
            change({
              type: 'finding-unverified',
              entityRefs: [ref],
              clusterArn,
              checkId: 'kms-envelope-encryption',
              severity: 'critical',
              summary: 'Secrets are not encrypted with a KMS key',
            }),
            change({
              type: 'cluster-verdict',
              entityRefs: [ref],
              clusterArn,
              previousVerdict: 'non-compliant',
              verdict: 'error',
            }),
            entityVerdict(ref, 'non-compliant', 'error'),
          ];
        }).flat(),
      );

      expect(harness.send).toHaveBeenCalledTimes(1);
      const [{ recipients, payload }] = harness.send.mock.calls[0];
      expect(recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/platform'],
      });
      expect(payload).toMatchObject({
        title: 'EKS Secrets encryption could not verify 10 clusters',
        severity: 'high',
        topic: 'eks-encryption',
        scope: 'eks-encryption:group:default/platform:run-1',
      });
      expect(payload.description).toContain('- svc-0 (eu-west-1): error');
      expect(payload.description).toContain('- component:default/svc-9: error');
      expect(payload.description).toContain(
        '- Secrets are not encrypted with a KMS key on svc-9 (eu-west-1)',
      );

      // The next run of the same outage tells nobody again within the quiet period.
      await harness.consumer.consume([
        entityVerdict('component:default/svc-0', 'non-compliant', 'error', {
          runId: 'run-2',
        }),
      ]);
      expect(harness.send).toHaveBeenCalledTimes(1);
    });

    it('drops access problems when no platform group is configured', async () => {
      const harness = await setup({ settings: { platformGroup: undefined } });
      await harness.consumer.consume([
        entityVerdict(PAYMENTS, 'compliant', 'incomplete'),
        change({
          type: 'finding-unverified',
          entityRefs: [PAYMENTS],
          checkId: 'kms-envelope-encryption',
          severity: 'critical',
        }),
      ]);
      expect(harness.send).not.toHaveBeenCalled();
    });

    it('notifies nobody for findings below the minimum severity', async () => {
      const harness = await setup();
      await harness.consumer.consume([
        findingOpened(PAYMENTS, { severity: 'medium' }),
        findingOpened(SEARCH, { severity: 'low' }),
        change({
          type: 'finding-unverified',
          entityRefs: [PAYMENTS],
          checkId: 'x',
          severity: 'medium',
        }),
      ]);
      expect(harness.send).not.toHaveBeenCalled();

      const lenient = await setup({ settings: { minimumSeverity: 'medium' } });
      await lenient.consumer.consume([
        findingOpened(PAYMENTS, { severity: 'medium' }),
        findingOpened(SEARCH, { severity: 'low' }),
      ]);
      expect(lenient.send).toHaveBeenCalledTimes(1);
      expect(sentPayloads(lenient)[0].severity).toBe('normal');
    });

    it('skips an entity the catalog no longer has, with a debug log', async () => {
      const harness = await setup();
      await harness.consumer.consume([
        findingOpened('component:default/gone'),
        findingOpened(PAYMENTS),
      ]);
      expect(harness.send).toHaveBeenCalledTimes(1);
      expect(harness.logger.debug).toHaveBeenCalledWith(
        expect.stringContaining('component:default/gone'),
      );
    });

    it('rethrows a failed send, and the retried batch sends only what is missing', async () => {
      const harness = await setup();
      harness.send.mockImplementation(async ({ payload }) => {
        if (payload.scope === 'eks-encryption:component:default/search') {
          throw new Error('notifications backend unavailable');
        }
      });
      const batch = [findingOpened(PAYMENTS), findingOpened(SEARCH)];

      await expect(harness.consumer.consume(batch)).rejects.toThrow(
        /1 of 2 eks-encryption notifications could not be sent/,
      );
      expect(harness.logger.error).toHaveBeenCalledWith(
        expect.stringContaining('notifications backend unavailable'),
      );
      expect(harness.send).toHaveBeenCalledTimes(2);

      harness.send.mockReset();
      harness.send.mockResolvedValue(undefined);
      harness.clock.now += 5 * 60 * 1000;
      await harness.consumer.consume(batch);

      expect(harness.send).toHaveBeenCalledTimes(1);
      expect(harness.send.mock.calls[0][0].payload.scope).toBe(
        'eks-encryption:component:default/search',
      );

      // Handed over once more (say, the plugin crashed before committing): nothing.
      await harness.consumer.consume(batch);
      expect(harness.send).toHaveBeenCalledTimes(1);
    });

    it('does not resend a delivered batch even without a quiet period', async () => {
      const harness = await setup({ settings: { quietPeriodMs: 0 } });
      const batch = [findingOpened(PAYMENTS)];
      await harness.consumer.consume(batch);
      await harness.consumer.consume(batch);
      expect(harness.send).toHaveBeenCalledTimes(1);

      await harness.consumer.consume([
        findingOpened(PAYMENTS, { runId: 'run-2' }),
      ]);
      expect(harness.send).toHaveBeenCalledTimes(2);
    });

    it('rethrows when the catalog cannot be read, sending nothing', async () => {
      const harness = await setup({
        catalog: catalogServiceMock.mock({
          getEntitiesByRefs: async () => {
            throw new Error('catalog down');
          },
        }),
      });
      await expect(
        harness.consumer.consume([findingOpened(PAYMENTS)]),
      ).rejects.toThrow('catalog down');
      expect(harness.send).not.toHaveBeenCalled();
    });
  });
});
