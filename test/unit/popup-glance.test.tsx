import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { TabReport } from '../../src/core/report';
import { certificateSummary, connectionSummary } from '../../src/core/report-summary';
import { App } from '../../src/popup/App';
import { readOpenSections, rememberSection } from '../../src/popup/open-sections';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import { firefoxInfo } from '../fixtures/certs/firefox-info';
import { fixture } from '../fixtures/certs/load';
import { load, report as reportOf } from './events';
import { de, t } from './translate';

// The popup's first screen: the verdict, the connection in one line, the certificate in one
// line, every finding's title worst first; then the detail sections, closed unless the person
// keeps them open; then the actions. The layout itself (600 px) is measured in the browsers
// (test/e2e/popup-glance.test.ts); here, the order, the words and what is remembered.

const downgrade = reportOf(
  load({
    chain: ['https://shop.example/login', 'http://shop.example/login'],
    ip: '93.184.216.34',
  }),
);

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The markup of the element whose opening tag holds `hook`, to its first `</tag>`. */
function part(markup: string, hook: string, tag: string): string {
  const from = markup.lastIndexOf('<', markup.indexOf(hook));
  expect(markup.indexOf(hook), hook).toBeGreaterThanOrEqual(0);
  return markup.slice(from, markup.indexOf(`</${tag}>`, from) + tag.length + 3);
}

function render(report: TabReport, open: ReadonlySet<string> = new Set(), lang = t): string {
  return renderToString(
    <App report={report} t={lang} handlers={{ copy: async () => {} }} open={open} />,
  );
}

describe('the popup at a glance', () => {
  const markup = render(downgrade);

  it('puts the verdict, the two lines and the findings before every detail section', () => {
    const at = (hook: string) => {
      const i = markup.indexOf(hook);
      expect(i, hook).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      'data-verdict="danger"',
      'data-field="summary"',
      'data-field="cert-summary"',
      'data-finding="downgrade-redirect"',
      'data-finding="insecure-page"',
      'data-disclosure="connection"',
      'data-disclosure="redirects"',
      'class="actions"',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('says the connection in one line: scheme, port, address and family', () => {
    expect(text(part(markup, 'data-field="summary"', 'p'))).toBe(
      'HTTP · port 80 · 93.184.216.34 (IPv4)',
    );
    expect(text(part(markup, 'data-field="cert-summary"', 'div'))).toBe(
      'Certificate: none: the connection is not encrypted',
    );
  });

  it('opens each finding to what happened, why it matters and what to do', () => {
    const finding = part(markup, 'data-finding="downgrade-redirect"', 'li');
    expect(finding).toMatch(/<details><summary class="finding-head">/);
    expect(text(finding)).toContain('Why it matters:');
    expect(text(finding)).toContain('What to do: Do not sign in or pay on this page.');
    expect(text(finding)).toContain('HTTPS-Only Mode');
  });

  it('in German too', () => {
    const german = render(downgrade, new Set(), de);
    expect(text(part(german, 'data-finding="downgrade-redirect"', 'li'))).toContain('Was tun:');
    expect(text(part(german, 'data-field="summary"', 'p'))).toBe(
      'HTTP · Port 80 · 93.184.216.34 (IPv4)',
    );
  });

  it('keeps the detail sections closed unless the person keeps them open', () => {
    expect(markup).not.toMatch(/data-disclosure="connection" open/);
    const opened = render(downgrade, new Set(['redirects']));
    expect(opened).toMatch(/<details class="disclosure" data-disclosure="redirects" open/);
    expect(opened).toMatch(/<details class="disclosure" data-disclosure="connection">/);
    // Each section's title is a heading inside its summary, named for screen readers.
    expect(opened).toContain(
      '<summary><h2 id="h-redirects">Redirect chain <span class="count">1</span></h2></summary>',
    );
  });
});

describe('the connection and certificate lines', () => {
  const tls = fromFirefoxSecurityInfo(firefoxInfo([fixture('ec-p256'), fixture('intermediate')]))!;
  const secure = reportOf([
    ...load({ chain: ['https://a.example:8443/'], ip: '2001:db8::1', hsts: 'max-age=31536000' }),
  ]);

  it('names the port service only off the default port, and the family of an IPv6 address', () => {
    const parts = connectionSummary(secure);
    expect(parts.map((p) => p.part)).toEqual(['scheme', 'port', 'ip']);
    expect(parts[1]?.words?.key).toBe('summary_port_service');
    expect(parts[2]).toMatchObject({ text: '2001:db8::1', words: { key: 'label_ipv6' } });
  });

  it('gives the TLS and HTTP versions when known', () => {
    const c = secure.connection!;
    const withTls: TabReport = {
      ...secure,
      connection: { ...c, httpVersion: 'h2' },
      tls: {
        state: 'available',
        tls,
        certificates: [{ cert: tls.chain[0]!, role: 'leaf', daysLeft: 40 }],
      },
    };
    const parts = connectionSummary(withTls);
    expect(parts.map((p) => p.text ?? p.words?.key)).toEqual([
      'HTTPS',
      'TLS 1.3',
      'HTTP/2',
      'summary_port_service',
      '2001:db8::1',
    ]);
    expect(parts[2]?.token).toBe('h2');
    const cert = certificateSummary(withTls)!;
    expect(cert.issuer).toBe(tls.chain[0]!.issuerOrg ?? tls.chain[0]!.issuerCn);
    expect(cert.words).toEqual({ key: 'label_cert_expires_in_days', subs: ['40'] });
  });

  it('bounds a hostile issuer name to one line', () => {
    const leaf = { ...tls.chain[0]!, issuerOrg: 'X'.repeat(5000) };
    const r: TabReport = {
      ...secure,
      tls: { state: 'available', tls, certificates: [{ cert: leaf, role: 'leaf', daysLeft: -2 }] },
    };
    const cert = certificateSummary(r)!;
    expect(cert.issuer!.length).toBeLessThanOrEqual(80);
    expect(cert.expired).toBe(true);
  });

  it('says why the certificate is not known', () => {
    // The report of a browser that gives no extension TLS details (reportOf's default source).
    expect(certificateSummary(secure)?.words.key).toBe('tls_state_not_in_browser');
  });
});

describe('the sections a person keeps open', () => {
  class Memory {
    data = new Map<string, string>();
    getItem = (k: string) => this.data.get(k) ?? null;
    setItem = (k: string, v: string) => void this.data.set(k, v);
  }

  it('are remembered, and only known section ids are', () => {
    const storage = new Memory();
    const open = readOpenSections(storage);
    rememberSection(storage, open, 'origins', true);
    rememberSection(storage, open, 'tls', true);
    rememberSection(storage, open, 'tls', false);
    rememberSection(storage, open, '<img src=x>', true);
    expect([...readOpenSections(storage)]).toEqual(['origins']);
  });

  it('start closed from a corrupt or refused store', () => {
    const storage = new Memory();
    for (const junk of ['{', '{"a":1}', '[1,null,"tls"]', 'null']) {
      storage.data.set('portwatch:open-sections', junk);
      expect([...readOpenSections(storage)]).toEqual(junk.includes('tls') ? ['tls'] : []);
    }
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readOpenSections(refusing).size).toBe(0);
    const open = new Set<string>();
    rememberSection(refusing, open, 'tls', true);
    expect([...open]).toEqual(['tls']);
  });
});
