import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import type { TabEvent } from '../../src/core/events';
import { findingText } from '../../src/core/finding-text';
import type { HostMemory } from '../../src/core/memory';
import { rememberedCert } from '../../src/core/memory';
import { renderMessage } from '../../src/core/message';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../src/core/settings';
import { readTabState } from '../../src/core/tab-state-read';
import { firefoxInfo } from '../fixtures/certs/firefox-info';
import { fixture } from '../fixtures/certs/load';
import { load, nextTime, run } from './events';
import { t } from './translate';

// https-stripped and certificate-changed, from what the memory held before the visit (the
// background asks it when a page commits and sends the answer as a memory event).

const DAY = 86_400_000;
/** The test clock (events.ts) at the start: memories are dated from it. */
const NOW = nextTime();

function memoryEvent(url: string, remembered: HostMemory | null): TabEvent {
  return { type: 'memory', url, remembered, time: nextTime() };
}

function reportOf(events: TabEvent[], settings: CoreSettings = DEFAULT_SETTINGS) {
  const state = run(events);
  expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  return buildReport(1, state, settings, { now: nextTime(), tlsSource: 'firefox' });
}

const ids = (r: ReturnType<typeof reportOf>) => r.findings.map((f) => f.id);

describe('https-stripped', () => {
  const plain = load({ chain: ['http://bank.example/login'] });
  const seen = (daysAgo: number): HostMemory => {
    const at = NOW - daysAgo * DAY;
    return { seen: at, https: at };
  };

  it('is raised when a host seen over HTTPS is served over plain HTTP', () => {
    const r = reportOf([...plain, memoryEvent('http://bank.example/login', seen(3))]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ id: 'https-stripped', severity: 'danger' });
    expect(r.verdict).toBe('danger');
    expect(badgeFor(r).text).toBe('!');
    expect(renderMessage(findingText(f).detail, t)).toMatch(
      /^http:\/\/bank\.example\/login is served over plain HTTP, yet this browser reached this site over HTTPS before \(last on \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/,
    );
  });

  it('is not raised with nothing remembered, remembering off, a memory too old, or HTTPS now', () => {
    expect(ids(reportOf([...plain, memoryEvent('http://bank.example/login', null)]))).not.toContain(
      'https-stripped',
    );
    const remembered = [...plain, memoryEvent('http://bank.example/login', seen(3))];
    expect(ids(reportOf(remembered, { ...DEFAULT_SETTINGS, rememberHttps: false }))).not.toContain(
      'https-stripped',
    );
    expect(ids(reportOf(remembered, { ...DEFAULT_SETTINGS, rememberDays: 2 }))).not.toContain(
      'https-stripped',
    );
    const secure = load({ chain: ['https://bank.example/'] });
    expect(ids(reportOf([...secure, memoryEvent('https://bank.example/', seen(3))]))).toEqual([
      'no-hsts',
    ]);
  });

  it('joins only the page it was asked for, not one committed since', () => {
    const later = load({ chain: ['http://other.example/'] });
    const r = reportOf([...plain, ...later, memoryEvent('http://bank.example/login', seen(1))]);
    expect(ids(r)).not.toContain('https-stripped');
  });
});

describe('certificate-changed', () => {
  const URL_ = 'https://shop.example/';
  const tlsOf = (name: string) => fromFirefoxSecurityInfo(firefoxInfo([fixture(name)]))!;
  /** A visit serving `served`, with `remembered` as the certificate remembered for the host. */
  function visit(served: string, remembered: HostMemory): TabEvent[] {
    const events = load({ chain: [URL_], hsts: 'max-age=31536000' });
    const requestId = (events[0] as { requestId: string }).requestId;
    return [
      ...events,
      { type: 'security', requestId, url: URL_, tls: tlsOf(served), time: nextTime() },
      memoryEvent(URL_, remembered),
    ];
  }
  const memoryOf = (name: string, notAfter?: number): HostMemory => {
    const cert = rememberedCert(tlsOf(name).chain[0]!)!;
    return { seen: NOW - DAY, https: NOW - DAY, cert: { ...cert, notAfter } };
  };
  const farFromExpiry = NOW + 200 * DAY;

  it('is raised for a new key while the old certificate was far from expiry', () => {
    const r = reportOf(visit('ec-p384', memoryOf('ec-p256', farFromExpiry)));
    const f = r.findings.find((x) => x.id === 'certificate-changed');
    expect(f).toMatchObject({ severity: 'warning' });
    expect(badgeFor(r).text).toBe('CERT');
    expect(renderMessage(findingText(f!).detail, t)).toMatch(/has a new key, issued by “CN=/);
  });

  it('is not raised for the same key, a renewal near expiry, or with remembering off', () => {
    expect(ids(reportOf(visit('ec-p256', memoryOf('ec-p256', farFromExpiry))))).not.toContain(
      'certificate-changed',
    );
    const soon = NOW + 20 * DAY;
    expect(ids(reportOf(visit('ec-p384', memoryOf('ec-p256', soon))))).not.toContain(
      'certificate-changed',
    );
    const off = { ...DEFAULT_SETTINGS, rememberCertificates: false };
    expect(ids(reportOf(visit('ec-p384', memoryOf('ec-p256', farFromExpiry)), off))).not.toContain(
      'certificate-changed',
    );
  });
});

describe('https-stripped beside a downgrade seen happening', () => {
  it('is left out: the downgrade finding already says why the page is on plain HTTP', () => {
    const seenAt = nextTime() - DAY;
    const remembered: HostMemory = { seen: seenAt, https: seenAt };
    const redirected = load({ chain: ['https://bank.example/', 'http://bank.example/'] });
    const r = reportOf([...redirected, memoryEvent('http://bank.example/', remembered)]);
    expect(ids(r)).toContain('downgrade-redirect');
    expect(ids(r)).not.toContain('https-stripped');
  });
});
