import { describe, expect, it } from 'vitest';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import type { TabEvent } from '../../src/core/events';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { findingText } from '../../src/core/finding-text';
import { renderMessage } from '../../src/core/message';
import { LIMITS } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { firefoxInfo } from '../fixtures/certs/firefox-info';
import { fixture, opensslTime } from '../fixtures/certs/load';
import { load, nextTime, run } from './events';
import { t } from './translate';

// Firefox's TLS details for a page, from the real fixtures, through the reducer and storage to
// the report the popup renders.

function tlsOf(...names: string[]) {
  return fromFirefoxSecurityInfo(firefoxInfo(names.map(fixture)))!;
}

/** A load with its security event, in the order given (Firefox may send it after the commit). */
function secureLoad(url: string, names: string[], securityLast = true): TabEvent[] {
  const events = load({ chain: [url], hsts: 'max-age=31536000' });
  const requestId = (events[0] as { requestId: string }).requestId;
  const security: TabEvent = {
    type: 'security',
    requestId,
    url,
    tls: tlsOf(...names),
    time: nextTime(),
  };
  return securityLast ? [...events, security] : [events[0]!, security, ...events.slice(1)];
}

const firefox = (now: number) => ({ now, tlsSource: 'firefox' as const });

describe('TLS details in the report', () => {
  it('join the page by requestId, before or after the commit, and survive storage', () => {
    for (const last of [true, false]) {
      const state = run(
        secureLoad('https://a.example/', ['ec-p256', 'intermediate', 'root'], last),
      );
      expect(state.page?.tls?.chain).toHaveLength(3);
      expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    }
  });

  it('show the chain with roles and days left, counted from the report time', () => {
    const leaf = fixture('ec-p256');
    const now = opensslTime(leaf.openssl.notAfter) - 10.5 * 86_400_000;
    const r = buildReport(
      1,
      run(secureLoad('https://a.example/', ['ec-p256', 'intermediate', 'root'])),
      DEFAULT_SETTINGS,
      firefox(now),
    );
    expect(r.tls?.state).toBe('available');
    if (r.tls?.state !== 'available') return;
    expect(r.tls.certificates.map((c) => c.role)).toEqual(['leaf', 'intermediate', 'root']);
    expect(r.tls.certificates[0]).toMatchObject({
      daysLeft: 10,
      cert: { sha256: leaf.openssl.sha256 },
    });
    // Ten days left: the leaf is expiring (a notice; a warning under 7 days).
    expect(r.findings.find((f) => f.id === 'certificate-expiring')).toMatchObject({
      severity: 'notice',
      evidence: { url: 'https://a.example/' },
    });
  });

  it('raise weak-key for an RSA 1024 leaf, not weak-signature for a SHA-1 root', () => {
    const events = run(secureLoad('https://a.example/', ['ec-p256', 'intermediate', 'root']));
    const at = firefox(opensslTime('2030-01-01 00:00:00Z'));
    // The test root is not one Firefox ships: local-root, unless the person knows it.
    expect(buildReport(1, events, DEFAULT_SETTINGS, at).findings.map((f) => f.id)).toEqual([
      'local-root',
    ]);
    const root = events.page!.tls!.chain[2]!;
    const known = { ...DEFAULT_SETTINGS, knownRoots: [{ spki: root.spkiSha256!, name: 'Test' }] };
    const r = buildReport(1, events, known, at);
    expect(r.findings.map((f) => f.id)).toEqual([]);
    const weak = buildReport(
      1,
      run(secureLoad('https://a.example/', ['rsa-1024', 'intermediate', 'root'])),
      known,
      firefox(opensslTime('2030-01-01 00:00:00Z')),
    );
    expect(weak.findings.map((f) => f.id)).toContain('weak-key');
  });

  it('say why there are none: plain http, not seen for this load, or not in this browser', () => {
    const plain = run(load({ chain: ['http://a.example/'] }));
    expect(buildReport(1, plain, DEFAULT_SETTINGS, firefox(0)).tls).toEqual({
      state: 'not-encrypted',
    });
    const unseen = run(load({ chain: ['https://a.example/'] }));
    expect(buildReport(1, unseen, DEFAULT_SETTINGS, firefox(0)).tls).toEqual({ state: 'not-seen' });
    expect(buildReport(1, unseen, DEFAULT_SETTINGS, { now: 0, tlsSource: 'none' }).tls).toEqual({
      state: 'not-in-browser',
    });
  });
});

describe("Sub-frames' TLS details (Firefox)", () => {
  const NOW = opensslTime('2030-01-01 00:00:00Z');
  const frameSecurity = (url: string, ...names: string[]): TabEvent => ({
    type: 'security',
    kind: 'sub_frame',
    requestId: `f${nextTime()}`,
    url,
    tls: tlsOf(...names),
    time: nextTime(),
  });
  const page = secureLoad('https://a.example/', ['ec-p256', 'intermediate', 'root']);

  it("raise a frame's weak certificate as the frame's, kept without PEMs, through storage", () => {
    const state = run([
      ...page,
      frameSecurity('https://ads.example/frame#x', 'rsa-1024', 'intermediate', 'root'),
    ]);
    expect(state.page?.frameTls?.[0]?.url).toBe('https://ads.example/frame');
    expect(state.page?.frameTls?.[0]?.tls.chain.every((c) => c.pem === undefined)).toBe(true);
    expect(readTabState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    const r = buildReport(1, state, DEFAULT_SETTINGS, firefox(NOW));
    const weak = r.findings.find((f) => f.id === 'weak-key');
    expect(weak?.evidence).toMatchObject({ where: 'frame', url: 'https://ads.example/frame' });
    expect(renderMessage(findingText(weak!).detail, t)).toMatch(
      /^In a frame from https:\/\/ads\.example\/frame: .*1024 bits \(RSA\)/,
    );
    // The page's own connection is fine: its TLS section is the page's, not the frame's.
    expect(r.tls?.state === 'available' && r.tls.certificates[0]?.cert.keyAlgorithm).toBe('EC');
  });

  it("keep one entry per other origin, none for the page's own, at most LIMITS.frameTls", () => {
    const frames = Array.from({ length: LIMITS.frameTls + 5 }, (_, i) =>
      frameSecurity(`https://f${i}.example/`, 'ec-p256'),
    );
    const state = run([
      ...page,
      frameSecurity('https://a.example/inner', 'rsa-1024'),
      frameSecurity('https://f0.example/again', 'rsa-1024'),
      ...frames,
    ]);
    const urls = state.page?.frameTls?.map((f) => f.url) ?? [];
    expect(urls).toHaveLength(LIMITS.frameTls);
    expect(urls[0]).toBe('https://f0.example/again');
    expect(urls).not.toContain('https://a.example/inner');
  });
});
