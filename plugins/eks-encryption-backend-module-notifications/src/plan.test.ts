import { change, entityVerdict, findingOpened } from './__testUtils__/fixtures';
import { planNotifications } from './plan';

const A = 'component:default/a';
const B = 'component:default/b';
const options = {
  minimumSeverity: 'high' as const,
  platformGroup: 'group:default/platform',
};

describe('planNotifications', () => {
  it('groups by entity and run, in change-log order', () => {
    const planned = planNotifications(
      [
        findingOpened(B, { checkId: 'x', runId: 'r1' }),
        findingOpened(A, { checkId: 'x', runId: 'r1' }),
        findingOpened(B, { checkId: 'y', runId: 'r1' }),
        findingOpened(B, { checkId: 'x', runId: 'r2' }),
      ],
      options,
    );
    expect(
      planned.map(p => [
        p.audience === 'owners' && p.entityRef,
        p.runId,
        p.items.map(i => i.checkId),
      ]),
    ).toEqual([
      [B, 'r1', ['x', 'y']],
      [A, 'r1', ['x']],
      [B, 'r2', ['x']],
    ]);
  });

  it('keeps one item per finding, the latest change winning', () => {
    const first = findingOpened(A, { summary: 'old' });
    const second = findingOpened(A, { summary: 'new' });
    const [planned] = planNotifications([second, first], options);
    expect(planned.items).toEqual([
      expect.objectContaining({ summary: 'new', changeId: second.id }),
    ]);
  });

  it('ignores what owners and the platform are not told', () => {
    expect(
      planNotifications(
        [
          change({
            type: 'cluster-verdict',
            entityRefs: [A],
            previousVerdict: 'compliant',
            verdict: 'non-compliant',
          }),
          entityVerdict(A, 'non-compliant', 'non-compliant'),
          entityVerdict(A, undefined, 'compliant'),
          entityVerdict(A, 'error', 'compliant'),
          entityVerdict(A, 'compliant', 'not-evaluated'),
          change({
            type: 'finding-resolved',
            entityRefs: [A],
            severity: 'critical',
            resolution: 'unlinked',
          }),
        ],
        options,
      ),
    ).toEqual([]);
  });

  it('does not alert owners about a first evaluation, but tells the platform', () => {
    const planned = planNotifications(
      [
        findingOpened(A, { initial: true }),
        entityVerdict(A, undefined, 'non-compliant', { initial: true }),
        entityVerdict(B, undefined, 'error', { initial: true }),
      ],
      options,
    );
    expect(planned).toEqual([
      expect.objectContaining({
        audience: 'platform',
        items: [expect.objectContaining({ kind: 'error', entityRef: B })],
      }),
    ]);
  });

  it('sends access and staleness problems to the platform group, one per run', () => {
    const planned = planNotifications(
      [
        entityVerdict(A, 'compliant', 'incomplete', { runId: 'r1' }),
        entityVerdict(B, 'compliant', 'error', { runId: 'r1' }),
        change({
          type: 'finding-unverified',
          entityRefs: [A, B],
          checkId: 'x',
          severity: 'critical',
          runId: 'r1',
        }),
        change({
          type: 'cluster-verdict',
          entityRefs: [A, B],
          previousVerdict: 'compliant',
          verdict: 'error',
          runId: 'r2',
        }),
      ],
      options,
    );
    expect(planned).toEqual([
      expect.objectContaining({
        audience: 'platform',
        groupRef: 'group:default/platform',
        runId: 'r1',
        items: [
          expect.objectContaining({ kind: 'incomplete', entityRef: A }),
          expect.objectContaining({ kind: 'error', entityRef: B }),
          expect.objectContaining({ kind: 'unverified', checkId: 'x' }),
        ],
      }),
      expect.objectContaining({ audience: 'platform', runId: 'r2' }),
    ]);
  });

  it('holds findings, and rated verdicts, to the minimum severity', () => {
    const planned = planNotifications(
      [
        findingOpened(A, { severity: 'medium' }),
        change({
          type: 'finding-resolved',
          entityRefs: [A],
          severity: 'low',
          resolution: 'fixed',
        }),
        entityVerdict(A, 'compliant', 'non-compliant', { severity: 'medium' }),
        entityVerdict(B, 'compliant', 'non-compliant'),
      ],
      { minimumSeverity: 'high' },
    );
    expect(planned).toEqual([
      expect.objectContaining({
        entityRef: B,
        items: [expect.objectContaining({ kind: 'regressed' })],
      }),
    ]);
  });
});
