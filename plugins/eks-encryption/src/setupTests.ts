import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Material tables and accordions render slowly in jsdom on small CI machines:
// these are upper bounds for waiting, not expectations about speed.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

// jsdom has no ResizeObserver, which recharts' ResponsiveContainer needs.
class NoopResizeObserver {
  observe() {
    return undefined;
  }
  unobserve() {
    return undefined;
  }
  disconnect() {
    return undefined;
  }
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', {
    value: NoopResizeObserver,
    writable: true,
  });
}
