import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import type { TabEvent } from '../../src/core/events';
import { findingText } from '../../src/core/finding-text';
import type { Finding } from '../../src/core/findings';
import type { HostMemory } from '../../src/core/memory';
import { certOfConnection, type RememberedCert } from '../../src/core/remembered-cert';
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

describe('certificate-changed and certificate-renewed', () => {
  const URL_ = 'https://shop.example/';
  const tlsOf = (name: string) => fromFirefoxSecurityInfo(firefoxInfo([fixture(name)]))!;
  /** A visit serving `served`, with `remembered` as what was remembered for the host. */
  function visit(served: string, remembered: HostMemory): TabEvent[] {
    const events = load({ chain: [URL_], hsts: 'max-age=31536000' });
    const requestId = (events[0] as { requestId: string }).requestId;
    return [
      ...events,
      { type: 'security', requestId, url: URL_, tls: tlsOf(served), time: nextTime() },
      memoryEvent(URL_, remembered),
    ];
  }
  /** The host remembered with `name`'s certificate, changed by `change` (another CA, dates). */
  const memoryOf = (name: string, change: Partial<RememberedCert> = {}): HostMemory => {
    const cert = certOfConnection(tlsOf(name), NOW - DAY)!;
    return { seen: NOW - DAY, https: NOW - DAY, certs: [{ ...cert, ...change }] };
  };
  /** A 90-day certificate from another CA that has used `share` of its life now. */
  const otherCa = (share: number): Partial<RememberedCert> => ({
    ca: 'Other Trust Services LLC',
    root: 'OTHERROOTOTHERROOTOTHE',
    from: NOW - share * 90 * DAY,
    until: NOW + (1 - share) * 90 * DAY,
  });
  const detail = (f: Finding) => renderMessage(findingText(f).detail, t);

  it('is a warning for a key from a CA the host did not use, while the old certificate was young', () => {
    const r = reportOf(visit('ec-p384', memoryOf('ec-p256', otherCa(0.2))));
    const f = r.findings.find((x) => x.id === 'certificate-changed')!;
    expect(f).toMatchObject({ severity: 'warning', evidence: { lifeUsed: 20, reason: 'young' } });
    expect(badgeFor(r).text).toBe('CERT');
    expect(detail(f)).toMatch(
      /^The certificate of “p384\.portwatch\.test” now comes from “Portwatch Test” \(valid 2025-01-01 to 2045-01-01\)\. The one seen before, last on \d{4}-\d\d-\d\d \d\d:\d\d UTC, came from “Other Trust Services LLC” \(valid \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\) and had used only 20% of its lifetime\.$/,
    );
  });

  it("is a notice near or past the old certificate's end, or when its lifetime is not known", () => {
    const late = reportOf(visit('ec-p384', memoryOf('ec-p256', otherCa(0.9))));
    const f = late.findings.find((x) => x.id === 'certificate-changed')!;
    expect(f).toMatchObject({ severity: 'notice', evidence: { lifeUsed: 90, reason: 'late' } });
    expect(detail(f)).toMatch(/had used 90% of its lifetime: near or past its end/);
    const unknown = memoryOf('ec-p256', { ca: 'Other CA', root: undefined });
    delete unknown.certs![0]!.from;
    const u = reportOf(visit('ec-p384', unknown)).findings.find(
      (x) => x.id === 'certificate-changed',
    )!;
    expect(u).toMatchObject({ severity: 'notice', evidence: { reason: 'unknown' } });
    expect(detail(u)).toMatch(/how long it was valid was not remembered\.$/);
  });

  it('is a renewal (info, no badge) for a new key from the same CA', () => {
    const r = reportOf(visit('ec-p384', memoryOf('ec-p256')));
    expect(ids(r)).not.toContain('certificate-changed');
    const f = r.findings.find((x) => x.id === 'certificate-renewed')!;
    expect(f.severity).toBe('info');
    expect(badgeFor(r).text).not.toBe('CERT');
    expect(detail(f)).toMatch(
      /^“p384\.portwatch\.test” has a new certificate from the same authority, Portwatch Test \(valid 2025-01-01 to 2045-01-01\)\. The one seen before, last on .* UTC, was valid 2025-01-01 to 2045-01-01\.$/,
    );
  });

  it('raises nothing for a key remembered, or with remembering off', () => {
    const same = ids(reportOf(visit('ec-p256', memoryOf('ec-p256', otherCa(0.1)))));
    expect(same).not.toContain('certificate-changed');
    expect(same).not.toContain('certificate-renewed');
    const off = { ...DEFAULT_SETTINGS, rememberCertificates: false };
    expect(ids(reportOf(visit('ec-p384', memoryOf('ec-p256', otherCa(0.1))), off))).not.toContain(
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
