import { beforeEach, describe, expect, it, vi } from 'vitest';

// Which tab the popup reports on: ?tab=N when valid, else the active tab of the current window.

// A plain function rather than vi.fn: vitest reports a vi.fn's rejected promise as an error even
// when the caller handles it.
const calls: unknown[] = [];
let answer: () => Promise<Array<{ id?: number }>> = async () => [];
// The pages' own wrapper of the browser's API (src/shared/ext.ts).
vi.mock('../../src/shared/ext', () => ({
  browser: {
    tabs: {
      query: (q: unknown) => {
        calls.push(q);
        return answer();
      },
    },
  },
}));

const { resolveTabId, tabIdFromSearch } = await import('../../src/popup/tab-id');

beforeEach(() => {
  calls.length = 0;
  answer = async () => [];
});

describe('tabIdFromSearch', () => {
  it('reads a non-negative integer', () => {
    expect(tabIdFromSearch('?tab=0')).toBe(0);
    expect(tabIdFromSearch('?tab=1234')).toBe(1234);
    expect(tabIdFromSearch('?x=1&tab=5')).toBe(5);
  });

  it('refuses anything else', () => {
    for (const search of [
      '',
      '?tab=',
      '?tab=-1',
      '?tab=1.5',
      '?tab=1e3',
      '?tab=0x10',
      '?tab= 1',
      '?tab=abc',
      '?tab=99999999999999999',
      '?tab=9007199254740993',
    ]) {
      expect(tabIdFromSearch(search), search).toBeNull();
    }
  });
});

describe('resolveTabId', () => {
  it('prefers the URL and does not query', async () => {
    expect(await resolveTabId('?tab=42')).toBe(42);
    expect(calls).toEqual([]);
  });

  it('falls back to the active tab of the current window', async () => {
    answer = async () => [{ id: 9 }];
    expect(await resolveTabId('')).toBe(9);
    expect(calls).toEqual([{ active: true, currentWindow: true }]);
  });

  it('gives null when there is no usable tab', async () => {
    answer = async () => [];
    expect(await resolveTabId('?tab=x')).toBeNull();
    answer = async () => [{ id: -1 }];
    expect(await resolveTabId('')).toBeNull();
    answer = () => Promise.reject(new Error('no window'));
    expect(await resolveTabId('')).toBeNull();
  });
});
