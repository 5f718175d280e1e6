import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { eksEncryptionApiRef, type CheckDefinition } from '../../api';
import { mockEksEncryptionApi } from '../../__testUtils__/mockEksEncryptionApi';
import { toCheckDefinitions, useCheckDefinitions } from './useCheckDefinitions';

const checks: CheckDefinition[] = [
  {
    id: 'data-classification',
    title: 'Data classification tag',
    severity: 'high',
    description: 'The cluster carries a data-classification tag.',
  },
  {
    id: 'envelope-encryption',
    title: 'Secrets envelope encryption',
    severity: 'critical',
    description: 'Secrets are envelope-encrypted.',
  },
];

function wrapperWith(api: ReturnType<typeof mockEksEncryptionApi>) {
  return ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[eksEncryptionApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
}

describe('toCheckDefinitions', () => {
  const definitions = toCheckDefinitions(checks);

  it('gives the title and severity of a listed check', () => {
    expect(definitions.title('data-classification')).toBe(
      'Data classification tag',
    );
    expect(definitions.severity('data-classification', 'low')).toBe('high');
  });

  it('falls back to the id and the result severity for an unknown check', () => {
    expect(definitions.title('not-listed')).toBe('not-listed');
    expect(definitions.severity('not-listed', 'medium')).toBe('medium');
  });

  it('sorts as the API lists the checks, unknown ones last in their order', () => {
    const sorted = definitions.sort([
      { id: 'zeta' },
      { id: 'envelope-encryption' },
      { id: 'alpha' },
      { id: 'data-classification' },
    ]);
    expect(sorted.map(r => r.id)).toEqual([
      'data-classification',
      'envelope-encryption',
      'zeta',
      'alpha',
    ]);
  });
});

describe('useCheckDefinitions', () => {
  it('asks for the checks once per page, however many use them', async () => {
    const api = mockEksEncryptionApi();
    api.listChecks.mockResolvedValue(checks);
    const wrapper = wrapperWith(api);
    const first = renderHook(() => useCheckDefinitions(), { wrapper });
    const second = renderHook(() => useCheckDefinitions(), { wrapper });
    await waitFor(() =>
      expect(first.result.current.title('data-classification')).toBe(
        'Data classification tag',
      ),
    );
    await waitFor(() =>
      expect(second.result.current.title('envelope-encryption')).toBe(
        'Secrets envelope encryption',
      ),
    );
    const third = renderHook(() => useCheckDefinitions(), { wrapper });
    await waitFor(() =>
      expect(third.result.current.title('envelope-encryption')).toBe(
        'Secrets envelope encryption',
      ),
    );
    expect(api.listChecks).toHaveBeenCalledTimes(1);
  });

  it('shows ids while loading and after a failure, and asks again later', async () => {
    const api = mockEksEncryptionApi();
    api.listChecks.mockRejectedValueOnce(new Error('unavailable'));
    const wrapper = wrapperWith(api);
    const failed = renderHook(() => useCheckDefinitions(), { wrapper });
    expect(failed.result.current.title('envelope-encryption')).toBe(
      'envelope-encryption',
    );
    await waitFor(() => expect(api.listChecks).toHaveBeenCalledTimes(1));
    // Let the failed answer settle.
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
    expect(failed.result.current.title('envelope-encryption')).toBe(
      'envelope-encryption',
    );

    const later = renderHook(() => useCheckDefinitions(), { wrapper });
    await waitFor(() =>
      expect(later.result.current.title('envelope-encryption')).toBe(
        'Secrets envelope encryption',
      ),
    );
    expect(api.listChecks).toHaveBeenCalledTimes(2);
  });
});
