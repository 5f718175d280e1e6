import type { PlannedItem } from './plan';
import { renderOwnerNotification, renderPlatformNotification } from './render';

const entity = {
  ref: 'component:prod/Payments',
  kind: 'Component',
  namespace: 'Prod',
  name: 'Payments',
  title: 'Payments API',
};

const failing = (i: number): PlannedItem => ({
  key: `finding:c:${i}`,
  changeId: i,
  kind: 'failing',
  severity: i === 5 ? 'critical' : 'high',
  clusterArn: 'not-an-arn',
  checkId: `check-${i}`,
  summary: i === 0 ? undefined : `Check ${i} fails`,
  remediation: i === 5 ? 'Rotate the key' : undefined,
});

describe('renderOwnerNotification', () => {
  it('puts the worst check first and keeps a long run readable', () => {
    const payload = renderOwnerNotification(
      entity,
      Array.from({ length: 12 }, (_, i) => failing(i)),
    );
    expect(payload.title).toBe('Payments API: Check 5 fails (+11 more)');
    expect(payload.severity).toBe('critical');
    expect(payload.link).toBe('/catalog/prod/component/Payments');
    expect(payload.scope).toBe('eks-encryption:component:prod/Payments');
    const lines = payload.description!.split('\n');
    expect(lines[1]).toBe('- [critical] Check 5 fails on not-an-arn');
    expect(lines).toContain('- [high] check-0 on not-an-arn');
    expect(lines).toContain('- … and 2 more');
    expect(lines).toContain('First step: Rotate the key');
  });
});

describe('renderPlatformNotification', () => {
  it('names entities when no cluster is involved', () => {
    const payload = renderPlatformNotification(
      'group:default/platform',
      undefined,
      [
        {
          key: 'entity-verdict:component:default/a:incomplete',
          changeId: 1,
          kind: 'incomplete',
          severity: 'high',
          entityRef: 'component:default/a',
          verdict: 'incomplete',
        },
      ],
    );
    expect(payload).toMatchObject({
      title: 'EKS Secrets encryption could not verify 1 entity',
      severity: 'normal',
      scope: 'eks-encryption:group:default/platform:no-run',
    });
  });
});
