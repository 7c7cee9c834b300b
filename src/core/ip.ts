// Classifies IP literals, both the host part of a URL and the server address a browser reports.

export type IpFamily = 'IPv4' | 'IPv6';
export type IpScope = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'public';

export interface IpInfo {
  address: string;
  family: IpFamily;
  scope: IpScope;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number[] | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** Parses an IPv6 address (no brackets, no zone) into eight 16-bit groups, or null. */
export function parseIpv6(text: string): number[] | null {
  if (text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let head = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // Embedded IPv4 in the last 32 bits, as in ::ffff:127.0.0.1: rewrite it as two hex groups.
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return null;
    const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
    head = `${text.slice(0, lastColon + 1)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  if (!left || !right) return null;
  const explicit = left.length + right.length;
  if (halves.length === 1) return explicit === 8 ? left : null;
  if (explicit > 7) return null;
  return [...left, ...new Array<number>(8 - explicit).fill(0), ...right];
}

function scopeOfIpv4(o: number[]): IpScope {
  const [a, b] = [o[0]!, o[1]!];
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT, RFC 6598
  if (a === 169 && b === 254) return 'link-local';
  return 'public';
}

function scopeOfIpv6(g: number[]): IpScope {
  const zeroPrefix = g.slice(0, 7).every((x) => x === 0);
  if (zeroPrefix && g[7] === 1) return 'loopback';
  if (zeroPrefix && g[7] === 0) return 'unspecified';
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return scopeOfIpv4([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]);
  }
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private'; // unique local, fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  return 'public';
}

/** Classifies an address as a browser reports it (`details.ip`) or as a URL host (brackets allowed). */
export function classifyIp(raw: string): IpInfo | null {
  const text = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  const v4 = parseIpv4(text);
  if (v4) return { address: text, family: 'IPv4', scope: scopeOfIpv4(v4) };
  const zoneless = text.split('%')[0]!;
  const v6 = parseIpv6(zoneless);
  if (v6) return { address: text.toLowerCase(), family: 'IPv6', scope: scopeOfIpv6(v6) };
  return null;
}

/** The longest IP literal: an IPv6 address ending in an IPv4 one (`ffff:…:255.255.255.255`). */
export const MAX_IP = 45;

/**
 * An address a browser reported, as kept: a bare IP literal (IPv6 lower-cased, no brackets), or
 * undefined when it is none or longer than MAX_IP. It comes from outside: nothing else is kept.
 */
export function ipLiteral(raw: string): string | undefined {
  if (raw.length > MAX_IP + 2) return undefined;
  const address = classifyIp(raw)?.address;
  return address !== undefined && address.length <= MAX_IP ? address : undefined;
}
