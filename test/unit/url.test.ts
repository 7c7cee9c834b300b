import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_URL } from '../../src/core/text';
import { originOf, parseUrl } from '../../src/core/url';

describe('parseUrl', () => {
  it('keeps an explicit :443 as explicit, though URL parsing drops it', () => {
    const u = parseUrl('https://a.example:443/')!;
    expect(u).toMatchObject({ scheme: 'https', secure: true, host: 'a.example', port: 443 });
    expect(u.portExplicit).toBe(true);
    expect(parseUrl('https://a.example/')!.portExplicit).toBe(false);
  });

  it('reads IPv6 literals with their port', () => {
    const u = parseUrl('https://[::1]:8443/path')!;
    expect(u).toMatchObject({ host: '[::1]', hostKind: 'ipv6', port: 8443, loopback: true });
    expect(u.portExplicit).toBe(true);
    expect(u.origin).toBe('https://[::1]:8443');
  });

  it('does not take a colon in the path or userinfo for a port', () => {
    expect(parseUrl('https://user:pw@a.example/x:9')!.portExplicit).toBe(false);
    expect(parseUrl('https://a.example/?q=a:b')!.portExplicit).toBe(false);
  });

  it('shows IDN hosts in Unicode and keeps the punycode form', () => {
    const u = parseUrl('https://bücher.example/')!;
    expect(u.host).toBe('xn--bcher-kva.example');
    expect(u.hostUnicode).toBe('bücher.example');
    expect(parseUrl('https://xn--bcher-kva.example/')!.hostUnicode).toBe('bücher.example');
  });

  it('recognises loopback as written, and private ranges', () => {
    expect(parseUrl('http://localhost:3000/')!.loopback).toBe(true);
    expect(parseUrl('http://app.localhost/')!.loopback).toBe(true);
    expect(parseUrl('http://127.8.9.10/')!.loopback).toBe(true);
    expect(parseUrl('http://0x7f.1/')!).toMatchObject({ host: '127.0.0.1', loopback: true });
    expect(parseUrl('http://localhost.example/')!.loopback).toBe(false);
    expect(parseUrl('http://192.168.1.1/')!).toMatchObject({
      loopback: false,
      privateAddress: true,
    });
    expect(parseUrl('http://[fd00::1]/')!.privateAddress).toBe(true);
    expect(parseUrl('http://8.8.8.8/')!.privateAddress).toBe(false);
  });

  it('gives the effective port for ws and wss', () => {
    expect(parseUrl('wss://a.example/')!).toMatchObject({ secure: true, port: 443 });
    expect(parseUrl('ws://a.example:443/')!).toMatchObject({ secure: false, port: 443 });
  });

  it('returns null, never throws, on what is not a web URL', () => {
    expect(parseUrl('not a url')).toBeNull();
    expect(parseUrl('about:blank')).toBeNull();
    expect(parseUrl('http://[::1')).toBeNull();
    expect(() => parseUrl('https://xn--a.example/')).not.toThrow();
  });

  it('bounds a 64 KB URL and a host of 300 labels', () => {
    const long = parseUrl(`https://a.example/${'a'.repeat(64 * 1024)}`)!;
    expect(long.href.length).toBeLessThanOrEqual(MAX_URL);
    const host = Array.from({ length: 300 }, () => 'ab').join('.');
    const u = parseUrl(`https://${host}:8443/`)!;
    expect(u.port).toBe(8443);
    expect(u.host.length).toBeLessThanOrEqual(255);
  });
});

describe('originOf', () => {
  it('agrees with a full parse for URLs as a browser serialises them', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (raw) => {
        const canonical = new URL(raw).href;
        expect(originOf(canonical)).toBe(parseUrl(canonical)?.origin ?? null);
      }),
      { numRuns: 500 },
    );
    for (const url of [
      'https://a.example:443/x',
      'https://[::1]:8443/',
      'wss://a.example:443/s',
      'ws://a.example:443/s',
      'http://user:pw@a.example:8080/',
      'https://xn--bcher-kva.example/',
    ]) {
      const canonical = new URL(url).href;
      expect(originOf(canonical)).toBe(parseUrl(canonical)!.origin);
    }
  });

  it('gives null for what has no authority', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,x')).toBeNull();
    expect(originOf('https://')).toBeNull();
  });
});
