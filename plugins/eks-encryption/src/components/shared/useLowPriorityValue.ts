import { startTransition, useEffect, useState } from 'react';

/**
 * `value` a render late: `initial` first, then `value` in a transition, which
 * React renders in short slices that input and urgent updates may interrupt.
 * For costly things not on screen yet, such as a closed picker's options, so
 * that they neither delay the rows shown nor block the page.
 */
export function useLowPriorityValue<T>(value: T, initial: T): T {
  const [shown, setShown] = useState(initial);
  useEffect(() => {
    startTransition(() => setShown(value));
  }, [value]);
  return shown;
}
