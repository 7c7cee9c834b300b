import { describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/core/findings';

// The notifications adapter against a stand-in browser API (adapter tests only: the real
// notifications are read back end to end in test/e2e/warnings.test.ts).

const calls: Array<[string, ...unknown[]]> = [];
const session = new Map<string, unknown>();
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      session: {
        get: async (key: string) => (session.has(key) ? { [key]: session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) session.set(k, structuredClone(v));
        },
      },
    },
    i18n: { getMessage: (key: string, subs?: string[]) => `${key}(${(subs ?? []).join('|')})` },
    runtime: { getURL: (path: string) => `chrome-extension://pw/${path}` },
    notifications: {
      create: async (id: string, options: unknown) => void calls.push(['create', id, options]),
      clear: async (id: string) => void calls.push(['clear', id]),
    },
    tabs: { create: async (options: unknown) => void calls.push(['tab', options]) },
  },
}));
// The words come through the pages' wrapper of the API (src/shared/i18n.ts, src/shared/ext.ts).
vi.mock('../../src/shared/ext', () => ({
  browser: {
    i18n: { getMessage: (key: string, subs?: string[]) => `${key}(${(subs ?? []).join('|')})` },
  },
}));
const { openNotifiedReport, showNotifications, tabOfNotification } =
  await import('../../src/background/notifications');

const downgrade: Finding = {
  id: 'downgrade-redirect',
  severity: 'danger',
  allowlisted: false,
  softened: false,
  evidence: { from: 'https://a.example/', to: `http://a.example/${'x'.repeat(500)}`, hop: 1 },
};

describe('notifications', () => {
  it('say the finding and the host in words, with its severity icon, under the id of the tab', async () => {
    await showNotifications(7, 'http://a.example/' + 'x'.repeat(500), [downgrade]);
    const [kind, id, options] = calls.shift()!;
    expect(kind).toBe('create');
    expect(id).toBe('portwatch:7');
    expect(tabOfNotification(id as string)).toBe(7);
    const o = options as { title: string; message: string; iconUrl: string };
    expect(o.title).toBe('finding_downgrade_redirect()');
    // The host, never the attacker-chosen path.
    expect(o.message).toBe('notify_message(a.example)');
    expect(o.iconUrl).toBe('chrome-extension://pw/icons/danger-128.png');
  });

  it("replace the tab's notification, and stay quiet while a page repeats itself", async () => {
    for (let i = 0; i < 20; i++) await showNotifications(8, 'http://loop.example/', [downgrade]);
    const stripped: Finding = { ...downgrade, id: 'https-stripped' };
    await showNotifications(8, 'http://loop.example/', [stripped]);
    expect(calls.splice(0).map(([kind, id]) => [kind, id])).toEqual([
      ['create', 'portwatch:8'],
      ['create', 'portwatch:8'],
    ]);
  });

  it("open the tab's report on a click, and ignore anyone else's", async () => {
    await openNotifiedReport('portwatch:42:https-stripped:1');
    expect(calls.splice(0)).toEqual([
      ['clear', 'portwatch:42:https-stripped:1'],
      ['tab', { url: 'chrome-extension://pw/popup.html?tab=42' }],
    ]);
    await openNotifiedReport('someone-else:42');
    expect(tabOfNotification('portwatch:x:y')).toBeNull();
    expect(calls).toEqual([]);
  });
});
