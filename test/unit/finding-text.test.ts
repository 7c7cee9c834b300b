import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingText } from '../../src/core/finding-text';
import { FINDING_IDS, raise, type Evidence, type Finding } from '../../src/core/findings';
import { renderMessage, type Translate } from '../../src/core/message';
import { de, t as en } from './translate';

// "What to do" (finding-text.ts, todoOf): every finding gets a concrete step, in English and
// German, and the evidence chooses the step where it changes what a person should do (a frame,
// the browser's failed fallback, why a connection failed, a development server, a host on the
// allowlist, a certificate already expired). Each case below is one finding as the core raises
// it, with the message it must be given.

const PAGE = 'https://shop.example/login';
const PLAIN = 'http://shop.example/login';

interface Case {
  name: string;
  finding: Finding;
  todo: string;
}

const page = (url = PAGE): Evidence => ({ url, where: 'page' });
const error = (text: string): Evidence => ({ url: PAGE, error: text });
const cipher = (reason: string): Evidence => ({ cipher: 'TLS_RSA_WITH_X', reason });

const CASES: Case[] = [
  {
    name: 'https-stripped',
    finding: raise('https-stripped', 'danger', { url: PLAIN, since: 1 }),
    todo: 'todo_https_stripped',
  },
  {
    name: 'downgrade-redirect of the page',
    finding: raise('downgrade-redirect', 'danger', { from: PAGE, to: PLAIN, hop: 1, status: 301 }),
    todo: 'todo_downgrade_redirect',
  },
  {
    name: 'downgrade-redirect after the browser fell back to http',
    finding: raise('downgrade-redirect', 'danger', { from: PAGE, to: PLAIN, fallback: '' }),
    todo: 'todo_downgrade_redirect_fallback',
  },
  {
    name: 'downgrade-redirect of a frame',
    finding: raise('downgrade-redirect', 'danger', { from: PAGE, to: PLAIN, where: 'frame' }),
    todo: 'todo_downgrade_redirect_frame',
  },
  {
    name: 'downgrade-navigation',
    finding: raise('downgrade-navigation', 'warning', { from: PAGE, to: PLAIN, sameSite: false }),
    todo: 'todo_downgrade_navigation',
  },
  {
    name: 'downgrade-navigation on the same site',
    finding: raise('downgrade-navigation', 'danger', { from: PAGE, to: PLAIN, sameSite: true }),
    todo: 'todo_downgrade_navigation',
  },
  {
    name: 'insecure-form',
    finding: raise('insecure-form', 'danger', { from: PAGE, to: PLAIN, url: PLAIN }),
    todo: 'todo_insecure_form',
  },
  {
    name: 'connection-error, untrusted certificate',
    finding: raise('connection-error', 'danger', error('net::ERR_CERT_AUTHORITY_INVALID')),
    todo: 'todo_connection_error',
  },
  {
    name: 'connection-error, Firefox sentence for a wrong name',
    finding: raise(
      'connection-error',
      'danger',
      error('The certificate is not valid for the domain name.'),
    ),
    todo: 'todo_connection_error',
  },
  {
    name: 'connection-error, expired (Chrome)',
    finding: raise('connection-error', 'danger', error('net::ERR_CERT_DATE_INVALID')),
    todo: 'todo_connection_error_clock',
  },
  {
    name: 'connection-error, not yet valid (Firefox)',
    finding: raise('connection-error', 'danger', error('The certificate is not yet valid.')),
    todo: 'todo_connection_error_clock',
  },
  {
    name: 'connection-error, client certificate asked for',
    finding: raise('connection-error', 'danger', error('net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED')),
    todo: 'todo_connection_error_client_certificate',
  },
  {
    name: 'connection-error, known interception blocked',
    finding: raise('connection-error', 'danger', error('net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED')),
    todo: 'todo_connection_error_interception',
  },
  {
    name: 'connection-error, handshake',
    finding: raise('connection-error', 'danger', error('net::ERR_SSL_PROTOCOL_ERROR')),
    todo: 'todo_connection_error_handshake',
  },
  {
    name: 'connection-error, TLS version or cipher',
    finding: raise('connection-error', 'danger', error('net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH')),
    todo: 'todo_connection_error_handshake',
  },
  {
    name: 'plaintext-on-443, the page',
    finding: raise('plaintext-on-443', 'warning', {
      ...page('http://shop.example:443/'),
      port: 443,
    }),
    todo: 'todo_plaintext_on_443',
  },
  {
    name: 'plaintext-on-443, a WebSocket',
    finding: raise('plaintext-on-443', 'warning', {
      url: 'ws://live.example:443/',
      port: 443,
      where: 'websocket',
    }),
    todo: 'todo_plaintext_on_443_embedded',
  },
  {
    name: 'plaintext-on-443, a frame',
    finding: raise('plaintext-on-443', 'warning', {
      url: 'http://ads.example:443/',
      port: 443,
      where: 'frame',
    }),
    todo: 'todo_plaintext_on_443_embedded',
  },
  {
    name: 'insecure-page',
    finding: raise('insecure-page', 'warning', page(PLAIN)),
    todo: 'todo_insecure_page',
  },
  {
    name: 'insecure-page on a development server',
    finding: raise('insecure-page', 'info', page('http://localhost:3000/'), { softened: true }),
    todo: 'todo_insecure_page_local',
  },
  {
    name: 'mixed-content',
    finding: raise('mixed-content', 'warning', { url: PAGE, count: 1, urls: ['http://cdn/a.js'] }),
    todo: 'todo_mixed_content',
  },
  {
    name: 'nonstandard-port',
    finding: raise('nonstandard-port', 'notice', { url: 'https://shop.example:8443/', port: 8443 }),
    todo: 'todo_nonstandard_port',
  },
  {
    name: 'nonstandard-port of a WebSocket',
    finding: raise('nonstandard-port', 'notice', {
      url: 'wss://live.example:8443/',
      port: 8443,
      where: 'websocket',
    }),
    todo: 'todo_nonstandard_port',
  },
  {
    name: 'nonstandard-port, allowlisted',
    finding: raise(
      'nonstandard-port',
      'notice',
      { url: 'https://router.example:8443/', port: 8443 },
      { allowlisted: true },
    ),
    todo: 'todo_nonstandard_port_allowlisted',
  },
  {
    name: 'nonstandard-port on a development server',
    finding: raise(
      'nonstandard-port',
      'info',
      { url: 'https://localhost:8443/', port: 8443 },
      { softened: true },
    ),
    todo: 'todo_nonstandard_port_local',
  },
  {
    name: 'downgrade-prevented',
    finding: raise('downgrade-prevented', 'notice', { from: PAGE, to: PLAIN, hop: 1, status: 301 }),
    todo: 'todo_downgrade_prevented',
  },
  {
    name: 'no-hsts, header absent',
    finding: raise('no-hsts', 'info', { url: PAGE, maxAge: null }),
    todo: 'todo_no_hsts',
  },
  {
    name: 'no-hsts, max-age short',
    finding: raise('no-hsts', 'info', { url: PAGE, maxAge: 86_400 }),
    todo: 'todo_no_hsts',
  },
  {
    name: 'weak-protocol',
    finding: raise('weak-protocol', 'danger', { protocol: 'TLS 1.0' }),
    todo: 'todo_weak_protocol',
  },
  {
    name: 'weak-protocol in a frame',
    finding: raise('weak-protocol', 'danger', {
      protocol: 'TLS 1.1',
      url: 'https://ads.example/',
      where: 'frame',
    }),
    todo: 'todo_weak_protocol',
  },
  ...['cbc', 'non-aead', 'des'].map((reason) => ({
    name: `weak-cipher, ${reason}`,
    finding: raise('weak-cipher', 'warning', cipher(reason)),
    todo: 'todo_weak_cipher',
  })),
  ...['null', 'export', 'rc4'].map((reason) => ({
    name: `weak-cipher, ${reason}`,
    finding: raise('weak-cipher', 'warning', cipher(reason)),
    todo: 'todo_weak_cipher_broken',
  })),
  {
    name: 'weak-signature',
    finding: raise('weak-signature', 'danger', { certificate: 'shop.example', algorithm: 'SHA-1' }),
    todo: 'todo_weak_signature',
  },
  {
    name: 'weak-key',
    finding: raise('weak-key', 'warning', {
      certificate: 'shop.example',
      algorithm: 'RSA',
      keySize: 1024,
    }),
    todo: 'todo_weak_key',
  },
  {
    name: 'ct-not-compliant',
    finding: raise('ct-not-compliant', 'warning', {}),
    todo: 'todo_ct_not_compliant',
  },
  {
    name: 'certificate-expiring',
    finding: raise('certificate-expiring', 'warning', { certificate: 'shop.example', days: 3 }),
    todo: 'todo_certificate_expiring',
  },
  {
    name: 'certificate-expiring today',
    finding: raise('certificate-expiring', 'warning', { certificate: 'shop.example', days: 0 }),
    todo: 'todo_certificate_expiring',
  },
  {
    name: 'certificate-expiring, expired',
    finding: raise('certificate-expiring', 'warning', { certificate: 'shop.example', days: -2 }),
    todo: 'todo_certificate_expired',
  },
  {
    name: 'certificate-changed while the old one was young',
    finding: raise('certificate-changed', 'warning', { reason: 'young', lifeUsed: 10 }),
    todo: 'todo_certificate_changed',
  },
  {
    name: 'certificate-changed late in the old one’s life',
    finding: raise('certificate-changed', 'notice', { reason: 'late', lifeUsed: 80 }),
    todo: 'todo_certificate_changed_late',
  },
  {
    name: 'certificate-changed, old lifetime not known',
    finding: raise('certificate-changed', 'notice', { reason: 'unknown' }),
    todo: 'todo_certificate_changed_late',
  },
  {
    name: 'certificate-renewed',
    finding: raise('certificate-renewed', 'info', { certificate: 'shop.example' }),
    todo: 'todo_certificate_renewed',
  },
  {
    name: 'local-root',
    finding: raise('local-root', 'notice', { url: PAGE, certificate: 'Shield Web Proxy Root' }),
    todo: 'todo_local_root',
  },
  {
    name: 'local-root where a built-in root was seen before',
    finding: raise('local-root', 'warning', { url: PAGE, certificate: 'Proxy Root', since: 1 }),
    todo: 'todo_local_root_appeared',
  },
  {
    name: 'local-root on a development host',
    finding: raise(
      'local-root',
      'info',
      { url: 'https://localhost:8443/', certificate: 'mkcert dev@laptop' },
      { softened: true },
    ),
    todo: 'todo_local_root_local',
  },
];

const EN_KEYS = Object.keys(
  JSON.parse(
    readFileSync(new URL('../../src/_locales/en/messages.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>,
);

const LANGUAGES: Array<[string, Translate]> = [
  ['en', en],
  ['de', de],
];

describe('what to do about a finding', () => {
  it('is worded for every finding the core raises', () => {
    const covered = new Set(CASES.map((c) => c.finding.id));
    expect(FINDING_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: the step its evidence calls for', (_, c) => {
    expect(findingText(c.finding).todo).toEqual({ key: c.todo });
  });

  it('has no message no finding reaches', () => {
    const reached = new Set(CASES.map((c) => c.todo));
    expect(EN_KEYS.filter((k) => k.startsWith('todo_') && !reached.has(k))).toEqual([]);
  });

  it.each(LANGUAGES)(
    'in %s: says something of its own, not the why again, with nothing left unfilled',
    (_, t) => {
      const problems: string[] = [];
      for (const c of CASES) {
        const text = findingText(c.finding);
        const todo = renderMessage(text.todo, t).trim();
        const why = renderMessage(text.why, t).trim();
        if (todo === '') problems.push(`${c.name}: empty`);
        if (todo === why) problems.push(`${c.name}: the same as its why`);
        if (/\$[1-9A-Za-z_@$]/.test(todo)) problems.push(`${c.name}: placeholder left: ${todo}`);
        if (todo.includes('"')) problems.push(`${c.name}: straight quotes: ${todo}`);
        if (!/[.!]$/.test(todo)) problems.push(`${c.name}: not a whole sentence: ${todo}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('is labelled in both languages', () => {
    expect(en('label_todo')).toBe('What to do:');
    expect(de('label_todo')).toBe('Was tun:');
  });

  it('in German addresses the person as Sie, with German quotation marks', () => {
    for (const c of CASES) {
      const todo = renderMessage(findingText(c.finding).todo, de);
      expect(todo, c.name).not.toMatch(/\b(du|dich|dir|dein\w*)\b/i);
      expect(todo.split('„').length, c.name).toBe(todo.split('“').length);
    }
  });

  const todoOf = (name: string, t: Translate = en): string =>
    renderMessage(findingText(CASES.find((c) => c.name === name)!.finding).todo, t);

  it('for a downgrade: do not sign in, type https:// yourself, turn on HTTPS-only mode', () => {
    const todo = todoOf('downgrade-redirect of the page');
    expect(todo).toMatch(/^Do not sign in or pay on this page\./);
    expect(todo).toContain('https://');
    expect(todo).toContain('HTTPS-only mode');
    expect(todo).toContain('“Always use secure connections” in Chrome');
    expect(todo).toContain('“HTTPS-Only Mode” in Firefox');
    const german = todoOf('downgrade-redirect of the page', de);
    expect(german).toContain('https://');
    expect(german).toContain('„Immer sichere Verbindungen verwenden“ in Chrome');
    expect(german).toContain('„Nur-HTTPS-Modus“ in Firefox');
    // The browser already tried https:// and failed: typing it would not help.
    const fallback = todoOf('downgrade-redirect after the browser fell back to http');
    expect(fallback).toContain('HTTPS-only mode');
    expect(fallback).not.toContain('https://');
    expect(todoOf('https-stripped')).toContain('https://');
  });

  it('for a local root: who may have added it and where to look', () => {
    for (const name of ['local-root', 'local-root where a built-in root was seen before']) {
      const todo = todoOf(name);
      expect(todo).toContain(
        'in Firefox under Settings → Privacy & Security → Certificates → View Certificates → Authorities',
      );
      expect(todo).toContain('system’s certificate store');
      expect(todo).toContain('scan this computer for malware');
      expect(todoOf(name, de)).toContain(
        'in Firefox unter Einstellungen → Datenschutz & Sicherheit → Zertifikate → Zertifikate anzeigen → Zertifizierungsstellen',
      );
    }
    const notice = todoOf('local-root');
    for (const who of ['employer', 'antivirus that inspects HTTPS', 'debugging proxy'])
      expect(notice).toContain(who);
    expect(todoOf('local-root on a development host')).toMatch(/^Nothing, .*mkcert/);
  });

  it('says “Nothing” only where there is nothing to do', () => {
    const nothing = CASES.filter((c) => /^Nothing\b/.test(todoOf(c.name))).map((c) => c.name);
    expect(nothing).toEqual([
      'insecure-page on a development server',
      'nonstandard-port, allowlisted',
      'nonstandard-port on a development server',
      'downgrade-prevented',
      // "Nothing yet": the site still works; its owner has the step.
      'certificate-expiring',
      'certificate-expiring today',
      'certificate-renewed',
      'local-root on a development host',
    ]);
  });
});
