import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** `value`, once it has stopped changing for `ms` milliseconds. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useDebounce(() => setDebounced(value), ms, [value]);
  return debounced;
}
