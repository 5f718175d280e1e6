import {
  CHECKS,
  CHECK_IDS,
  getCheckDefinition,
  isBuiltInCheckId,
} from './checks';

describe('check catalogue', () => {
  it('defines every check id once, in catalogue order', () => {
    expect(CHECKS.map(c => c.id)).toEqual([...CHECK_IDS]);
  });

  it('uses the severities of the design', () => {
    expect(Object.fromEntries(CHECKS.map(c => [c.id, c.severity]))).toEqual({
      'envelope-encryption': 'critical',
      'customer-managed-key': 'high',
      'key-usable': 'critical',
      'key-rotation': 'medium',
      'key-dedicated': 'medium',
      'key-policy': 'high',
      'approved-key': 'high',
      'secrets-rewritten': 'medium',
      'ownership-tags': 'low',
    });
  });

  it('looks built-in checks up by id', () => {
    expect(getCheckDefinition('key-policy').title).toBe('Key policy scoped');
    expect(isBuiltInCheckId('key-policy')).toBe(true);
    expect(isBuiltInCheckId('constructor')).toBe(false);
  });

  it('knows no definition of a check a module added', () => {
    expect(isBuiltInCheckId('data-classification')).toBe(false);
    expect(() => getCheckDefinition('data-classification')).toThrow(
      '"data-classification" is not a built-in check',
    );
  });
});
