import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OwnerHierarchy } from './OwnerHierarchy';

const TTL = 30_000;

function group(
  name: string,
  options: {
    children?: string[];
    parent?: string;
    parentOf?: string[];
    childOf?: string[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'team',
      children: options.children ?? [],
      ...(options.parent ? { parent: options.parent } : {}),
    },
    relations: [
      ...(options.parentOf ?? []).map(targetRef => ({
        type: 'parentOf',
        targetRef,
      })),
      ...(options.childOf ?? []).map(targetRef => ({
        type: 'childOf',
        targetRef,
      })),
    ],
  };
}

function user(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'org' },
  };
}

/** A catalog whose entities can be replaced, counting its streams. */
function setup(entities: Entity[]) {
  const state = { entities, fail: false };
  const streams: Array<{ filter: unknown; fields?: string[] }> = [];
  const catalog = catalogServiceMock.mock();
  catalog.streamEntities.mockImplementation(request => {
    streams.push({ filter: request?.filter, fields: request?.fields });
    if (state.fail) {
      return (async function* failing(): AsyncGenerator<Entity[]> {
        throw new Error('catalog unavailable');
      })();
    }
    return catalogServiceMock({ entities: state.entities }).streamEntities(
      request,
    );
  });
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const logger = mockServices.logger.mock();
  const auth = mockServices.auth();
  const owners = new OwnerHierarchy({
    catalog,
    auth,
    ttlMs: TTL,
    logger,
    now: clock.now,
  });
  return { owners, state, streams, clock, logger, auth };
}

describe('OwnerHierarchy', () => {
  it('expands children from spec.children, spec.parent and both relations, breadth-first, once each', async () => {
    const { owners } = setup([
      group('org', { children: ['eng'], parentOf: ['group:default/sales'] }),
      group('eng', { children: ['backend', 'org'] }),
      group('sales'),
      group('backend'),
      group('ops', { parent: 'eng' }),
      group('infra', { childOf: ['group:default/ops'] }),
      group('Platform', { childOf: ['group:default/org'] }),
    ]);

    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
      'group:default/sales',
      'group:default/eng',
      'group:default/platform',
      'group:default/backend',
      'group:default/ops',
      'group:default/infra',
    ]);
    await expect(owners.withChildren('group:default/ops')).resolves.toEqual([
      'group:default/ops',
      'group:default/infra',
    ]);
  });

  it('walks only the groups a caller can read, when given its readable refs', async () => {
    const { owners } = setup([
      group('org', { children: ['eng', 'secret'] }),
      group('eng', { children: ['backend'] }),
      group('secret', { children: ['hidden-child'] }),
      group('backend'),
      group('hidden-child'),
    ]);
    const readable = new Set([
      'group:default/org',
      'group:default/eng',
      'group:default/backend',
      'group:default/hidden-child',
    ]);

    await expect(
      owners.withChildren('group:default/org', readable),
    ).resolves.toEqual([
      'group:default/org',
      'group:default/eng',
      'group:default/backend',
    ]);
    // An owner the caller cannot read is returned alone, not expanded.
    await expect(
      owners.withChildren('group:default/secret', readable),
    ).resolves.toEqual(['group:default/secret']);
  });

  it('stops at the count bound', async () => {
    const wide = [
      group('root', {
        children: Array.from({ length: 1200 }, (_, i) => `leaf-${i}`),
      }),
      ...Array.from({ length: 1200 }, (_, i) => group(`leaf-${i}`)),
    ];
    const { owners } = setup(wide);

    await expect(
      owners.withChildren('group:default/root'),
    ).resolves.toHaveLength(1000);
  });

  it('compares refs lower-cased', async () => {
    const { owners } = setup([
      group('Eng', { children: ['Backend'] }),
      group('Backend'),
    ]);

    await expect(owners.withChildren('group:default/ENG')).resolves.toEqual([
      'group:default/eng',
      'group:default/backend',
    ]);
    await expect(owners.exists('Group:Default/backend')).resolves.toBe(true);
  });

  it('ends a cycle', async () => {
    const { owners } = setup([
      group('a', { children: ['b'] }),
      group('b', { children: ['a'], parentOf: ['group:default/a'] }),
    ]);

    await expect(owners.withChildren('group:default/a')).resolves.toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    await expect(owners.withChildren('group:default/b')).resolves.toEqual([
      'group:default/b',
      'group:default/a',
    ]);
  });

  it('stops at the depth bound', async () => {
    const chain = Array.from({ length: 15 }, (_, i) =>
      group(`g${i}`, { children: i < 14 ? [`g${i + 1}`] : [] }),
    );
    const { owners } = setup(chain);

    const expanded = await owners.withChildren('group:default/g0');
    expect(expanded).toHaveLength(11);
    expect(expanded[10]).toBe('group:default/g10');
  });

  it('expands nothing for a user or an unknown group, and skips children not in the catalog', async () => {
    const { owners } = setup([
      group('org', { children: ['ghost-child'] }),
      user('jane'),
    ]);

    await expect(owners.withChildren('user:default/jane')).resolves.toEqual([
      'user:default/jane',
    ]);
    await expect(owners.withChildren('group:default/ghost')).resolves.toEqual([
      'group:default/ghost',
    ]);
    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
    ]);
  });

  it('knows groups and users, not other kinds or unknown owners', async () => {
    const { owners } = setup([group('org'), user('jane'), component('web')]);

    await expect(owners.exists('group:default/org')).resolves.toBe(true);
    await expect(owners.exists('user:default/jane')).resolves.toBe(true);
    await expect(owners.exists('group:default/ghost')).resolves.toBe(false);
    await expect(owners.exists('user:default/ghost')).resolves.toBe(false);
    await expect(owners.exists('component:default/web')).resolves.toBe(false);
  });

  it('reads groups and users with its own credentials, filtered by kind and only the fields it needs', async () => {
    const { owners, streams, auth } = setup([group('org'), user('jane')]);
    const own = jest.spyOn(auth, 'getOwnServiceCredentials');

    await owners.exists('group:default/org');

    expect(own).toHaveBeenCalledTimes(1);
    expect(streams).toEqual([
      {
        filter: { kind: 'group' },
        fields: expect.arrayContaining(['spec.children', 'spec.parent']),
      },
      {
        filter: { kind: 'user' },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
    ]);
  });

  /** Lets a background reload finish. */
  const settled = () => new Promise(resolve => setTimeout(resolve, 20));

  it('keeps the copy for the TTL: a move shows after it and its reload, not before', async () => {
    const { owners, state, streams, clock } = setup([
      group('org', { children: ['eng'] }),
      group('eng'),
      group('sales'),
    ]);
    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
      'group:default/eng',
    ]);

    state.entities = [
      group('org'),
      group('eng'),
      group('sales', { children: ['eng'] }),
    ];
    clock.advance(TTL - 1);
    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
      'group:default/eng',
    ]);
    expect(streams).toHaveLength(2);

    clock.advance(1);
    // Past the TTL the copy is still served while a new one loads.
    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
      'group:default/eng',
    ]);
    await settled();
    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
    ]);
    await expect(owners.withChildren('group:default/sales')).resolves.toEqual([
      'group:default/sales',
      'group:default/eng',
    ]);
    expect(streams).toHaveLength(4);
  });

  it('shares one load between concurrent callers', async () => {
    const { owners, streams } = setup([
      group('org', { children: ['eng'] }),
      group('eng'),
      user('jane'),
    ]);

    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () =>
        owners.withChildren('group:default/org'),
      ),
      owners.exists('user:default/jane'),
    ]);

    expect(answers[0]).toEqual(['group:default/org', 'group:default/eng']);
    expect(answers[10]).toBe(true);
    // One load: one stream of groups and one of users.
    expect(streams.map(s => s.filter)).toEqual([
      { kind: 'group' },
      { kind: 'user' },
    ]);
  });

  it('serves the previous copy with a warning when a reload fails, and retries later', async () => {
    const { owners, state, streams, clock, logger } = setup([
      group('org', { children: ['eng'] }),
      group('eng'),
    ]);
    await owners.withChildren('group:default/org');

    state.fail = true;
    clock.advance(TTL);
    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
      'group:default/eng',
    ]);
    await settled();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain('catalog unavailable');

    // No new attempt right away: the catalog is not asked on every request.
    const attempts = streams.length;
    await owners.withChildren('group:default/org');
    expect(streams).toHaveLength(attempts);

    state.fail = false;
    state.entities = [group('org'), group('eng')];
    clock.advance(5_000);
    await owners.withChildren('group:default/org');
    await settled();
    await expect(owners.withChildren('group:default/org')).resolves.toEqual([
      'group:default/org',
    ]);
  });

  it('throws when the catalog could never be read, and tries again on the next call', async () => {
    const { owners, state } = setup([group('org')]);
    state.fail = true;

    await expect(owners.exists('group:default/org')).rejects.toThrow(
      'catalog unavailable',
    );

    state.fail = false;
    await expect(owners.exists('group:default/org')).resolves.toBe(true);
  });
});
