import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../../src/core/events';
import type { TabReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { load, report as reportOf } from './events';

const T0 = 1_700_000_000_000;
import { popupHtml } from './popup-html';

// Renders the popup's view for reports the real core builds from browser-like events, worded
// from the real messages.json, and checks what a user would see.

function html(report: TabReport, withActions = false): string {
  return popupHtml(report, withActions ? { copy: async () => {} } : {});
}

/** The opening tags carrying data-finding, in document order, as [id, severity]. */
function findingsIn(markup: string): string[][] {
  return [...markup.matchAll(/<li [^>]*data-finding="([^"]+)" data-severity="([^"]+)"/g)].map(
    (m) => [m[1]!, m[2]!],
  );
}

/** Text of an element from its opening tag to the matching close, assuming no nesting of the same tag. */
function section(markup: string, start: string, tag: string): string {
  const from = markup.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return markup.slice(from, markup.indexOf(`</${tag}>`, from));
}

describe('popup view: an https→http redirect chain', () => {
  const markup = html(
    reportOf(
      load({
        chain: [
          'https://shop.example/login',
          'http://shop.example/login',
          'http://www.shop.example/login',
        ],
        statuses: [301, 302],
        ip: '93.184.216.34',
      }),
    ),
  );

  it('shows the verdict in colour hook and words', () => {
    expect(markup).toMatch(/<header class="verdict" data-verdict="danger">/);
    expect(markup).toContain('<h1>Danger</h1><p>Something is wrong with this connection.</p>');
  });

  it('lists each finding, worst first, with title, detail and why', () => {
    expect(findingsIn(markup)).toEqual([
      ['downgrade-redirect', 'danger'],
      ['insecure-page', 'warning'],
    ]);
    expect(markup).toContain('<h3>Redirected from HTTPS to HTTP</h3>');
    expect(markup).toContain(
      'https://shop.example/login redirected to http://shop.example/login (hop 1, HTTP status 301).',
    );
    expect(markup).toContain(
      '<strong>Why it matters:</strong> Anyone on the network can read and change an HTTP page.',
    );
  });

  it('lists each hop of the redirect chain, in order, with its status', () => {
    const chain = section(markup, '<ol class="hops"', 'ol');
    const hops = [...chain.matchAll(/<li class="hop[^"]*"[^>]*>(.*?)<\/li>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(hops).toEqual([
      'https://shop.example/login redirected with HTTP 301',
      'http://shop.example/login redirected with HTTP 302',
      'http://www.shop.example/login final page',
    ]);
  });

  it('states the connection facts', () => {
    expect(markup).toContain(
      '<dt>Server IP</dt><dd><span class="clamp value">93.184.216.34</span> <span class="note">IPv4</span> <span class="note">public</span></dd>',
    );
    expect(markup).toContain(
      '<dt>Port</dt><dd><span class="value">80</span> <span class="note">default</span> <span class="note">HTTP</span></dd>',
    );
    expect(markup).toContain('<span class="note">not encrypted</span>');
    expect(markup).toContain('<dt>HTTP status</dt><dd><span class="value">200</span></dd>');
  });
});

describe('popup view: attacker-controlled text', () => {
  const hostile = 'http://evil.example/?q=<script>alert(1)</script>&x="onmouseover=alert(2)';
  const markup = html(
    reportOf(
      load({
        chain: ['https://evil.example/<script>', hostile],
        subresources: [{ url: 'http://evil.example/<img src=x>' }],
      }),
    ),
  );

  it('shows a <script> in a URL as text', () => {
    expect(markup).not.toMatch(/<script/i);
    expect(markup).not.toMatch(/<img/i);
    expect(markup).toContain('&lt;script>alert(1)&lt;/script>');
    expect(markup).not.toContain('"onmouseover');
  });

  it('keeps the full value of a long URL in a title', () => {
    const long = `https://long.example/${'a'.repeat(3000)}`;
    const report = reportOf(load({ chain: [long] }));
    const out = html(report);
    const url = report.connection!.url;
    expect(url.length).toBeGreaterThan(1000);
    expect(out).toContain(`<span class="clamp value" title="${url}">${url}</span>`);
  });

  it('never sets HTML from a string anywhere in the popup', () => {
    const dir = new URL('../../src/popup/', import.meta.url);
    for (const file of readdirSync(dir)) {
      expect(readFileSync(new URL(file, dir), 'utf8')).not.toContain('dangerouslySetInnerHTML');
    }
  });
});

describe('popup view: other pages', () => {
  it('shows only the headline when there is no connection', () => {
    const settingsPage: TabEvent = {
      type: 'commit',
      time: T0,
      url: 'chrome://settings/',
      transition: 'typed',
      qualifiers: [],
    };
    const cases: Array<[TabEvent[], string]> = [
      [[], 'Nothing recorded for this tab yet'],
      [[settingsPage], 'Not a web page'],
    ];
    for (const [events, headline] of cases) {
      const out = html(reportOf(events), true);
      expect(out).toContain('data-verdict="none"');
      expect(out).toContain(`<h1>${headline}</h1>`);
      expect(out).not.toContain('<section');
      expect(out).not.toContain('<button');
    }
  });

  it('names a secure page, its Unicode host and punycode, and HSTS', () => {
    const out = html(
      reportOf(
        load({
          chain: ['https://xn--bcher-kva.example/'],
          ip: '2001:db8::1',
          hsts: 'max-age=31536000; includeSubDomains; preload',
        }),
      ),
    );
    expect(out).toContain('data-verdict="secure"');
    expect(out).toContain('<h1>Secure connection</h1>');
    expect(out).toContain(
      'bücher.example</span><span class="aside">punycode <span class="clamp">xn--bcher-kva.example</span>',
    );
    expect(out).toContain('<span class="note">IPv6</span>');
    expect(out).toContain(
      '<span class="note">on, for 365 day(s)</span> <span class="note">includeSubDomains</span> <span class="note">preload</span>',
    );
    expect(out).not.toContain('data-finding');
    expect(out).not.toContain('h-findings');
  });

  it('names the service of a non-standard port', () => {
    const out = html(
      reportOf(load({ chain: ['https://admin.example:8443/'], hsts: 'max-age=31536000' })),
    );
    expect(out).toContain('data-verdict="notice"');
    expect(findingsIn(out)).toEqual([['nonstandard-port', 'notice']]);
    expect(out).toContain(
      '<span class="value">8443</span> <span class="note">explicit</span> <span class="note">alternative HTTPS</span>',
    );
    expect(out).toContain(
      'Encrypted connection on port 8443 (alternative HTTPS) instead of 443: https://admin.example:8443/',
    );
  });

  it('greys an allowlisted finding and labels a softened one', () => {
    const settings = { ...DEFAULT_SETTINGS, allowlist: ['admin.example:8443'] };
    const allowed = html(
      reportOf(
        load({ chain: ['https://admin.example:8443/'], hsts: 'max-age=31536000' }),
        settings,
      ),
    );
    expect(allowed).toContain('data-verdict="secure"');
    expect(allowed).toMatch(/<li class="finding allowlisted" data-finding="nonstandard-port"/);
    expect(allowed).toContain('allowlisted: not counted in the verdict');
    const local = html(reportOf(load({ chain: ['http://localhost:3000/'] })));
    expect(findingsIn(local)).toEqual([['insecure-page', 'info']]);
    expect(local).toContain('<span class="finding-label">local development server</span>');
    expect(local).toContain('<h1>Local development server</h1>');
  });

  it('lists other origins with flagged ones first, and folds a long list', () => {
    const subresources = [
      ...Array.from({ length: 8 }, (_, i) => ({ url: `https://cdn${i}.example/a.js` })),
      { url: 'http://tracker.example/p.gif' },
      { url: 'wss://chat.example:8443/socket', kind: 'websocket' as const },
    ];
    const out = html(
      reportOf(load({ chain: ['https://news.example/'], hsts: 'max-age=31536000', subresources })),
      true,
    );
    expect(out).toContain('data-verdict="warning"');
    const origins = [...out.matchAll(/data-origin="([^"]+)"/g)].map((m) => m[1]);
    expect(origins.slice(0, 2).sort()).toEqual([
      'http://tracker.example',
      'wss://chat.example:8443',
    ]);
    expect(origins).toHaveLength(10);
    expect(out).toContain('<summary>Show 4 more origin(s)</summary>');
    expect(out).toContain('data-flag="mixed-content"');
    expect(out).toContain('<span class="note">WebSocket</span>');
    expect(out).toContain('<summary>Plain-HTTP URLs (1)</summary>');
    expect(out).toContain(
      '<button type="button" data-action="copy-markdown">Copy report as Markdown</button>',
    );
    expect(out).toContain(
      '<button type="button" data-action="copy-json">Copy report as JSON</button>',
    );
    expect(out).toMatch(/<p class="status" role="status" aria-live="polite"><\/p>/);
  });
});
