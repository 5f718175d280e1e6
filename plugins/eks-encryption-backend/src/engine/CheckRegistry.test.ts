import type { EksEncryptionCheck } from 'backstage-plugin-eks-encryption-node';
import { CheckRegistry } from './CheckRegistry';

const custom = (
  init: Partial<EksEncryptionCheck> = {},
): EksEncryptionCheck => ({
  id: 'data-classification',
  title: 'Data classification tag',
  severity: 'low',
  description: 'The cluster carries a data-classification tag.',
  judge: () => ({ status: 'pass', summary: 'Tagged' }),
  ...init,
});

describe('CheckRegistry', () => {
  it('holds the built-in checks, in catalogue order, with the severities of the design', () => {
    const definitions = new CheckRegistry().definitions();
    expect(definitions.map(({ id, severity }) => [id, severity])).toEqual([
      ['envelope-encryption', 'critical'],
      ['customer-managed-key', 'high'],
      ['key-usable', 'critical'],
      ['key-rotation', 'medium'],
      ['key-dedicated', 'medium'],
      ['key-policy', 'high'],
      ['approved-key', 'high'],
      ['secrets-rewritten', 'medium'],
      ['ownership-tags', 'low'],
    ]);
    expect(definitions.find(d => d.id === 'key-policy')?.title).toBe(
      'Key policy scoped',
    );
    for (const definition of definitions) {
      expect(Object.keys(definition).sort()).toEqual([
        'description',
        'id',
        'severity',
        'title',
      ]);
      expect(definition.title).not.toBe('');
      expect(definition.description).not.toBe('');
    }
  });

  it('lists added checks after the built-in ones, without their judges', () => {
    const registry = new CheckRegistry();
    registry.add([custom(), custom({ id: 'backup-tag', severity: 'high' })]);
    const ids = registry.definitions().map(d => d.id);
    expect(ids.slice(-2)).toEqual(['data-classification', 'backup-tag']);
    expect(registry.definitions()[9]).toEqual({
      id: 'data-classification',
      title: 'Data classification tag',
      severity: 'low',
      description: 'The cluster carries a data-classification tag.',
    });
    expect(registry.list()).toHaveLength(11);
  });

  it.each([
    [
      'a duplicate of a built-in id',
      [custom({ id: 'key-policy' })],
      'Cannot register EKS encryption check "key-policy" is already registered',
    ],
    [
      'the same id twice in one call',
      [custom(), custom()],
      'check "data-classification" is already registered',
    ],
    [
      'an id with capitals',
      [custom({ id: 'Data_Classification' })],
      'check "Data_Classification": the id must match ^[a-z0-9-]{1,64}$',
    ],
    [
      'an id longer than 64 characters',
      [custom({ id: 'a'.repeat(65) })],
      'the id must match',
    ],
    ['an empty id', [custom({ id: '' })], 'check "": the id must match'],
    [
      'an id that is not a string',
      [custom({ id: 42 as unknown as string })],
      'check 42: the id must match',
    ],
    [
      'an unknown severity',
      [custom({ severity: 'urgent' as never })],
      'check "data-classification": unknown severity "urgent" (use critical, high, medium, low)',
    ],
    [
      'no judge',
      [custom({ judge: undefined as never })],
      'check "data-classification": judge is not a function',
    ],
    [
      'no title',
      [custom({ title: ' ' })],
      'check "data-classification": the title is missing',
    ],
  ])('rejects %s, naming the id', (_case, checks, message) => {
    const registry = new CheckRegistry();
    expect(() => registry.add(checks)).toThrow(message);
    expect(() => registry.add(checks)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });

  it('adds all of a call or none of it', () => {
    const registry = new CheckRegistry();
    expect(() =>
      registry.add([custom({ id: 'fine' }), custom({ id: 'Not fine' })]),
    ).toThrow();
    expect(registry.list().map(c => c.id)).not.toContain('fine');
  });

  it('takes no check once sealed', () => {
    const registry = new CheckRegistry();
    registry.seal();
    expect(() => registry.add([custom()])).toThrow(
      'Checks can only be added while the backend starts',
    );
  });
});
