// The browsers' own HTTPS upgrading, as they ship: Chromium's HttpsUpgrades and Firefox's
// HTTPS-First try an http:// navigation over https first and fall back to http when that fails.
// Neither upgrades `.test` names, so these scenarios use RFC 2606 names (example.com, .net, .org),
// which both treat like any public site (docs/browsers.md, "HTTPS upgrading"). Each scenario has
// hosts of its own: a browser remembers a host whose https attempt failed and asks for http
// straight away the next time. "http-only" hosts answer https with a certificate for another name,
// or drop the handshake, as hosts that never set up https do.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LONG_HSTS, linkPage, page, redirect, securePage, withHsts } from '../pages';
import type { Scenario } from '../scenario-types';

/** An https answer that never comes: the connection is closed as soon as the request is read. */
function resetConnection(_req: IncomingMessage, res: ServerResponse): void {
  res.socket?.destroy();
}

/**
 * A link from the https page `start` to `target`, whose host has no https (`fault`):
 * a downgrade by the page, judged from the page left (another site: warning; the same: danger),
 * never from the browser's failed attempt.
 */
function linkToHttpOnly(
  site: 'other-site' | 'same-site',
  start: string,
  target: string,
  fault: 'name-mismatch' | 'drop-handshake',
): Scenario {
  const same = site === 'same-site';
  return {
    id: `upgrade-link-${site}`,
    group: 'upgrade',
    title: `A link from https to an http-only page of ${same ? 'the same' : 'another'} site`,
    reach: { by: 'click', selector: '#go' },
    startUrl: start,
    endUrl: target,
    expect: {
      verdict: same ? 'danger' : 'warning',
      badge: '!',
      findings: {
        'downgrade-navigation': same
          ? { severity: 'danger', detail: 'same site' }
          : { severity: 'warning' },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['connection-error', 'downgrade-redirect'],
      fields: { port: 80, hops: 2 },
    },
    serves: {
      [start]: withHsts(linkPage(`A link to ${target}`, target), LONG_HSTS),
      [target]: page(`http only (${site})`),
    },
    tlsFault: { host: new URL(target).hostname, fault },
  };
}

const FIREFOX_TYPED_HTTP =
  'Firefox exempts an http:// URL typed in full from HTTPS-First (and automation opens a URL as ' +
  'if typed): it loads http and tries no https.';

export const UPGRADE_SCENARIOS: Scenario[] = [
  {
    id: 'upgrade-typed-both',
    group: 'upgrade',
    title: 'http:// typed for a host that serves both http and https',
    reach: { by: 'typed' },
    startUrl: 'http://both.example.com/',
    endUrl: 'https://both.example.com/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: {},
      absent: ['insecure-page', 'downgrade-redirect', 'downgrade-prevented', 'connection-error'],
      fields: { port: 443, hops: 1, hsts: 'present' },
    },
    browsers: {
      firefox: {
        why: FIREFOX_TYPED_HTTP,
        endUrl: 'http://both.example.com/',
        expect: {
          verdict: 'warning',
          badge: 'HTTP',
          findings: { 'insecure-page': { severity: 'warning' } },
          absent: ['downgrade-redirect', 'downgrade-prevented', 'connection-error'],
          fields: { port: 80, hops: 0, hsts: 'not-applicable' },
        },
      },
    },
    note: 'Chromium asks for https://both.example.com/ at once: the http URL never leaves the browser.',
    serves: {
      'https://both.example.com/': securePage('Both: the https side'),
      'http://both.example.com/': page('Both: the http side'),
    },
  },
  {
    id: 'upgrade-link-both',
    group: 'upgrade',
    title: 'A link to http:// on a host that also serves https: the browser upgrades it',
    reach: { by: 'click', selector: '#go' },
    startUrl: 'https://links.example.com/both',
    endUrl: 'https://both.example.net/',
    expect: {
      verdict: 'secure',
      badge: '',
      findings: {},
      // The link pointed at http, but the person never left https.
      absent: ['downgrade-navigation', 'insecure-page', 'downgrade-prevented'],
      fields: { port: 443, hops: 1, hsts: 'present' },
    },
    serves: {
      'https://links.example.com/both': withHsts(
        linkPage('A link to http', 'http://both.example.net/'),
        LONG_HSTS,
      ),
      'https://both.example.net/': securePage('Upgraded by the browser'),
      'http://both.example.net/': page('Both (net): the http side'),
    },
  },
  {
    id: 'upgrade-typed-http-only',
    group: 'upgrade',
    title: 'http:// typed for a host with no https (its certificate is for another name)',
    reach: { by: 'typed' },
    startUrl: 'http://plain.example.net/',
    endUrl: 'http://plain.example.net/',
    expect: {
      verdict: 'warning',
      badge: 'HTTP',
      findings: { 'insecure-page': { severity: 'warning' } },
      // The browser's own attempt failed on the certificate: not this page's connection.
      absent: ['connection-error', 'downgrade-redirect', 'downgrade-navigation'],
      fields: { port: 80, hops: 2 },
    },
    browsers: {
      firefox: { why: FIREFOX_TYPED_HTTP, expect: { fields: { port: 80, hops: 0 } } },
    },
    serves: { 'http://plain.example.net/': page('Plain HTTP only') },
    tlsFault: { host: 'plain.example.net', fault: 'name-mismatch' },
  },
  {
    id: 'upgrade-redirect-kept',
    group: 'upgrade',
    title: 'https → 301 → http, and the browser keeps https (the https URL exists)',
    reach: { by: 'typed' },
    startUrl: 'https://kept.example.org/r301',
    endUrl: 'https://kept.example.org/landed',
    expect: {
      verdict: 'notice',
      badge: '',
      findings: {
        'downgrade-prevented': { severity: 'notice', hop: 1, detail: 'asked for it over HTTPS' },
      },
      // No plain request left the browser: the server is misconfigured, the person is fine.
      absent: ['downgrade-redirect', 'insecure-page'],
      fields: { port: 443, hops: 2, hsts: 'present' },
    },
    serves: {
      'https://kept.example.org/r301': redirect('http://kept.example.org/landed', 301),
      'https://kept.example.org/landed': securePage('Kept on https'),
      'http://kept.example.org/landed': page('Never asked for: the browser upgraded'),
    },
  },
  {
    id: 'upgrade-redirect-fallback',
    group: 'upgrade',
    title: 'https → 301 → http, the https attempt fails, the browser falls back to http',
    reach: { by: 'typed' },
    startUrl: 'https://fallback.example.org/r301',
    endUrl: 'http://fallback.example.org/landed',
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'downgrade-redirect': { severity: 'danger', where: 'page', hop: 1, detail: 'fell back' },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['connection-error', 'downgrade-prevented', 'downgrade-navigation'],
      fields: { port: 80, hops: 3 },
    },
    serves: {
      'https://fallback.example.org/r301': redirect('http://fallback.example.org/landed', 301),
      'https://fallback.example.org/landed': resetConnection,
      'http://fallback.example.org/landed': page('Landed on http after the fallback'),
    },
  },
  {
    id: 'upgrade-redirect-404',
    group: 'upgrade',
    title: 'https → 301 → http, and the https URL answers 404',
    reach: { by: 'typed' },
    startUrl: 'https://missing.example.org/r301',
    endUrl: 'https://missing.example.org/landed',
    expect: {
      verdict: 'notice',
      badge: '',
      findings: {
        'downgrade-prevented': { severity: 'notice', hop: 1 },
        'no-hsts': { severity: 'info' },
      },
      absent: ['downgrade-redirect', 'insecure-page', 'connection-error'],
      fields: { port: 443, hops: 2, hsts: 'absent' },
    },
    browsers: {
      firefox: {
        why: 'Firefox treats an error status of its https attempt as a failure and falls back to http.',
        endUrl: 'http://missing.example.org/landed',
        expect: {
          verdict: 'danger',
          badge: '!',
          findings: {
            'downgrade-redirect': { severity: 'danger', hop: 1, detail: 'fell back' },
            'insecure-page': { severity: 'warning' },
          },
          absent: ['downgrade-prevented', 'connection-error', 'no-hsts'],
          fields: { port: 80, hops: 3, hsts: 'not-applicable' },
        },
      },
    },
    serves: {
      'https://missing.example.org/r301': redirect('http://missing.example.org/landed', 301),
      // Without HSTS: with it, Firefox keeps the https 404 too.
      'https://missing.example.org/landed': { status: 404, body: 'Not here' },
      'http://missing.example.org/landed': page('Landed on http after a 404 over https'),
    },
  },
  linkToHttpOnly(
    'other-site',
    'https://news.example.com/elsewhere',
    'http://elsewhere.example.net/page',
    'name-mismatch',
  ),
  linkToHttpOnly(
    'same-site',
    'https://news.example.com/legacy',
    'http://legacy.example.com/page',
    'drop-handshake',
  ),
];
