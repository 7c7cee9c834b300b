import { expect } from 'vitest';
import type { TestBrowser } from './browsers';

// Chrome's debugger, as the tests check it after a certificate read.

/**
 * Detached: this extension can attach again (it could not while still attached, which the second
 * attach shows). Other debuggers, such as the harness's own, do not count here.
 */
export async function expectDetached(tb: TestBrowser, tabId: number): Promise<void> {
  const attempts = await tb.inExtension(async (id: number) => {
    type Api = {
      attach(t: object, v: string): Promise<void>;
      detach(t: object): Promise<void>;
    };
    const api = (globalThis as unknown as { chrome: { debugger: Api } }).chrome.debugger;
    const outcome = (p: Promise<void>) =>
      p.then(
        () => 'attached',
        (e: unknown) => String(e),
      );
    const first = await outcome(api.attach({ tabId: id }, '1.3'));
    const second = await outcome(api.attach({ tabId: id }, '1.3'));
    await api.detach({ tabId: id });
    return [first, second];
  }, tabId);
  expect(attempts[0]).toBe('attached');
  expect(attempts[1]).toMatch(/already attached/i);
}
