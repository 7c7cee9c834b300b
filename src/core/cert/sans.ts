import { toUnicode } from 'punycode/punycode.es6.js';
import type { GeneralName } from '@peculiar/asn1-x509';
import { bound } from '../text';
import { nameKey } from './names';
import { MAX_SAN_VALUE, type San, type SanKind, type SanLimits } from './model';
import { visible } from './visible';

// subjectAltName entries as the model keeps them, within the limits: a certificate may list
// thousands of names, and the popup and storage must not pay for all of them.

export interface SanList {
  sans: San[];
  sansDropped: number;
}

function decodeIdn(name: string): string | undefined {
  if (!name.toLowerCase().includes('xn--')) return undefined;
  try {
    const unicode = toUnicode(name);
    return unicode === name ? undefined : unicode;
  } catch {
    return undefined; // A malformed punycode label is shown as written.
  }
}

function entry(kind: SanKind, raw: string): San {
  const value = bound(visible(raw), MAX_SAN_VALUE);
  if (kind !== 'DNS') return { kind, value };
  const unicode = decodeIdn(raw);
  return unicode === undefined
    ? { kind, value }
    : { kind, value, unicode: bound(visible(unicode), MAX_SAN_VALUE) };
}

function fromGeneralName(g: GeneralName): San {
  if (g.dNSName !== undefined) return entry('DNS', g.dNSName);
  if (g.iPAddress !== undefined) return entry('IP', g.iPAddress);
  if (g.rfc822Name !== undefined) return entry('email', g.rfc822Name);
  if (g.uniformResourceIdentifier !== undefined) return entry('URI', g.uniformResourceIdentifier);
  if (g.registeredID !== undefined) return entry('other', `RID:${g.registeredID}`);
  if (g.otherName !== undefined) return entry('other', `otherName:${g.otherName.typeId}`);
  if (g.directoryName !== undefined) return entry('other', `DirName:${nameKey(g.directoryName)}`);
  return entry('other', 'unknown');
}

/** Keeps SANs in order until the count or the character budget runs out. */
export function limitSans(all: readonly San[], limits: SanLimits): SanList {
  const sans: San[] = [];
  let chars = 0;
  for (const san of all) {
    chars += san.value.length + (san.unicode?.length ?? 0);
    if (sans.length >= limits.count || chars > limits.chars) break;
    sans.push(san);
  }
  return { sans, sansDropped: all.length - sans.length };
}

export function sansFromGeneralNames(names: readonly GeneralName[], limits: SanLimits): SanList {
  // Convert only what can be kept (plus one, to know the budget is spent): each costs a decode.
  const kept = limitSans(names.slice(0, limits.count + 1).map(fromGeneralName), limits);
  return { sans: kept.sans, sansDropped: names.length - kept.sans.length };
}

/** Chrome's sanList: DNS names and IP addresses, as bare strings. */
export function sansFromStrings(names: readonly unknown[], limits: SanLimits): SanList {
  const strings = names.slice(0, limits.count + 1).filter((n) => typeof n === 'string');
  const sans = strings.map((n) => entry(isIpLiteral(n) ? 'IP' : 'DNS', n));
  const kept = limitSans(sans, limits);
  return { sans: kept.sans, sansDropped: names.length - kept.sans.length };
}

function isIpLiteral(text: string): boolean {
  return (
    /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text))
  );
}
