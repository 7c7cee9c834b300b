import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../../src/core/events';
import { findingText } from '../../src/core/finding-text';
import { renderMessage } from '../../src/core/message';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { ids_, load, nextTime, report, resource } from './events';
import { t } from './translate';

const httpsPage = (url: string): TabEvent[] => load({ chain: [url], hsts: 'max-age=31536000' });

describe('downgrade-redirect', () => {
  it('names the hop where https→https→http goes plain', () => {
    const r = report(
      load({
        chain: ['https://a.example/', 'https://b.example/', 'http://c.example/'],
        statuses: [301, 307],
      }),
    );
    const f = r.findings.find((x) => x.id === 'downgrade-redirect')!;
    expect(f.severity).toBe('danger');
    expect(f.evidence).toMatchObject({
      hop: 2,
      status: 307,
      from: 'https://b.example/',
      to: 'http://c.example/',
      chain: ['https://a.example/', 'https://b.example/', 'http://c.example/'],
    });
    expect(r.verdict).toBe('danger');
  });

  it.each([301, 302, 307, 308])('is raised for a %i', (status) => {
    const r = report(
      load({ chain: ['https://a.example/', 'http://a.example/'], statuses: [status] }),
    );
    expect(ids_(r)).toContain('downgrade-redirect');
  });

  it('is not raised for http→https, an upgrade', () => {
    const r = report(
      load({ chain: ['http://a.example/', 'https://a.example/'], hsts: 'max-age=31536000' }),
    );
    expect(ids_(r)).toEqual([]);
    expect(r.verdict).toBe('secure');
    expect(r.connection?.redirects).toHaveLength(1);
  });

  it('is raised when a sub-frame is redirected from https to http', () => {
    const events: TabEvent[] = [
      ...httpsPage('https://a.example/'),
      {
        type: 'redirect',
        requestId: 'f1',
        url: 'https://frame.example/',
        redirectUrl: 'http://frame.example/',
        statusCode: 302,
        kind: 'sub_frame',
        time: nextTime(),
      },
    ];
    const f = report(events).findings.find((x) => x.id === 'downgrade-redirect')!;
    expect(f.evidence).toMatchObject({ where: 'frame', to: 'http://frame.example/' });
  });
});

describe('downgrade-navigation', () => {
  it('is danger for a link to the same site over http', () => {
    const r = report([
      ...httpsPage('https://www.example.co.uk/'),
      ...load({
        chain: ['http://shop.example.co.uk/'],
        transition: 'link',
        initiator: 'https://www.example.co.uk',
      }),
    ]);
    const f = r.findings.find((x) => x.id === 'downgrade-navigation')!;
    expect(f).toMatchObject({ severity: 'danger', evidence: { sameSite: true } });
  });

  it('is a warning for a link to another site', () => {
    const r = report([
      ...httpsPage('https://a.example/'),
      ...load({ chain: ['http://b.example/'], transition: 'link', initiator: 'https://a.example' }),
    ]);
    expect(r.findings.find((x) => x.id === 'downgrade-navigation')).toMatchObject({
      severity: 'warning',
      evidence: { from: 'https://a.example/', to: 'http://b.example/', sameSite: false },
    });
  });

  it('is raised for a meta refresh (client redirect)', () => {
    const r = report([
      ...httpsPage('https://a.example/'),
      ...load({
        chain: ['http://a.example/next'],
        transition: 'link',
        qualifiers: ['client_redirect'],
        initiator: 'https://a.example',
      }),
    ]);
    expect(ids_(r)).toContain('downgrade-navigation');
  });

  it('is not raised for a typed http URL after an https page', () => {
    const r = report([
      ...httpsPage('https://a.example/'),
      ...load({ chain: ['http://a.example/'], transition: 'typed' }),
    ]);
    expect(ids_(r)).not.toContain('downgrade-navigation');
    expect(ids_(r)).toContain('insecure-page');
  });

  it('is not raised for a "link" the browser started itself (no initiator)', () => {
    // Firefox reports a URL opened by automation as a link; no document started it.
    const r = report([
      ...httpsPage('https://a.example/'),
      ...load({ chain: ['http://a.example/'], transition: 'link' }),
    ]);
    expect(ids_(r)).not.toContain('downgrade-navigation');
  });

  it('is not raised from an http page, nor to an https page', () => {
    const fromHttp = report([
      ...load({ chain: ['http://a.example/'] }),
      ...load({ chain: ['http://b.example/'], transition: 'link', initiator: 'http://a.example' }),
    ]);
    expect(ids_(fromHttp)).not.toContain('downgrade-navigation');
    const toHttps = report([
      ...httpsPage('https://a.example/'),
      ...load({
        chain: ['https://b.example/'],
        transition: 'link',
        initiator: 'https://a.example',
      }),
    ]);
    expect(ids_(toHttps)).not.toContain('downgrade-navigation');
  });
});

describe('insecure-form', () => {
  it('is raised for a POST from an https page to an http target (Firefox: form_submit)', () => {
    const r = report([
      ...httpsPage('https://a.example/form'),
      ...load({
        chain: ['http://a.example/submit'],
        method: 'POST',
        transition: 'form_submit',
        initiator: 'https://a.example/form',
      }),
    ]);
    expect(r.findings[0]).toMatchObject({ id: 'insecure-form', severity: 'danger' });
    // The form is the finding; the same navigation is not counted again as a downgrade.
    expect(ids_(r)).not.toContain('downgrade-navigation');
  });

  it('is raised after Chrome\'s "Send anyway" (commit reload, https initiator)', () => {
    const r = report([
      ...httpsPage('https://a.example/form'),
      ...load({
        chain: ['http://a.example/submit'],
        method: 'POST',
        transition: 'reload',
        initiator: 'https://a.example',
      }),
    ]);
    expect(ids_(r)).toContain('insecure-form');
  });

  it('is not raised for a GET, nor for a POST to https', () => {
    const get = report([
      ...httpsPage('https://a.example/'),
      ...load({
        chain: ['http://a.example/s'],
        transition: 'form_submit',
        initiator: 'https://a.example/',
      }),
    ]);
    expect(ids_(get)).not.toContain('insecure-form');
    const secure = report([
      ...httpsPage('https://a.example/'),
      ...load({
        chain: ['https://a.example/s'],
        method: 'POST',
        transition: 'form_submit',
        initiator: 'https://a.example/',
      }),
    ]);
    expect(ids_(secure)).not.toContain('insecure-form');
  });
});

describe('nonstandard-port', () => {
  it('is not raised for https on 443, written or not', () => {
    expect(ids_(report(httpsPage('https://a.example:443/')))).toEqual([]);
    expect(ids_(report(httpsPage('https://a.example/')))).toEqual([]);
  });

  it('is a notice naming the service for https on 8443', () => {
    const f = report(httpsPage('https://a.example:8443/')).findings[0]!;
    expect(f).toMatchObject({
      id: 'nonstandard-port',
      severity: 'notice',
      evidence: { port: 8443, service: 'https_alt', where: 'page' },
    });
  });

  it('is raised for https://[::1]:8443/, at info as a development server unless turned off', () => {
    const events = httpsPage('https://[::1]:8443/');
    const softened = report(events).findings.find((x) => x.id === 'nonstandard-port')!;
    expect(softened).toMatchObject({ severity: 'info', softened: true });
    const strict = report(events, { ...DEFAULT_SETTINGS, softenLoopback: false }).findings[0]!;
    expect(strict).toMatchObject({ id: 'nonstandard-port', severity: 'notice', softened: false });
  });

  it('is greyed, not hidden, and left out of the verdict when allowlisted', () => {
    for (const pattern of ['a.example:8443', 'a.example', '*.example']) {
      const r = report(httpsPage('https://a.example:8443/'), {
        ...DEFAULT_SETTINGS,
        allowlist: [pattern],
      });
      expect(r.findings[0]).toMatchObject({ id: 'nonstandard-port', allowlisted: true });
      expect(r.verdict).toBe('secure');
    }
    const otherPort = report(httpsPage('https://a.example:8443/'), {
      ...DEFAULT_SETTINGS,
      allowlist: ['a.example:9443'],
    });
    expect(otherPort.verdict).toBe('notice');
  });

  it('is raised for a wss: socket and a frame on another port, not for upgraded images', () => {
    const r = report([
      ...httpsPage('https://a.example/'),
      resource('wss://a.example:9443/socket', 'websocket', 'https://a.example'),
      resource('https://frame.example:4443/', 'sub_frame', 'https://a.example'),
      // Chrome upgrades <img src="http://a.example:8080/x.png"> keeping the http port.
      resource('https://a.example:8080/x.png', 'other', 'https://a.example'),
    ]);
    const ports = r.findings.filter((x) => x.id === 'nonstandard-port').map((x) => x.evidence);
    expect(ports).toEqual([
      expect.objectContaining({ port: 9443, where: 'websocket' }),
      expect.objectContaining({ port: 4443, where: 'frame' }),
    ]);
  });
});

describe('plain HTTP', () => {
  it('insecure-page is a warning, at info for a loopback development server', () => {
    expect(report(load({ chain: ['http://a.example/'] })).findings[0]).toMatchObject({
      id: 'insecure-page',
      severity: 'warning',
    });
    const local = report(load({ chain: ['http://localhost:3000/'] }));
    expect(local.findings[0]).toMatchObject({
      id: 'insecure-page',
      severity: 'info',
      softened: true,
    });
    expect(local).toMatchObject({ verdict: 'secure', headline: 'local' });
  });

  it('a name that merely resolves to loopback is treated like any other site', () => {
    const r = report(load({ chain: ['http://dev.test/'], ip: '127.0.0.1' }));
    expect(r.findings[0]).toMatchObject({ id: 'insecure-page', severity: 'warning' });
  });

  it('plaintext-on-443 for http or ws on port 443', () => {
    const page = report(load({ chain: ['http://a.example:443/'] }));
    expect(ids_(page)).toEqual(['plaintext-on-443', 'insecure-page']);
    const socket = report([
      ...httpsPage('https://a.example/'),
      resource('ws://b.example:443/', 'websocket', 'https://a.example'),
    ]);
    expect(ids_(socket)).toContain('plaintext-on-443');
  });
});

describe('mixed-content', () => {
  it('counts http requests an https page makes (Firefox sees them)', () => {
    const r = report([
      ...httpsPage('https://a.example/'),
      resource('http://img.example/a.png', 'other', 'https://a.example/'),
      resource('http://img.example/a.png', 'other', 'https://a.example/'),
      resource('ws://a.example/socket', 'websocket', 'https://a.example/'),
    ]);
    expect(r.findings.find((x) => x.id === 'mixed-content')).toMatchObject({
      severity: 'warning',
      evidence: { count: 2, urls: ['http://img.example/a.png', 'ws://a.example/socket'] },
    });
  });

  it("takes the content script's references (Chrome never sends the http request)", () => {
    const r = report([
      ...httpsPage('https://a.example/'),
      {
        type: 'references',
        pageUrl: 'https://a.example/',
        urls: ['http://cdn.example/x.js'],
        time: nextTime(),
      },
    ]);
    expect(ids_(r)).toContain('mixed-content');
  });

  it('ignores references for another page, and http requests from an http page', () => {
    const stale = report([
      ...httpsPage('https://a.example/'),
      {
        type: 'references',
        pageUrl: 'https://a.example/old',
        urls: ['http://x.example/'],
        time: nextTime(),
      },
    ]);
    expect(ids_(stale)).not.toContain('mixed-content');
    const plain = report([
      ...load({ chain: ['http://a.example/'] }),
      resource('http://img.example/a.png', 'other', 'http://a.example/'),
    ]);
    expect(ids_(plain)).not.toContain('mixed-content');
  });

  it('keeps at most 50 URLs and says there were more', () => {
    const events = [...httpsPage('https://a.example/')];
    for (let i = 0; i < 80; i++)
      events.push(resource(`http://a.example/${i}.png`, 'other', 'https://a.example/'));
    const f = report(events).findings.find((x) => x.id === 'mixed-content')!;
    expect(f.evidence).toMatchObject({ count: 50, more: true });
  });
});

describe('no-hsts', () => {
  it('is info when the header is absent or shorter than 180 days', () => {
    expect(report(load({ chain: ['https://a.example/'], hsts: null })).findings[0]).toMatchObject({
      id: 'no-hsts',
      severity: 'info',
      evidence: { maxAge: null },
    });
    const short = report(load({ chain: ['https://a.example/'], hsts: 'max-age=86400' }));
    expect(short.findings[0]!.evidence.maxAge).toBe(86400);
    expect(short.verdict).toBe('secure');
  });

  it('is not raised for a long max-age, an IP host, or when unknown', () => {
    expect(
      ids_(
        report(
          load({ chain: ['https://a.example/'], hsts: 'max-age=15552000; includeSubDomains' }),
        ),
      ),
    ).toEqual([]);
    expect(ids_(report(load({ chain: ['https://10.0.0.1/'], hsts: null })))).toEqual([]);
    const cached = report([
      {
        type: 'commit',
        url: 'https://a.example/',
        transition: 'link',
        qualifiers: [],
        time: nextTime(),
      },
    ]);
    expect(ids_(cached)).toEqual([]);
    expect(cached.connection?.hsts.state).toBe('unknown');
  });
});

describe('connection-error', () => {
  const failed = (error: string): TabEvent[] => [
    {
      type: 'request',
      requestId: 'e1',
      url: 'https://bad.example/',
      kind: 'main_frame',
      method: 'GET',
      time: nextTime(),
    },
    {
      type: 'error',
      requestId: 'e1',
      url: 'https://bad.example/',
      kind: 'main_frame',
      error,
      time: nextTime(),
    },
  ];

  it("is raised from Chrome's error code, with no commit", () => {
    const r = report(failed('net::ERR_CERT_DATE_INVALID'));
    expect(r.findings[0]).toMatchObject({ id: 'connection-error', severity: 'danger' });
    expect(r.connection?.errorClass).toEqual({ kind: 'tls', reason: 'expired' });
  });

  it('says in words why the connection failed, with what the browser said', () => {
    const r = report(failed('net::ERR_CERT_WEAK_SIGNATURE_ALGORITHM'));
    expect(renderMessage(findingText(r.findings[0]!).detail, t)).toBe(
      'The connection to https://bad.example/ failed: certificate signed with an algorithm no ' +
        'longer safe (such as SHA-1) (the browser said: net::ERR_CERT_WEAK_SIGNATURE_ALGORITHM).',
    );
  });

  it('survives Firefox committing its error page afterwards', () => {
    const r = report([
      ...failed('Peer’s Certificate issuer is not recognized.'),
      {
        type: 'commit',
        url: 'https://bad.example/',
        transition: 'link',
        qualifiers: [],
        time: nextTime(),
      },
    ]);
    expect(r.findings[0]).toMatchObject({ id: 'connection-error' });
    expect(r.connection?.errorClass).toEqual({ kind: 'tls', reason: 'untrusted' });
  });

  it("is not raised for an aborted load (a download, Chrome's form warning) or a DNS failure", () => {
    const before = httpsPage('https://a.example/');
    const aborted = report([...before, ...failed('net::ERR_ABORTED')]);
    expect(aborted.connection?.url).toBe('https://a.example/');
    expect(ids_(report(failed('net::ERR_NAME_NOT_RESOLVED')))).not.toContain('connection-error');
  });
});

describe("allowlisting the page's host:port", () => {
  it('is offered for an unusual port, and once done greys the finding out of the verdict', () => {
    const events = load({ chain: ['https://a.example:8443/'], hsts: 'max-age=31536000' });
    const before = report(events);
    expect(before.allowlistCandidate).toBe('a.example:8443');
    expect(before.verdict).toBe('notice');
    const after = report(events, { ...DEFAULT_SETTINGS, allowlist: ['a.example:8443'] });
    expect(after.allowlistCandidate).toBeUndefined();
    expect(after.findings).toMatchObject([{ id: 'nonstandard-port', allowlisted: true }]);
    expect(after.verdict).toBe('secure');
    expect(report(load({ chain: ['https://a.example/'] })).allowlistCandidate).toBeUndefined();
  });
});

describe('verdict and report', () => {
  it('records IP, family and HSTS for the page', () => {
    const r = report(
      load({ chain: ['https://a.example/'], ip: '2001:db8::1', hsts: 'max-age=31536000; preload' }),
    );
    expect(r.connection).toMatchObject({
      ip: '2001:db8::1',
      ipFamily: 'IPv6',
      ipScope: 'public',
      port: 443,
      portExplicit: false,
      hsts: { state: 'present', maxAge: 31536000, preload: true },
    });
  });

  it('is none for pages that are not web pages, or a tab with nothing recorded', () => {
    expect(report([]).verdict).toBe('none');
    const blank = report([
      { type: 'commit', url: 'about:blank', transition: 'typed', qualifiers: [], time: nextTime() },
    ]);
    expect(blank).toMatchObject({ verdict: 'none', headline: 'not-web' });
  });

  it('keeps a page whose response arrives after the commit (Firefox)', () => {
    const events = load({ chain: ['https://a.example/'] });
    const response = events.splice(1, 1)[0]!; // request, commit, then response
    const r = report([...events, { ...response, ip: '127.0.0.1' } as TabEvent]);
    expect(r.connection?.ip).toBe('127.0.0.1');
  });

  it('restores the last report for a back/forward load', () => {
    const r = report([
      ...load({ chain: ['https://a.example/', 'http://a.example/'] }),
      ...httpsPage('https://b.example/'),
      {
        type: 'commit',
        url: 'http://a.example/',
        transition: 'link',
        qualifiers: ['forward_back'],
        time: nextTime(),
      },
    ]);
    expect(ids_(r)).toContain('downgrade-redirect');
  });
});
