import { toOwnerRef } from './ownerRef';

describe('toOwnerRef', () => {
  it.each([
    ['group:default/payments', 'group:default/payments'],
    ['user:jane.doe', 'user:default/jane.doe'],
    ['payments', 'group:default/payments'],
    ['Group:Ops/SRE', 'group:ops/sre'],
  ])('reads %s as %s', (value, ref) => {
    expect(toOwnerRef(value)).toBe(ref);
  });

  it.each(['', 'a b', 'group:default/', 'group:/x', 'x:y:z/w'])(
    'refuses %j',
    value => {
      expect(toOwnerRef(value)).toBeUndefined();
    },
  );
});
