import { describe, expect, it } from 'vitest';
import {
  fromFirefoxSecurityInfo,
  type FirefoxSecurityInfo,
} from '../../src/core/cert/from-firefox';
import type { TabEvent } from '../../src/core/events';
import type { TabReport, TlsSource } from '../../src/core/report';
import { reportToMarkdown } from '../../src/core/report-markdown';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { firefoxCert, firefoxInfo } from '../fixtures/certs/firefox-info';
import { fixture, opensslTime } from '../fixtures/certs/load';
import { load, nextTime, report } from './events';
import { t } from './translate';
import { popupHtml } from './popup-html';

// The TLS and Certificate sections for reports the real core builds from Firefox's security info
// for the real fixture certificates, through the reducer, worded from the real messages.json.

const DAY = 86_400_000;
/** 2030-01-01: every fixture but `expired` is valid then. */
const NOW = opensslTime('2030-01-01 00:00:00Z');

type Info = ReturnType<typeof firefoxInfo>;

function infoOf(names: string[], extra: Partial<FirefoxSecurityInfo> = {}): Info {
  return firefoxInfo(names.map(fixture), extra);
}

/** A page load, then Firefox's security event for its request. */
function secureEvents(url: string, info: Info): TabEvent[] {
  const events = load({ chain: [url], hsts: 'max-age=31536000' });
  const requestId = (events[0] as { requestId: string }).requestId;
  const tls = fromFirefoxSecurityInfo(info);
  if (!tls) throw new Error('no TLS details');
  return [...events, { type: 'security', requestId, url, tls, time: nextTime() }];
}

function reportOf(events: TabEvent[], now = NOW, tlsSource: TlsSource = 'firefox'): TabReport {
  return report(events, DEFAULT_SETTINGS, { now, tlsSource });
}

function html(report: TabReport, copy?: (text: string) => Promise<void>): string {
  return popupHtml(report, copy ? { copy } : {});
}

/** The text a user reads in the element opening with `start` (up to the matching close of tag). */
function textOf(markup: string, start: string, tag = 'div'): string {
  const from = markup.indexOf(start);
  expect(from, start).toBeGreaterThanOrEqual(0);
  return markup
    .slice(markup.lastIndexOf('<', from), markup.indexOf(`</${tag}>`, from))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const field = (markup: string, name: string): string => textOf(markup, `data-field="${name}"`);

describe('popup: TLS and certificate of a Firefox page', () => {
  const leaf = fixture('ec-p256');
  const markup = html(
    reportOf(
      secureEvents('https://p256.portwatch.test/', infoOf(['ec-p256', 'intermediate', 'root'])),
    ),
    async () => {},
  );

  it('places TLS and Certificate after Connection, before the actions', () => {
    const at = (s: string) => markup.indexOf(s);
    expect(at('data-field="summary"')).toBeLessThan(at('id="h-connection"'));
    expect(at('id="h-connection"')).toBeLessThan(at('data-section="tls"'));
    expect(at('data-section="tls"')).toBeLessThan(at('data-section="certificate"'));
    expect(at('data-section="certificate"')).toBeLessThan(at('class="actions"'));
    expect(markup).toContain('data-tls-state="available"');
  });

  it('states the connection: version, cipher, group, signature scheme, ECH, CT', () => {
    expect(field(markup, 'tls-protocol')).toBe('Version TLS 1.3');
    expect(field(markup, 'tls-cipher')).toBe('Cipher TLS_AES_128_GCM_SHA256');
    expect(field(markup, 'tls-group')).toContain('x25519');
    expect(field(markup, 'tls-signature')).toBe('Signature scheme ECDSA-P256-SHA256');
    expect(field(markup, 'tls-ech')).toBe('Encrypted Client Hello not used');
    expect(field(markup, 'tls-ct')).toBe(
      'Certificate Transparency not checked for this certificate',
    );
    expect(markup).not.toContain('data-field="tls-overridden"');
  });

  it('shows the leaf as openssl reads it', () => {
    expect(field(markup, 'cert-subject')).toContain('p256.portwatch.test');
    expect(field(markup, 'cert-issuer')).toContain('Portwatch Test Intermediate CA');
    expect(field(markup, 'cert-sha256')).toBe(`SHA-256 fingerprint ${leaf.openssl.sha256}`);
    expect(markup).toMatch(/data-field="cert-sha256"[^]*?class="clamp value mono"/);
    // openssl prints the serial without colons.
    expect(field(markup, 'cert-serial').replaceAll(':', '')).toBe(
      `Serial number ${leaf.openssl.serial}`,
    );
    expect(field(markup, 'cert-not-before')).toBe('Valid from 2025-01-01 00:00 UTC');
    expect(field(markup, 'cert-not-after')).toBe('Valid until 2045-01-01 00:00 UTC');
    expect(field(markup, 'cert-key')).toBe('Public key EC, curve P-256');
    expect(field(markup, 'cert-signature')).toBe('Signature algorithm ECDSA with SHA-256');
    expect(markup).toContain('<li data-san="DNS:p256.portwatch.test">');
    expect(field(markup, 'cert-built-in-root')).toContain('not built into Firefox');
  });

  it('folds the chain, each certificate with its role and a Copy PEM button', () => {
    const chain = textOf(markup, '<details class="cert-chain"', 'details');
    expect(chain).toContain('Certificate chain (3 certificates)');
    const roles = [...markup.matchAll(/<li class="cert" data-role="([a-z]+)"/g)].map((m) => m[1]);
    expect(roles).toEqual(['leaf', 'intermediate', 'root']);
    expect(chain).toContain('Portwatch Test Root CA');
    expect(chain).toContain(fixture('root').openssl.sha256);
    expect(markup.match(/class="copy-pem"/g)).toHaveLength(3);
    expect(markup).toContain('aria-label="Copy PEM: p256.portwatch.test"');
    expect(markup).toMatch(/data-section="certificate"[^]*role="status" aria-live="polite"/);
  });

  it('offers no Copy PEM in a view without handlers', () => {
    const viewOnly = html(
      reportOf(secureEvents('https://p256.portwatch.test/', infoOf(['ec-p256', 'intermediate']))),
    );
    expect(viewOnly).toContain('data-section="certificate"');
    expect(viewOnly).not.toContain('copy-pem');
  });
});

describe('popup: certificate days left', () => {
  const events = secureEvents('https://p256.portwatch.test/', infoOf(['ec-p256']));
  const notAfter = opensslTime(fixture('ec-p256').openssl.notAfter);
  const daysLeft = (now: number) => field(html(reportOf(events, now)), 'cert-days-left');

  it('counts whole days from the report time', () => {
    expect(daysLeft(notAfter - 10.5 * DAY)).toBe('Days left expires in 10 days');
    expect(daysLeft(notAfter - 1.5 * DAY)).toBe('Days left expires in 1 day');
    expect(daysLeft(notAfter - 0.5 * DAY)).toBe('Days left expires within a day');
    // Once expired, the days are counted as begun: under a day ago is "1 day ago".
    expect(daysLeft(notAfter + 0.5 * DAY)).toBe('Days left expired 1 day ago');
    expect(daysLeft(notAfter + DAY)).toBe('Days left expired 1 day ago');
    expect(daysLeft(notAfter + 30 * DAY)).toBe('Days left expired 30 days ago');
  });

  it('says an expired certificate expired, from its real dates', () => {
    const r = reportOf(secureEvents('https://expired.portwatch.test/', infoOf(['expired'])));
    // notAfter 2024-01-01, now 2030-01-01: 2,192 days.
    expect(field(html(r), 'cert-days-left')).toBe('Days left expired 2192 days ago');
    expect(html(r)).toContain('class="value expired"');
  });
});

describe('popup: SANs', () => {
  it('shows an IDN in Unicode with its punycode beside it, hooked by the punycode', () => {
    const markup = html(reportOf(secureEvents('https://xn--bcher-kva.example/', infoOf(['idn']))));
    const sans = fixture('idn').openssl.sans;
    for (const san of sans) expect(markup).toContain(`<li data-san="${san}">`);
    const item = textOf(markup, '<li data-san="DNS:xn--bcher-kva.example">', 'li');
    expect(item).toBe('DNS:bücher.example punycode xn--bcher-kva.example');
    expect(textOf(markup, '<li data-san="DNS:xn--mnchen-3ya.example">', 'li')).toContain(
      'DNS:münchen.example',
    );
  });

  it('lists 20 of 1,000 SANs, the rest behind "show all"', () => {
    const r = reportOf(
      secureEvents('https://host-0001.many.portwatch.test/', infoOf(['many-sans'])),
    );
    if (r.tls?.state !== 'available') throw new Error('no TLS');
    const cert = r.tls.certificates[0]!.cert;
    const markup = html(r);
    const sansField = markup.slice(markup.indexOf('data-field="cert-sans"'));
    const beforeMore = sansField.slice(0, sansField.indexOf('<details class="more-sans"'));
    expect(beforeMore.match(/<li data-san=/g)).toHaveLength(20);
    expect(beforeMore).toContain(`${cert.sans.length + cert.sansDropped} names`);
    expect(cert.sans.length + cert.sansDropped).toBe(1000);
    expect(markup).toContain(`<summary>Show all ${cert.sans.length}</summary>`);
    expect(markup.match(/<li data-san=/g)).toHaveLength(cert.sans.length);
    if (cert.sansDropped > 0)
      expect(field(markup, 'cert-sans-dropped')).toContain(`${cert.sansDropped} more names`);
  });
});

describe('popup: what Firefox did not give, and hostile names', () => {
  const f = fixture('rsa-2048');
  const hostile = '<script>alert(1)</script>';
  const info = {
    ...infoOf([]),
    certificates: [
      { ...firefoxCert(f, false), subject: `CN=${hostile},O=Evil`, issuer: `CN=${hostile} CA` },
    ],
  };
  const r = reportOf(secureEvents('https://evil.example/', info));
  const markup = html(r, async () => {});

  it('shows a <script> in a subject as text', () => {
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('says "not available in this browser" for the fields Firefox does not summarise', () => {
    expect(field(markup, 'cert-key')).toBe('Public key not available in this browser');
    expect(field(markup, 'cert-signature')).toBe(
      'Signature algorithm not available in this browser',
    );
    expect(field(markup, 'cert-sans')).toBe('Names (SANs) not available in this browser');
    // What Firefox does give is shown.
    expect(field(markup, 'cert-sha256')).toBe(`SHA-256 fingerprint ${f.openssl.sha256}`);
    expect(markup).toContain("Only the browser's summary of this certificate is available");
    // No PEM without the DER: nothing to copy.
    expect(markup).not.toContain('copy-pem');
  });

  it('shows a bypassed certificate warning first and prominently', () => {
    const bypassed = html(
      reportOf(
        secureEvents(
          'https://p256.portwatch.test/',
          infoOf(['ec-p256'], { overridableErrorCategory: 'trust_error' }),
        ),
      ),
    );
    // First in the TLS section, before every fact.
    expect(bypassed).toMatch(/data-section="tls"[^>]*><p class="tls-override"/);
    expect(textOf(bypassed, 'data-field="tls-overridden"', 'p')).toContain(
      'this certificate is not trusted by the browser',
    );
  });
});

describe('popup: when there are no TLS details', () => {
  it('shows no TLS or Certificate section for a plain http page', () => {
    const markup = html(reportOf(load({ chain: ['http://a.example/'] })));
    expect(markup).not.toContain('data-section="tls"');
    expect(markup).not.toContain('data-section="certificate"');
  });

  it('says TLS details were not seen for this load', () => {
    const markup = html(reportOf(load({ chain: ['https://a.example/'] })));
    expect(markup).toContain('data-tls-state="not-seen"');
    expect(textOf(markup, 'data-section="tls"')).toBe(
      'TLS details were not seen for this load: the page was shown from the cache, or the request failed.',
    );
    // The certificate line says the same, first screen.
    expect(textOf(markup, 'data-field="cert-summary"')).toBe(
      'Certificate: TLS details were not seen for this load: the page was shown from the cache, or the request failed.',
    );
    expect(markup).not.toContain('data-section="certificate"');
  });

  it('says when a browser gives no extension TLS details', () => {
    const markup = html(reportOf(load({ chain: ['https://a.example/'] }), NOW, 'none'));
    expect(markup).toContain('data-tls-state="not-in-browser"');
    expect(textOf(markup, 'data-section="tls"')).toContain('it gives them to no extension');
  });

  it('in Chrome without the permission, says what granting it costs', () => {
    const report = reportOf(
      load({ chain: ['https://a.example/'] }),
      NOW,
      'chrome-needs-permission',
    );
    const markup = html(report);
    expect(markup).toContain('data-tls-state="needs-permission"');
    expect(textOf(markup, 'data-section="tls"')).toContain('started debugging this browser');
  });
});

describe('Copy PEM', () => {
  it('the copied text is the certificate PEM the report holds', () => {
    const r = reportOf(secureEvents('https://p256.portwatch.test/', infoOf(['ec-p256'])));
    if (r.tls?.state !== 'available') throw new Error('no TLS');
    const pem = r.tls.certificates[0]!.cert.pem ?? '';
    expect(pem.replace(/\s+/g, '')).toBe(fixture('ec-p256').pem.replace(/\s+/g, ''));
  });
});

describe('Markdown report: TLS and certificate', () => {
  it('tabulates TLS and the leaf after Connection, with the chain', () => {
    const md = reportToMarkdown(
      reportOf(
        secureEvents('https://xn--bcher-kva.example/', infoOf(['idn', 'intermediate', 'root'])),
      ),
      t,
    );
    const at = (s: string) => md.indexOf(s);
    expect(at('## Connection')).toBeLessThan(at('## TLS'));
    expect(at('## TLS')).toBeLessThan(at('## Certificate'));
    expect(md).toContain('| Version | TLS 1.3 |');
    expect(md).toContain(`| SHA-256 fingerprint | ${fixture('idn').openssl.sha256} |`);
    expect(md).toContain('DNS:bücher.example (xn--bcher-kva.example)');
    expect(md).toContain('| Valid until | 2045-01-01 00:00 UTC |');
    expect(md).toContain('| Days left | expires in 5479 days |');
    expect(md).toMatch(/### Certificate chain\n\n1\. Site: xn--bcher-kva.example — issued by/);
    expect(md).toContain('3. Root: Portwatch Test Root CA');
  });

  it('escapes a hostile subject', () => {
    const info = {
      ...infoOf([]),
      certificates: [{ ...firefoxCert(fixture('rsa-2048'), false), subject: 'CN=<script>|x' }],
    };
    const md = reportToMarkdown(reportOf(secureEvents('https://evil.example/', info)), t);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>\\|x');
    expect(md).toContain('| Public key | not available in this browser |');
  });

  it('says why there are no details, in one line', () => {
    const md = reportToMarkdown(reportOf(load({ chain: ['https://a.example/'] }), NOW, 'none'), t);
    expect(md).toContain('## TLS\n\nCertificate details are not available in this browser');
    const plain = reportToMarkdown(reportOf(load({ chain: ['http://a.example/'] })), t);
    expect(plain).not.toContain('## TLS');
  });
});
