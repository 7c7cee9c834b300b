import { describe, expect, it } from 'vitest';
import { newAlerts } from '../../src/core/alerts';
import { assessPage } from '../../src/core/assess';
import type { TlsInfo } from '../../src/core/cert/model';
import { findingText } from '../../src/core/finding-text';
import type { Finding } from '../../src/core/findings';
import type { HostMemory } from '../../src/core/memory';
import { renderMessage } from '../../src/core/message';
import { certOfConnection } from '../../src/core/remembered-cert';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../src/core/settings';
import {
  day,
  pageFacts,
  renewalCerts,
  renewalTls,
  type ChainOptions,
  type RenewalChain,
} from '../fixtures/certs/renewals/load';
import { t } from './translate';

// local-root (local-root.ts): a Firefox chain ending at a root that does not ship with Firefox,
// on real chains (test/fixtures/certs/renewals): an intercepting antivirus's root that signs a
// certificate per site, and a developer's mkcert root for localhost.

const SHOP = 'https://shop.example/';
const LOCALHOST = 'https://localhost:8443/';
const AT = day('2026-02-10');

const local = (name: RenewalChain, options: ChainOptions = {}) =>
  renewalTls(name, { builtInRoot: false, ...options });

function localRoot(
  url: string,
  tls: TlsInfo,
  remembered: HostMemory | null = null,
  settings: CoreSettings = DEFAULT_SETTINGS,
): Finding | undefined {
  return assessPage(pageFacts(url, tls, remembered, AT), settings).find(
    (f) => f.id === 'local-root',
  );
}

/** What was remembered of shop.example after a visit a week ago over `name`. */
function rememberedOver(name: RenewalChain, builtInRoot: boolean): HostMemory {
  const seen = AT - 7 * 86_400_000;
  const cert = certOfConnection(renewalTls(name, { builtInRoot }), seen)!;
  return { seen, https: seen, certs: [cert] };
}

const rootSpki = (name: RenewalChain) => renewalCerts(name).at(-1)!.spkiSha256!;
const text = (f: Finding) => renderMessage(findingText(f).detail, t);
const notified = (f: Finding, level: 'warning' | 'danger') =>
  newAlerts(pageFacts(SHOP, undefined, null, AT), [f], level, false).notify.length > 0;

describe('local-root', () => {
  it('is a notice for a chain ending at a root that does not ship with Firefox', () => {
    const f = localRoot(SHOP, local('proxy-shop'))!;
    expect(f).toMatchObject({
      id: 'local-root',
      severity: 'notice',
      softened: false,
      evidence: { url: SHOP, certificate: 'Shield Web Proxy Root', root: rootSpki('proxy-shop') },
    });
    expect(text(f)).toBe(
      'This connection’s certificate chain ends at “Shield Web Proxy Root”, a root certificate ' +
        'added to this computer or to Firefox, not one that ships with Firefox.',
    );
    expect(notified(f, 'warning')).toBe(false);
    // Nothing remembered of the host and nothing wrong with the certificate: only this finding.
    const all = assessPage(pageFacts(SHOP, local('proxy-shop'), null, AT), DEFAULT_SETTINGS);
    expect(all.map((x) => x.id)).toEqual(['local-root']);
  });

  it('is a notice for a three-certificate chain too: what counts is its last certificate', () => {
    expect(localRoot(SHOP, local('a1'))).toMatchObject({ severity: 'notice' });
    expect(localRoot(SHOP, renewalTls('a1'))).toBeUndefined();
  });

  it('is info, softened, on a loopback development host', () => {
    const f = localRoot(LOCALHOST, local('mkcert-localhost'))!;
    expect(f).toMatchObject({
      severity: 'info',
      softened: true,
      evidence: { certificate: 'mkcert dev@laptop' },
    });
    expect(notified(f, 'warning')).toBe(false);
    const unsoftened = { ...DEFAULT_SETTINGS, softenLoopback: false };
    expect(localRoot(LOCALHOST, local('mkcert-localhost'), null, unsoftened)).toMatchObject({
      severity: 'notice',
      softened: false,
    });
  });

  it('is a warning where the host was remembered with a chain ending at a built-in root', () => {
    const before = rememberedOver('a1', true);
    const f = localRoot(SHOP, local('proxy-shop'), before)!;
    expect(f).toMatchObject({ severity: 'warning', evidence: { since: before.seen } });
    expect(text(f)).toBe(
      'This connection’s certificate chain ends at “Shield Web Proxy Root”, a root certificate ' +
        'added to this computer or to Firefox. On earlier visits (last on 2026-02-03 12:00 UTC) ' +
        'this site’s chain ended at a root that ships with Firefox: something now sits between ' +
        'you and the site.',
    );
    expect(notified(f, 'warning')).toBe(true);
    // Remembered over a local root already (a company proxy all along): the notice only.
    expect(localRoot(SHOP, local('proxy-shop'), rememberedOver('proxy-shop', false))).toMatchObject(
      { severity: 'notice' },
    );
    // Remembering certificates off, or the memory past the days kept: no earlier visit to cite.
    const off = { ...DEFAULT_SETTINGS, rememberCertificates: false };
    expect(localRoot(SHOP, local('proxy-shop'), before, off)).toMatchObject({ severity: 'notice' });
    const short = { ...DEFAULT_SETTINGS, rememberDays: 3 };
    expect(localRoot(SHOP, local('proxy-shop'), before, short)).toMatchObject({
      severity: 'notice',
    });
  });

  it('says what to do: where to look for the root, and nothing for a development root', () => {
    const todo = (f: Finding) => renderMessage(findingText(f).todo, t);
    const where =
      'in Firefox under Settings → Privacy & Security → Certificates → View Certificates → ' +
      'Authorities';
    const notice = todo(localRoot(SHOP, local('proxy-shop'))!);
    expect(notice).toContain(where);
    expect(notice).toContain('antivirus that inspects HTTPS');
    const appeared = todo(localRoot(SHOP, local('proxy-shop'), rememberedOver('a1', true))!);
    expect(appeared).toMatch(/^Do not sign in or pay here until you know what changed/);
    expect(appeared).toContain(where);
    expect(todo(localRoot(LOCALHOST, local('mkcert-localhost'))!)).toBe(
      'Nothing, if this is the root of a development tool you use, such as mkcert.',
    );
  });

  it('is not raised for a root the person said they know, by its key', () => {
    const known = {
      ...DEFAULT_SETTINGS,
      knownRoots: [{ spki: rootSpki('proxy-shop'), name: 'Shield Web Proxy Root' }],
    };
    expect(localRoot(SHOP, local('proxy-shop'), null, known)).toBeUndefined();
    expect(localRoot(SHOP, local('proxy-shop'), rememberedOver('a1', true), known)).toBeUndefined();
    // Another root, even with the same name, is not the one known.
    expect(localRoot(SHOP, local('mkcert-localhost'), null, known)).toMatchObject({
      severity: 'notice',
    });
  });

  it('is not raised in Chrome, which does not say which roots are its own', () => {
    const chrome: TlsInfo = { ...local('proxy-shop'), source: 'chrome' };
    expect(localRoot(SHOP, chrome)).toBeUndefined();
    expect(localRoot(SHOP, chrome, rememberedOver('a1', true))).toBeUndefined();
  });

  it('is not raised for a certificate error clicked through', () => {
    const overridden = local('proxy-shop', { extra: { overridableErrorCategory: 'trust_error' } });
    expect(overridden.overriddenError).toBe('untrusted');
    expect(localRoot(SHOP, overridden)).toBeUndefined();
    expect(localRoot(SHOP, overridden, rememberedOver('a1', true))).toBeUndefined();
  });

  it('is not raised when the page failed to load', () => {
    const page = { ...pageFacts(SHOP, local('proxy-shop'), null, AT), error: 'NS_ERROR_NET_RESET' };
    expect(assessPage(page, DEFAULT_SETTINGS).map((f) => f.id)).not.toContain('local-root');
  });
});
