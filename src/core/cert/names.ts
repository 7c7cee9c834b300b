import type { AttributeTypeAndValue, Name } from '@peculiar/asn1-x509';
import { bound } from '../text';
import { MAX_FIELD, MAX_NAME } from './model';
import { visible } from './visible';

// X.500 names as text, in the RFC 4514 form that openssl (`-nameopt RFC2253`), Firefox and most
// tools print: most specific part first, `CN=leaf,O=Org,C=NL`.

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

const CN = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';
/** A name is read only this far: past it, nothing more would be shown anyway. */
const MAX_ATTRIBUTES = 256;

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The attribute's value as text, unescaped; a value that is not a string as RFC 4514's `#hex`. */
function valueText(atv: AttributeTypeAndValue): string {
  const v = atv.value;
  return v.anyValue !== undefined ? `#${hex(v.anyValue)}` : String(v.toString());
}

/** RFC 4514 escaping: the characters that would change how the string splits into parts. */
function escapeValue(value: string): string {
  let out = value.replace(/[\\",+;<>]/g, (c) => `\\${c}`);
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return visible(out);
}

function attributeText(atv: AttributeTypeAndValue): string {
  const type = SHORT_NAMES[atv.type] ?? atv.type;
  const value = atv.value.anyValue !== undefined ? valueText(atv) : escapeValue(valueText(atv));
  return `${type}=${value}`;
}

/** The whole name as text, unbounded: used to compare subject and issuer. */
export function nameKey(name: Name): string {
  const rdns: string[] = [];
  let seen = 0;
  for (const rdn of name) {
    seen += rdn.length;
    if (seen > MAX_ATTRIBUTES) break;
    rdns.push(rdn.map(attributeText).join('+'));
  }
  return rdns.reverse().join(',');
}

/** The name as shown: bounded, since a certificate can carry a 4 KB subject. */
export function nameText(name: Name): string {
  return bound(nameKey(name), MAX_NAME);
}

/** The most specific value of attribute `oid` (the last in the encoding, the first RFC 4514 shows). */
function lastValue(name: Name, oid: string): string | undefined {
  for (let i = name.length - 1; i >= 0; i--) {
    const atv = name[i]!.find((a) => a.type === oid);
    if (atv) return bound(visible(valueText(atv)), MAX_FIELD);
  }
  return undefined;
}

/** The most specific common name (the last CN in the encoding, the first RFC 4514 shows). */
export function commonName(name: Name): string | undefined {
  return lastValue(name, CN);
}

/** The organisation (O): for an issuer, the certificate authority's name. */
export function organization(name: Name): string | undefined {
  return lastValue(name, ORGANIZATION);
}
