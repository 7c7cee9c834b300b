import { describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/core/findings';

// The notifications adapter against a stand-in browser API (adapter tests only: the real
// notifications are read back end to end in test/e2e/warnings.test.ts).

const calls: Array<[string, ...unknown[]]> = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getMessage: (key: string, subs?: string[]) => `${key}(${(subs ?? []).join('|')})` },
    runtime: { getURL: (path: string) => `chrome-extension://pw/${path}` },
    notifications: {
      create: async (id: string, options: unknown) => void calls.push(['create', id, options]),
      clear: async (id: string) => void calls.push(['clear', id]),
    },
    tabs: { create: async (options: unknown) => void calls.push(['tab', options]) },
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
  it('say the finding in words, bounded, with its severity icon, under an id naming the tab', async () => {
    await showNotifications(7, [downgrade]);
    const [kind, id, options] = calls.shift()!;
    expect(kind).toBe('create');
    expect(tabOfNotification(id as string)).toBe(7);
    expect(id).toMatch(/^portwatch:7:downgrade-redirect:\d+$/);
    const o = options as { title: string; message: string; iconUrl: string };
    expect(o.title).toBe('finding_downgrade_redirect()');
    expect(
      o.message.startsWith('detail_downgrade_redirect(https://a.example/|http://a.example/'),
    ).toBe(true);
    expect(o.message.length).toBeLessThanOrEqual(240);
    expect(o.iconUrl).toBe('chrome-extension://pw/icons/danger-128.png');
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
