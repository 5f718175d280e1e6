import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ReadAccess } from './readAccess';

const TTL = 60_000;

const CONDITIONAL: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: ['group:default/team-a'] },
  },
};

function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

const JANE = 'user:default/jane';
const JOHN = 'user:default/john';

/**
 * A ReadAccess over mocks: `decision` is what the permission framework answers,
 * `visible` what the catalog returns to the caller, `claims` the ownership refs of
 * each user.
 */
function setup(
  options: {
    decision?: PolicyDecision;
    visible?: Entity[];
    claims?: Record<string, string[]>;
    maxEntries?: number;
  } = {},
) {
  const state = {
    decision: options.decision ?? CONDITIONAL,
    visible: options.visible ?? [component('web'), component('api')],
    claims: options.claims ?? {},
    failStream: false,
  };
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async () => [state.decision],
  });
  const catalog = catalogServiceMock.mock();
  catalog.streamEntities.mockImplementation(request => {
    if (state.failStream) {
      return (async function* failing(): AsyncGenerator<Entity[]> {
        throw new Error('catalog unavailable');
      })();
    }
    return catalogServiceMock({ entities: state.visible }).streamEntities(
      request,
    );
  });
  catalog.getEntitiesByRefs.mockImplementation(async request =>
    catalogServiceMock({ entities: state.visible }).getEntitiesByRefs(request),
  );
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async (credentials: BackstageCredentials) => {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: state.claims[userEntityRef] ?? [userEntityRef],
      };
    },
  });
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const access = new ReadAccess({
    permissions,
    catalog,
    userInfo,
    ttlMs: TTL,
    maxEntries: options.maxEntries ?? 100,
    now: clock.now,
  });
  const calls = () => ({
    permission: permissions.authorizeConditional.mock.calls.length,
    stream: catalog.streamEntities.mock.calls.length,
  });
  return { access, state, clock, calls, catalog, permissions };
}

describe('ReadAccess', () => {
  it('reloads an entry in its last quarter in the background, and still expires it on time', async () => {
    const { access, state, clock, calls } = setup();
    const jane = mockCredentials.user(JANE);
    const first = await access.forLists(jane);
    expect(calls().stream).toBe(1);

    // In the last quarter: the cached scope answers at once, a reload starts.
    state.visible = [component('web')];
    clock.advance(TTL * 0.8);
    expect(await access.forLists(jane)).toBe(first);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(calls().stream).toBe(2);

    // The reloaded entry serves from then on, for a whole TTL from its load.
    clock.advance(TTL * 0.3);
    const reloaded = await access.forLists(jane);
    expect([...reloaded.readable!.entityRefs]).toEqual([
      'component:default/web',
    ]);
    expect(calls().stream).toBe(2);

    // Nobody asks in the last quarter: the entry expires and the next caller waits for a load.
    clock.advance(TTL);
    state.visible = [component('api')];
    const expired = await access.forLists(jane);
    expect([...expired.readable!.entityRefs]).toEqual([
      'component:default/api',
    ]);
    expect(calls().stream).toBe(3);
  });

  it('answers a hit with the same scope object, without a permission or catalog call', async () => {
    const { access, calls } = setup();
    const jane = mockCredentials.user(JANE);

    const first = await access.forLists(jane);
    expect([...first.readable!.entityRefs].sort()).toEqual([
      'component:default/api',
      'component:default/web',
    ]);
    expect(calls()).toEqual({ permission: 1, stream: 1 });

    const second = await access.forLists(jane);
    expect(second).toBe(first);
    expect(second.readable!.entityRefs).toBe(first.readable!.entityRefs);
    expect(calls()).toEqual({ permission: 1, stream: 1 });
  });

  it('keys users by entity ref and ownership claims, in any order', async () => {
    const { access, state, calls } = setup({
      claims: {
        [JANE]: [JANE, 'group:default/team-a', 'group:default/team-b'],
        [JOHN]: [JOHN, 'group:default/team-a'],
      },
    });

    const jane = await access.forLists(mockCredentials.user(JANE));
    const john = await access.forLists(mockCredentials.user(JOHN));
    expect(john).not.toBe(jane);
    expect(calls()).toEqual({ permission: 2, stream: 2 });

    // Same user, same claims in another order: the same entry.
    state.claims[JANE] = ['group:default/team-b', JANE, 'group:default/team-a'];
    await expect(access.forLists(mockCredentials.user(JANE))).resolves.toBe(
      jane,
    );
    expect(calls()).toEqual({ permission: 2, stream: 2 });

    // Same user, a claim less (left a team): a new entry.
    state.claims[JANE] = [JANE, 'group:default/team-a'];
    const janeNow = await access.forLists(mockCredentials.user(JANE));
    expect(janeNow).not.toBe(jane);
    expect(calls()).toEqual({ permission: 3, stream: 3 });
  });

  it('loads again after the TTL', async () => {
    const { access, state, clock, calls } = setup();
    const jane = mockCredentials.user(JANE);
    const first = await access.forLists(jane);

    state.visible = [component('web')];
    clock.advance(TTL - 1);
    await expect(access.forLists(jane)).resolves.toBe(first);

    clock.advance(1);
    const second = await access.forLists(jane);
    expect(second).not.toBe(first);
    expect([...second.readable!.entityRefs]).toEqual(['component:default/web']);
    expect(calls()).toEqual({ permission: 2, stream: 2 });
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const { access, calls } = setup({ maxEntries: 2 });
    const a = mockCredentials.user('user:default/a');
    const b = mockCredentials.user('user:default/b');
    const c = mockCredentials.user('user:default/c');

    const scopeA = await access.forLists(a);
    await access.forLists(b);
    await access.forLists(a); // a is now more recent than b
    await access.forLists(c); // evicts b
    expect(calls().permission).toBe(3);

    await expect(access.forLists(a)).resolves.toBe(scopeA);
    expect(calls().permission).toBe(3);
    await access.forLists(b);
    expect(calls().permission).toBe(4);
  });

  it('caches ALLOW and DENY without a catalog call', async () => {
    const allow = setup({ decision: { result: AuthorizeResult.ALLOW } });
    const jane = mockCredentials.user(JANE);
    await expect(allow.access.forLists(jane)).resolves.toEqual({});
    await expect(allow.access.forLists(jane)).resolves.toEqual({});
    await expect(
      allow.access.canRead(jane, 'component:default/anything'),
    ).resolves.toBe(true);
    expect(allow.calls()).toEqual({ permission: 1, stream: 0 });

    const deny = setup({ decision: { result: AuthorizeResult.DENY } });
    const first = await deny.access.forLists(jane);
    expect([...first.readable!.entityRefs]).toEqual([]);
    await expect(deny.access.forLists(jane)).resolves.toBe(first);
    await expect(
      deny.access.canRead(jane, 'component:default/web'),
    ).resolves.toBe(false);
    expect(deny.calls()).toEqual({ permission: 1, stream: 0 });
  });

  it('answers forEntity and canRead from a cached set', async () => {
    const { access, calls, catalog } = setup();
    const jane = mockCredentials.user(JANE);
    await access.forLists(jane);

    await expect(access.canRead(jane, 'component:default/web')).resolves.toBe(
      true,
    );
    await expect(
      access.canRead(jane, 'component:default/secret'),
    ).resolves.toBe(false);
    const scope = await access.forEntity(jane, 'component:default/api');
    expect([...scope.readable!.entityRefs]).toEqual(['component:default/api']);
    expect(calls()).toEqual({ permission: 1, stream: 1 });
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('asks as before for one entity without a cached set', async () => {
    const { access, calls, catalog } = setup();
    const jane = mockCredentials.user(JANE);

    await expect(access.canRead(jane, 'component:default/web')).resolves.toBe(
      true,
    );
    await expect(
      access.canRead(jane, 'component:default/secret'),
    ).resolves.toBe(false);
    expect(calls()).toEqual({ permission: 2, stream: 0 });
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('never caches existsForCaller', async () => {
    const { access, state, calls } = setup();
    const jane = mockCredentials.user(JANE);
    await access.forLists(jane);

    await expect(
      access.existsForCaller(jane, 'component:default/web'),
    ).resolves.toBe(true);
    state.visible = [];
    await expect(
      access.existsForCaller(jane, 'component:default/web'),
    ).resolves.toBe(false);
    expect(calls().permission).toBe(3);
  });

  it('keys a service principal by its subject', async () => {
    const { access, calls } = setup();

    const first = await access.forLists(mockCredentials.service('plugin:a'));
    await expect(
      access.forLists(mockCredentials.service('plugin:a')),
    ).resolves.toBe(first);
    expect(calls().permission).toBe(1);

    await expect(
      access.forLists(mockCredentials.service('plugin:b')),
    ).resolves.not.toBe(first);
    expect(calls().permission).toBe(2);
  });

  it('does not cache a caller that is neither a user nor a service', async () => {
    const { access, calls } = setup();

    await access.forLists(mockCredentials.none());
    await access.forLists(mockCredentials.none());
    expect(calls()).toEqual({ permission: 2, stream: 2 });
  });

  it('shares one load between concurrent misses for one key', async () => {
    const { access, calls } = setup();

    const scopes = await Promise.all(
      Array.from({ length: 10 }, () =>
        access.forLists(mockCredentials.user(JANE)),
      ),
    );

    expect(new Set(scopes).size).toBe(1);
    expect(calls()).toEqual({ permission: 1, stream: 1 });
  });

  it('does not keep a failed load', async () => {
    const { access, state, calls } = setup();
    const jane = mockCredentials.user(JANE);
    state.failStream = true;

    await expect(
      Promise.all([access.forLists(jane), access.forLists(jane)]),
    ).rejects.toThrow('catalog unavailable');
    expect(calls().stream).toBe(1);

    state.failStream = false;
    const scope = await access.forLists(jane);
    expect(scope.readable!.entityRefs.size).toBe(2);
    expect(calls().stream).toBe(2);
  });
});
