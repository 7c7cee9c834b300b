import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../../src/core/events';
import type { TabReport } from '../../src/core/report';
import { reportToMarkdown } from '../../src/core/report-markdown';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { load, report as reportOf, shopDowngrade } from './events';
import { de, t } from './translate';

const T0 = 1_700_000_000_000;

// Reports are built by the real core from browser-like events, and worded from the real
// messages.json, so these tests see what a user would paste.

/** Splits a table row on the pipes that are not escaped. */
function cells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1);
}

const downgrade = shopDowngrade();

describe('reportToMarkdown: an https→http redirect chain', () => {
  const md = reportToMarkdown(downgrade, t);

  it('heads with the verdict in words', () => {
    expect(md.startsWith('# Portwatch: Danger\n\nSomething is wrong with this connection.\n')).toBe(
      true,
    );
  });

  it('tabulates the connection', () => {
    expect(md).toContain('| Address | http://www.shop.example/login |');
    expect(md).toContain('| Scheme | http (not encrypted) |');
    expect(md).toContain('| Port | 80 (default, HTTP) |');
    expect(md).toContain('| Server IP | 93.184.216.34 (IPv4, public) |');
    expect(md).toContain('| HTTP status | 200 |');
    expect(md).toContain('| HSTS | not applicable');
    expect(md).toMatch(/\| Loaded at \| 2023-11-14T\d\d:\d\d:\d\d\.\d{3}Z \|/);
  });

  it('lists every hop of the redirect chain with its status, then the final page', () => {
    expect(md).toContain(
      [
        '### Redirect chain',
        '',
        '1. https://shop.example/login — redirected with HTTP 301',
        '2. http://shop.example/login — redirected with HTTP 302',
        '3. http://www.shop.example/login — final page',
      ].join('\n'),
    );
  });

  it('gives each finding its severity, title, detail, why and what to do', () => {
    expect(md).toContain('### Danger: Redirected from HTTPS to HTTP\n\n');
    expect(md).toContain(
      'https://shop.example/login redirected to http://shop.example/login (hop 1, HTTP status 301).',
    );
    expect(md).toContain('Why it matters: Anyone on the network can read and change an HTTP page.');
    expect(md).toContain(
      'SSL-stripping attacks begin.\n\nWhat to do: Do not sign in or pay on this page. Type its ' +
        'address with https:// yourself, and turn on the browser’s HTTPS-only mode',
    );
    expect(md).toContain(
      'What to do: Do not sign in, pay or enter personal data on this page. Try its address',
    );
    // Under every finding, after its why.
    const findings = md.slice(md.indexOf('## Findings'), md.indexOf('## Other origins'));
    const sections = findings.split('\n### ').slice(1);
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.indexOf('What to do: '), s).toBeGreaterThan(s.indexOf('Why it matters: '));
      expect(s.indexOf('Why it matters: '), s).toBeGreaterThan(0);
    }
    expect(md).toContain('### Warning: Page not encrypted');
    expect(md.indexOf('### Danger')).toBeLessThan(md.indexOf('### Warning'));
  });

  it('says what to do in German too', () => {
    const german = reportToMarkdown(downgrade, de);
    expect(german).toContain(
      'Was tun: Melden Sie sich auf dieser Seite nicht an und bezahlen Sie hier nichts.',
    );
  });

  it('tabulates the other origins', () => {
    expect(md).toContain('| Scheme | Host | Port | Server IP | Requests | Flags |');
    // No response from either was seen in these events: their address is not known.
    expect(md).toContain('| http | cdn.example | 80 | no answer seen | 1 |');
    expect(md).toContain('| https | fonts.example | 443 | no answer seen | 1 |');
  });
});

describe('reportToMarkdown: origin addresses and the HTTP version', () => {
  it('gives each origin the address it answered from, and the page its HTTP version', () => {
    const events: TabEvent[] = [
      ...load({ chain: ['https://news.example/'], subresources: ['https://cdn.example/a.js'] }),
      { type: 'origin-ip', url: 'https://cdn.example/a.js', ip: '2001:db8::7', time: T0 },
    ];
    const r = reportOf(events);
    const withVersion: TabReport = { ...r, connection: { ...r.connection!, httpVersion: 'h2' } };
    const text = reportToMarkdown(withVersion, t);
    expect(text).toContain('| https | cdn.example | 443 | 2001:db8::7 (IPv6) | 1 |');
    expect(text).toContain('| HTTP version | HTTP/2 |');
  });
});

describe('reportToMarkdown: attacker-controlled text', () => {
  const hostile =
    'http://evil.example/a|b`c`/<script>alert(1)</script>?q=[x](javascript:y)&lt;*_~$';
  const report = reportOf(
    load({
      chain: ['https://evil.example/start|`x`', hostile],
      subresources: ['http://evil.example/<img src=x onerror=alert(1)>'],
    }),
  );
  const md = reportToMarkdown(report, t);

  it('never lets markup through', () => {
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).not.toMatch(/(?<!\\)>/);
    expect(md).not.toMatch(/(?<!\\)`/);
    expect(md).not.toMatch(/(?<!\\)\[/);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('\\&lt;');
  });

  it('keeps every table row to its columns', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows) expect(cells(r).length === 2 || cells(r).length === 5).toBe(true);
    expect(md).toContain('a\\|b\\`c\\`');
  });

  it('keeps a multi-line error on one line', () => {
    const failed = reportOf([
      {
        type: 'request',
        time: T0,
        requestId: 'e',
        url: 'https://bad.example/',
        kind: 'main_frame',
        method: 'GET',
      },
      {
        type: 'error',
        time: T0 + 1,
        requestId: 'e',
        url: 'https://bad.example/',
        kind: 'main_frame',
        error: 'Peer’s certificate has expired.\n## Injected | heading\r\n<b>bold</b>',
      },
    ]);
    const text = reportToMarkdown(failed, t);
    expect(text.split('\n').some((l) => l.startsWith('## Injected'))).toBe(false);
    expect(text).toContain(
      'Peer’s certificate has expired. ## Injected \\| heading  \\<b\\>bold\\</b\\>',
    );
    expect(text).toContain('(certificate expired or not yet valid)');
    expect(text).toContain('### Danger: Secure connection failed');
  });

  it('bounds very long values', () => {
    const long = `https://long.example/${'a'.repeat(5000)}`;
    const text = reportToMarkdown(reportOf(load({ chain: [long] })), t);
    expect(text).not.toContain('a'.repeat(600));
    expect(text).toContain(`${'a'.repeat(400)}`);
    expect(text).toContain('…');
  });
});

describe('reportToMarkdown: other pages', () => {
  it('names the host in Unicode and punycode', () => {
    const md = reportToMarkdown(
      reportOf(
        load({
          chain: ['https://xn--bcher-kva.example/'],
          ip: '2001:db8::1',
          hsts: 'max-age=31536000; includeSubDomains',
        }),
      ),
      t,
    );
    expect(md).toContain('| Host | bücher.example (punycode: xn--bcher-kva.example) |');
    expect(md).toContain('| Server IP | 2001:db8::1 (IPv6, public) |');
    expect(md).toContain('| HSTS | on, for 365 day(s), includeSubDomains |');
    expect(md).toContain('# Portwatch: Secure connection');
    expect(md).not.toContain('## Findings');
  });

  it('labels softened and allowlisted findings', () => {
    const local = reportToMarkdown(reportOf(load({ chain: ['https://localhost:8443/'] })), t);
    expect(local).toContain(
      '### Info: Secure connection on an unusual port (local development server)',
    );
    const allowed = reportOf(
      load({ chain: ['https://admin.example:9443/'], hsts: 'max-age=31536000' }),
      {
        ...DEFAULT_SETTINGS,
        allowlist: ['admin.example:9443'],
      },
    );
    expect(reportToMarkdown(allowed, t)).toContain(
      '### Notice: Secure connection on an unusual port (allowlisted: not counted in the verdict)',
    );
  });

  it('says only the headline when there is no connection', () => {
    const md = reportToMarkdown(reportOf([]), t);
    expect(md).toBe(
      '# Portwatch: Nothing recorded for this tab yet\n\nReload the page to see its report.\n',
    );
    const notWeb = reportOf([
      { type: 'commit', time: T0, url: 'about:blank', transition: 'typed', qualifiers: [] },
    ]);
    expect(reportToMarkdown(notWeb, t)).toContain('# Portwatch: Not a web page');
  });
});
