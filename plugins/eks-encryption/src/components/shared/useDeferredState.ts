import { useDeferredValue } from 'react';

/**
 * An async state (react-use's `useAsync` shape) whose new value renders in a
 * transition: React renders a page of rows in short slices rather than one
 * long task that blocks the page. Until that render, the state says loading.
 */
export function useDeferredState<
  S extends { loading: boolean; value?: unknown },
>(state: S): S {
  const value = useDeferredValue(state.value);
  return value === state.value ? state : { ...state, value, loading: true };
}
