import { describe, expect, it } from 'vitest';
import { fromChromeSecurityDetails } from '../../src/core/cert/from-chrome';
import type { InspectionEvent, TabEvent } from '../../src/core/events';
import { renderMessage } from '../../src/core/message';
import { buildReport, INSPECTION_STALE_MS, type TlsSource } from '../../src/core/report';
import { tlsStateMessage } from '../../src/core/report-words';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { chromeDetails } from '../fixtures/certs/chrome-details';
import { base64Of, fixture } from '../fixtures/certs/load';
import { load, nextTime, run } from './events';
import { t } from './translate';

// Chrome's certificate read, as the core sees it: the person asks, the background reports the
// inspection running, the page reloads, the debugger's details arrive by URL (its request ids
// are not webRequest's), the inspection is over. Real fixtures, real reducer, real report.

const URL_ = 'https://a.example/';
const leaf = fixture('ec-p256');
const chain = [leaf, fixture('intermediate'), fixture('root')];

function inspection(status: InspectionEvent['status'], extra: Partial<InspectionEvent> = {}) {
  return { type: 'inspection', status, time: nextTime(), ...extra } as const;
}

function security(url = URL_): TabEvent {
  const tls = fromChromeSecurityDetails(chromeDetails(leaf), chain.map(base64Of));
  return { type: 'security', url, tls, time: nextTime() };
}

function tlsOf(state: TabState, tlsSource: TlsSource = 'chrome-debugger', now = nextTime()) {
  return buildReport(1, state, DEFAULT_SETTINGS, { now, tlsSource }).tls;
}

describe('Chrome: reading the certificate through the debugger', () => {
  const shown = run(load({ chain: [URL_] }));

  it('offers the permission, then the read, and never shows a blank', () => {
    expect(tlsOf(shown, 'chrome-needs-permission')).toEqual({ state: 'needs-permission' });
    expect(tlsOf(shown)).toEqual({ state: 'can-inspect' });
    expect(tlsOf(run(load({ chain: ['http://a.example/'] })))).toEqual({ state: 'not-encrypted' });
  });

  it('shows the reload under way, then the details, whichever of reload and details comes first', () => {
    const started = run([inspection('running')], shown);
    expect(tlsOf(started)).toEqual({ state: 'inspecting' });
    const reload = load({ chain: [URL_], transition: 'reload' });
    // The details reach the load in flight (before its commit) or the committed page (after).
    for (const order of [
      [reload[0]!, security(), ...reload.slice(1)],
      [...reload, security()],
    ]) {
      const during = run(order, started);
      expect(tlsOf(during)).toMatchObject({ state: 'available' });
      const done = run([inspection('over')], during);
      const view = tlsOf(done);
      if (view?.state !== 'available') throw new Error(`TLS is ${view?.state}`);
      expect(view.certificates.map((c) => c.cert.sha256)).toEqual(
        chain.map((f) => f.openssl.sha256),
      );
      expect(view.certificates[0]!.cert.sans.map((s) => s.value)).toEqual(
        leaf.openssl.sans.map((s) => s.replace(/^(DNS|IP Address):/, '')),
      );
      expect(done.inspection).toBeUndefined();
      // The state the background stores reads back the same.
      expect(readTabState(JSON.parse(JSON.stringify(done)))).toEqual(done);
    }
  });

  it('offers no read (nor the permission) for a page whose connection failed', () => {
    const failed = run([
      {
        type: 'error',
        url: URL_,
        kind: 'main_frame',
        error: 'net::ERR_CERT_INVALID',
        time: nextTime(),
      },
    ]);
    expect(tlsOf(failed)).toEqual({ state: 'not-seen' });
    expect(tlsOf(failed, 'chrome-needs-permission')).toEqual({ state: 'not-seen' });
  });

  it('takes no details for another URL, or for a page that failed', () => {
    expect(run([security('https://b.example/')], shown).page?.tls).toBeUndefined();
    const failed = run([
      { type: 'error', url: URL_, kind: 'main_frame', error: 'net::ERR_FAILED', time: nextTime() },
    ]);
    expect(run([security()], failed).page?.tls).toBeUndefined();
  });

  it('says why a read failed, offers it again, and forgets the failure on the next page', () => {
    const failed = run(
      [inspection('running'), inspection('failed', { reason: 'already-attached' })],
      shown,
    );
    const view = tlsOf(failed);
    expect(view).toEqual({ state: 'inspect-failed', reason: 'already-attached' });
    expect(renderMessage(tlsStateMessage(view!)!, t)).toMatch(/another debugger .* is attached/);
    expect(readTabState(JSON.parse(JSON.stringify(failed))).inspection).toEqual(failed.inspection);
    const next = run(load({ chain: ['https://b.example/'] }), failed);
    expect(tlsOf(next)).toEqual({ state: 'can-inspect' });
  });

  it('takes a read that never finished (the background stopped) as timed out', () => {
    const started = run([inspection('running')], shown);
    const since = started.inspection?.state === 'running' ? started.inspection.since : 0;
    expect(tlsOf(started, 'chrome-debugger', since + INSPECTION_STALE_MS)).toEqual({
      state: 'inspecting',
    });
    expect(tlsOf(started, 'chrome-debugger', since + INSPECTION_STALE_MS + 1)).toEqual({
      state: 'inspect-failed',
      reason: 'timeout',
    });
  });

  it('drops a stored inspection it cannot read, keeping the rest', () => {
    const stored = JSON.parse(JSON.stringify(shown)) as Record<string, unknown>;
    for (const bad of [{ state: 'running' }, { state: 'failed', reason: 'nope', at: 1 }, 'x', 7]) {
      const read = readTabState({ ...stored, inspection: bad });
      expect(read.inspection).toBeUndefined();
      expect(read.page?.url).toBe(URL_);
    }
  });
});
