import { toUnicode } from 'punycode/punycode.es6.js';
import { classifyIp, type IpFamily } from './ip';
import { bound, MAX_HOST, MAX_URL } from './text';

export type HostKind = 'domain' | 'ipv4' | 'ipv6';

export interface UrlInfo {
  /** The URL, bounded to MAX_URL characters. */
  href: string;
  /** Scheme without the colon: `https`, `http`, `wss`, `ws`, … */
  scheme: string;
  /** https: or wss:, the schemes whose connection is encrypted. */
  secure: boolean;
  /** ASCII (punycode) host as the browser sends it; IPv6 literals keep their brackets. */
  host: string;
  /** The host as a person reads it: IDN labels decoded to Unicode. */
  hostUnicode: string;
  hostKind: HostKind;
  /** Port the connection uses: the explicit one, else the scheme's default. */
  port: number;
  /** Whether the port is written in the URL (even when it equals the default, as in `:443`). */
  portExplicit: boolean;
  /** The scheme's default port, or null for schemes without one. */
  defaultPort: number | null;
  /** Written as a loopback host: `localhost`, `*.localhost`, 127.0.0.0/8 or [::1]. */
  loopback: boolean;
  /** An IP literal in a private, link-local or CGNAT range. */
  privateAddress: boolean;
  origin: string;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  ftp: 21,
};

const SECURE_SCHEMES = new Set(['https', 'wss']);

/**
 * Finds the port text written in a URL's authority. WHATWG URL parsing drops a port equal to the
 * scheme's default, so `https://a.example:443/` would otherwise look like `https://a.example/`.
 * Reads only the authority, so it costs the same for a 64 KB URL as for a short one.
 */
function writtenPort(raw: string): string {
  const start = raw.indexOf('//');
  if (start === -1) return '';
  let end = start + 2;
  while (end < raw.length && !'/?#\\'.includes(raw[end]!)) end++;
  let authority = raw.slice(start + 2, end);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  const close = authority.lastIndexOf(']');
  const colon = authority.lastIndexOf(':');
  return colon > close ? authority.slice(colon + 1) : '';
}

function decodeHost(host: string): string {
  if (!host.includes('xn--')) return host;
  try {
    return toUnicode(host);
  } catch {
    return host; // A malformed punycode label is shown as written, never thrown.
  }
}

/** Analyses a URL; null when it is not an absolute URL with a host. Never throws. */
export function parseUrl(raw: string): UrlInfo | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (url.hostname === '') return null;
  const defaultPort = DEFAULT_PORTS[scheme] ?? null;
  const port = url.port === '' ? defaultPort : Number(url.port);
  if (port === null) return null;

  const host = url.hostname.toLowerCase();
  const ip = classifyIp(host);
  const hostKind: HostKind = ip ? (ip.family === 'IPv4' ? 'ipv4' : 'ipv6') : 'domain';
  const loopback = ip?.scope === 'loopback' || host === 'localhost' || host.endsWith('.localhost');
  const privateAddress = ip?.scope === 'private' || ip?.scope === 'link-local';
  const boundedHost = bound(host, MAX_HOST);

  return {
    href: bound(url.href, MAX_URL),
    scheme,
    secure: SECURE_SCHEMES.has(scheme),
    host: boundedHost,
    hostUnicode: hostKind === 'domain' ? bound(decodeHost(host), MAX_HOST) : boundedHost,
    hostKind,
    port,
    portExplicit: writtenPort(raw) !== '',
    defaultPort,
    loopback,
    privateAddress,
    origin: bound(`${scheme}://${host}${url.port === '' ? '' : `:${url.port}`}`, MAX_URL),
  };
}

/**
 * The origin of a URL the browser has already serialised (webRequest URLs are canonical), read
 * with string operations only: it runs for every request a page makes, where a full parse would
 * be the most expensive step. Gives the same result as `parseUrl(url)?.origin` for such URLs.
 */
export function originOf(url: string): string | null {
  const colon = url.indexOf(':');
  if (colon <= 0 || !url.startsWith('//', colon + 1)) return null;
  const scheme = url.slice(0, colon).toLowerCase();
  let end = colon + 3;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    // '/', '?', '#', '\\' end the authority.
    if (c === 47 || c === 63 || c === 35 || c === 92) break;
  }
  let authority = url.slice(colon + 3, end).toLowerCase();
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  const portColon = authority.lastIndexOf(':');
  if (portColon > authority.lastIndexOf(']')) {
    const port = authority.slice(portColon + 1);
    if (port === '' || Number(port) === DEFAULT_PORTS[scheme])
      authority = authority.slice(0, portColon);
  }
  if (authority === '') return null;
  return bound(`${scheme}://${authority}`, MAX_URL);
}

export function ipFamilyOfHost(info: UrlInfo): IpFamily | null {
  if (info.hostKind === 'ipv4') return 'IPv4';
  if (info.hostKind === 'ipv6') return 'IPv6';
  return null;
}

/** An encrypted URL (`https:`, `wss:`); false for undefined. The one test of the scheme. */
export function isSecureUrl(url: string | undefined): boolean {
  return url !== undefined && (url.startsWith('https:') || url.startsWith('wss:'));
}

/** A plain-text URL (`http:`, `ws:`): what a secure page must not load or send the person to. */
export function isPlainUrl(url: string): boolean {
  return url.startsWith('http:') || url.startsWith('ws:');
}

/**
 * The host as people should read it where they glance: its Unicode form, and its punycode beside
 * it whenever they differ, so a look-alike (`xn--pple-43d.com`, "аpple.com" with a Cyrillic а)
 * never passes for the real name.
 */
export function hostDisplay(url: Pick<UrlInfo, 'host' | 'hostUnicode'>): string {
  return url.hostUnicode === url.host ? url.host : `${url.hostUnicode} (${url.host})`;
}
