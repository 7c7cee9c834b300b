import { INSPECT_FAILURES } from '../../src/core/events';
import type { TlsFailure } from '../../src/core/net-error';
import { describe, expect, it } from 'vitest';
import type { HstsView } from '../../src/core/hsts';
import {
  ctMessage,
  daysLeftMessage,
  echMessage,
  errorClassMessage,
  hstsMessages,
  ipMessages,
  keyMessage,
  kindMessage,
  overriddenMessage,
  roleMessage,
  tlsStateMessage,
} from '../../src/core/report-words';
import { reportToMarkdown } from '../../src/core/report-markdown';
import { reportToJson } from '../../src/core/report-json';
import { mdText } from '../../src/core/markdown';
import { renderMessage, type Message } from '../../src/core/message';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { load, report as reportOf } from './events';

const T0 = 1_700_000_000_000;
import { t } from './translate';

// Reports are built by the real core from browser-like events, and worded from the real
// messages.json, so these tests see what a user would paste.

/** Splits a table row on the pipes that are not escaped. */
function cells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1);
}

const downgrade = reportOf(
  load({
    chain: [
      'https://shop.example/login',
      'http://shop.example/login',
      'http://www.shop.example/login',
    ],
    statuses: [301, 302],
    ip: '93.184.216.34',
    subresources: ['http://cdn.example/app.js', 'https://fonts.example/a.woff2'],
  }),
);

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

  it('gives each finding its severity, title, detail and why', () => {
    expect(md).toContain('### Danger: Redirected from HTTPS to HTTP\n\n');
    expect(md).toContain(
      'https://shop.example/login redirected to http://shop.example/login (hop 1, HTTP status 301).',
    );
    expect(md).toContain('Why it matters: Anyone on the network can read and change an HTTP page.');
    expect(md).toContain('### Warning: Page not encrypted');
    expect(md.indexOf('### Danger')).toBeLessThan(md.indexOf('### Warning'));
  });

  it('tabulates the other origins', () => {
    expect(md).toContain('| Scheme | Host | Port | Requests | Flags |');
    expect(md).toContain('| http | cdn.example | 80 | 1 |');
    expect(md).toContain('| https | fonts.example | 443 | 1 |');
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

describe('mdText', () => {
  it('escapes every character that opens a construct', () => {
    expect(mdText('\\`*_~[]<>|$')).toBe('\\\\\\`\\*\\_\\~\\[\\]\\<\\>\\|\\$');
  });

  it('shows bidirectional controls rather than obeying them', () => {
    expect(mdText('a\u202Eb\u2066c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('leaves plain URLs and ampersands readable', () => {
    expect(mdText('https://a.example/p?x=1&y=2')).toBe('https://a.example/p?x=1&y=2');
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

describe('words for every state', () => {
  const connection = downgrade.connection!;
  it('has a message for every HSTS state, IP scope, TLS reason and request kind', () => {
    // t throws on a missing key; each message must also say something.
    const said: string[] = [];
    const say = (m: Message): void => void said.push(renderMessage(m, t));
    const states: HstsView['state'][] = [
      'present',
      'short',
      'absent',
      'invalid',
      'unknown',
      'not-applicable',
    ];
    for (const state of states)
      for (const m of hstsMessages({
        state,
        maxAge: 86400,
        includeSubDomains: true,
        preload: true,
      }))
        say(m);
    for (const ipScope of ['loopback', 'private', 'link-local', 'unspecified', 'public'] as const) {
      for (const m of ipMessages({ ...connection, ipFamily: 'IPv6', ipScope })) say(m);
    }
    for (const reason of [
      'expired',
      'not-yet-valid',
      'untrusted',
      'name-mismatch',
      'revoked',
      'weak-key',
      'weak-signature',
      'invalid',
      'pinning',
      'ct-required',
      'interception',
      'client-certificate',
      'handshake',
      'protocol',
      'other',
    ] satisfies TlsFailure[]) {
      say(errorClassMessage({ ...connection, errorClass: { kind: 'tls', reason } })!);
    }
    for (const kind of ['main_frame', 'sub_frame', 'websocket', 'other', 'surprise'])
      say(kindMessage(kind));
    // 6 HSTS states (the present and short ones with their directives), 5 scopes with the
    // family, 15 reasons, 5 kinds: none of them empty.
    expect(said.length).toBeGreaterThanOrEqual(6 + 10 + 15 + 5);
    expect(said.filter((text) => text.trim() === '')).toEqual([]);
    expect(new Set(said.slice(-15 - 5, -5)).size).toBe(15);
  });

  it('has a message for every TLS state, CT status, ECH, bypassed error, role and key', () => {
    const states = [
      'not-seen',
      'not-in-browser',
      'needs-permission',
      'can-inspect',
      'inspecting',
    ] as const;
    for (const state of states) renderMessage(tlsStateMessage({ state })!, t);
    for (const reason of INSPECT_FAILURES)
      renderMessage(tlsStateMessage({ state: 'inspect-failed', reason })!, t);
    expect(tlsStateMessage({ state: 'not-encrypted' })).toBeNull();
    for (const ct of [
      'compliant',
      'not-compliant',
      'not-applicable',
      'unknown',
      undefined,
    ] as const)
      renderMessage(ctMessage(ct), t);
    for (const ech of [true, false, undefined]) renderMessage(echMessage(ech), t);
    for (const e of ['untrusted', 'name-mismatch', 'expired'] as const)
      renderMessage(overriddenMessage(e), t);
    for (const role of ['leaf', 'intermediate', 'root'] as const)
      renderMessage(roleMessage(role), t);
    for (const days of [400, 1, 0, -1, -2, undefined])
      for (const source of ['der', 'browser'] as const)
        renderMessage(daysLeftMessage(days, source), t);
    const base = {
      source: 'der' as const,
      subject: '',
      issuer: '',
      sans: [],
      sansDropped: 0,
      isCa: false,
      selfSigned: false,
    };
    const keys = [
      { keyAlgorithm: 'RSA', keySize: 2048 },
      { keyAlgorithm: 'EC', curve: 'P-256', keySize: 256 },
      { keyAlgorithm: 'Ed25519' },
      { keyAlgorithm: 'unknown' },
    ] as const;
    const said = keys.map((k) => renderMessage(keyMessage({ ...base, ...k }), t));
    expect(said).toEqual(['RSA, 2048 bits', 'EC, curve P-256', 'Ed25519', 'unknown algorithm']);
  });
});

describe('reportToJson', () => {
  it('is the report itself, with the generator and version', () => {
    const parsed = JSON.parse(reportToJson(downgrade, '1.2.3')) as Record<string, unknown>;
    expect(parsed).toEqual({ generator: 'Portwatch', version: '1.2.3', ...downgrade });
    expect(JSON.parse(reportToJson(downgrade))).not.toHaveProperty('version');
  });

  it('writes angle brackets as escapes, so pasted JSON cannot close a script element', () => {
    const report = reportOf(load({ chain: ['http://evil.example/</script><script>x</script>'] }));
    const json = reportToJson(report);
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.stringify(JSON.parse(json))).toContain('</script><script>');
  });
});
