import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, FindingId, Severity } from '../../src/core/findings';
import { raise } from '../../src/core/findings';
import { renderMessage } from '../../src/core/message';
import {
  admit,
  NO_LIMITS,
  PER_KIND_MS,
  PER_MINUTE,
  readNotifyLimits,
  tabOfNotification,
  type NotifyLimits,
} from '../../src/core/notify';
import { t } from './translate';

// How many notifications a page can cause: one per tab (replaced), one per host and kind per ten
// minutes, a few a minute in all, worded by host and never by the page's path.

const T0 = Date.UTC(2026, 11, 6, 12);
const MINUTE = 60_000;
const downgrade = (path = 'x'): Finding =>
  raise('downgrade-redirect', 'danger', {
    from: 'https://loop.example/',
    to: `http://loop.example/${path}`,
    hop: 1,
  });
const finding = (id: FindingId, severity: Severity = 'danger'): Finding =>
  raise(id, severity, { url: 'https://a.example/' });

/** Loads of `url` raising `findings`, one every `every` ms: the notifications shown. */
function loads(count: number, every: number, url: string, findings: Finding[], tabId = 7) {
  let limits: NotifyLimits = NO_LIMITS;
  const shown = [];
  for (let i = 0; i < count; i++) {
    const r = admit(limits, tabId, url, findings, T0 + i * every);
    limits = JSON.parse(JSON.stringify(r.limits)) as NotifyLimits;
    if (r.notification) shown.push(r.notification);
  }
  return shown;
}

describe('notifications a page can cause', () => {
  it('a redirect loop notifies once per ten minutes, not on every load', () => {
    // A load every 2 s for 30 minutes: 900 dangers.
    const shown = loads(900, 2000, 'http://loop.example/x', [downgrade()]);
    expect(shown).toHaveLength(3);
    expect(new Set(shown.map((n) => n.id))).toEqual(new Set(['portwatch:7']));
  });

  it('a new kind on the same host still notifies, and at most a few a minute in all', () => {
    const kinds: FindingId[] = ['downgrade-redirect', 'insecure-form', 'https-stripped'];
    let limits: NotifyLimits = NO_LIMITS;
    const shown = [];
    for (let i = 0; i < 10; i++) {
      const f = [finding(kinds[i % 3]!)];
      const r = admit(limits, i, `https://host${i}.example/`, f, T0 + i * 1000);
      limits = r.limits;
      if (r.notification) shown.push(r.notification);
    }
    expect(shown).toHaveLength(PER_MINUTE);
    const later = admit(
      limits,
      11,
      'https://late.example/',
      [finding('mixed-content')],
      T0 + MINUTE,
    );
    expect(later.notification).not.toBeNull();
  });

  it('names the host, and its punycode beside a look-alike, never the path', () => {
    const path = `secret/${'a'.repeat(200)}?token=1`;
    const [n] = loads(1, 0, `http://xn--pple-43d.com/${path}`, [downgrade(path)]);
    const text = renderMessage(n!.message, t);
    expect(text).toBe('On аpple.com (xn--pple-43d.com). Click for the full report.');
    expect(renderMessage(n!.title, t)).toBe('Redirected from HTTPS to HTTP');
  });

  it('tells the worst finding and how many more came with it', () => {
    const [n] = loads(1, 0, 'https://a.example/', [
      finding('https-stripped'),
      finding('mixed-content', 'warning'),
    ]);
    expect(n!.severity).toBe('danger');
    expect(renderMessage(n!.message, t)).toBe(
      'On a.example, and 1 more. Click for the full report.',
    );
  });

  it('reads stored limits as far as they are valid, and never throws', () => {
    const stored = { sent: { 'a.example downgrade-redirect': T0, bad: 'x' }, recent: [T0, 'y'] };
    expect(readNotifyLimits(stored)).toEqual({
      sent: { 'a.example downgrade-redirect': T0 },
      recent: [T0],
    });
    fc.assert(
      fc.property(fc.anything(), fc.integer({ min: 0, max: 2 ** 40 }), (raw, now) => {
        admit(readNotifyLimits(raw), 1, 'https://a.example/', [finding('insecure-form')], now);
      }),
    );
  });

  it('knows the tab of its notification ids, old and new', () => {
    expect(tabOfNotification('portwatch:42')).toBe(42);
    expect(tabOfNotification('portwatch:42:https-stripped:1')).toBe(42);
    expect(tabOfNotification('someone-else:42')).toBeNull();
  });

  it(`forgets a host and kind after ${PER_KIND_MS / MINUTE} minutes`, () => {
    const first = admit(NO_LIMITS, 1, 'https://a.example/', [finding('insecure-form')], T0);
    const soon = admit(
      first.limits,
      1,
      'https://a.example/',
      [finding('insecure-form')],
      T0 + PER_KIND_MS - 1,
    );
    expect(soon.notification).toBeNull();
    const after = admit(
      first.limits,
      1,
      'https://a.example/',
      [finding('insecure-form')],
      T0 + PER_KIND_MS,
    );
    expect(after.notification).not.toBeNull();
  });
});
