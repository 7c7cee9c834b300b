import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extension,
  GeneralName,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  id_ce_subjectAltName,
} from '@peculiar/asn1-x509';
import { OctetString } from '@peculiar/asn1-schema';
import { describe, expect, it } from 'vitest';
import { isParseError, parseCertificate } from '../../src/core/cert/parse';
import type { CertificateInfo } from '../../src/core/cert/model';
import { visible } from '../../src/core/cert/visible';
import { fixture } from '../fixtures/certs/load';

// Certificates made to mislead: names with RFC 4514 specials, control and bidi characters, and
// SANs with broken punycode. Built by re-encoding a fixture with hostile fields (the signature
// no longer matches, which a parser that does not verify never notices).

const CN = '2.5.4.3';
const O = '2.5.4.10';

function rdn(type: string, value: string): RelativeDistinguishedName {
  return new RelativeDistinguishedName([
    new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) }),
  ]);
}

function withNames(subject: Name, sans: GeneralName[]): CertificateInfo {
  const cert = AsnConvert.parse(fixture('rsa-2048').der, Certificate);
  cert.tbsCertificate.subject = subject;
  const san = new Extension({
    extnID: id_ce_subjectAltName,
    extnValue: new OctetString(AsnConvert.serialize(new SubjectAlternativeName(sans))),
  });
  cert.tbsCertificate.extensions = new (
    cert.tbsCertificate.extensions!.constructor as new (
      items: Extension[],
    ) => typeof cert.tbsCertificate.extensions & object
  )([...cert.tbsCertificate.extensions!.filter((e) => e.extnID !== id_ce_subjectAltName), san]);
  delete cert.tbsCertificateRaw;
  const r = parseCertificate(new Uint8Array(AsnConvert.serialize(cert)));
  if (isParseError(r)) throw new Error(r.error);
  return r;
}

describe('hostile names', () => {
  it('escape the characters that would split an RFC 4514 name', () => {
    const c = withNames(new Name([rdn(O, 'Evil, Inc.'), rdn(CN, '#a+b=c;d<e>"f\\ ')]), []);
    expect(c.subject).toBe('CN=\\#a\\+b=c\\;d\\<e\\>\\"f\\\\\\ ,O=Evil\\, Inc.');
    expect(c.subjectCn).toBe('#a+b=c;d<e>"f\\ ');
  });

  it('show control, bidi and invisible characters as escapes', () => {
    const c = withNames(new Name([rdn(CN, 'bank\u202Eelpmaxe\n\u200B.com')]), []);
    expect(c.subject).toBe('CN=bank\\E2\\80\\AEelpmaxe\\0A\\E2\\80\\8B.com');
    expect(c.subjectCn).toBe('bank\\E2\\80\\AEelpmaxe\\0A\\E2\\80\\8B.com');
  });

  it('show a SAN with control characters escaped, and broken punycode as written', () => {
    // IA5String holds bytes: a C1 control arrives as U+0085.
    const c = withNames(new Name([rdn(CN, 'x')]), [
      new GeneralName({ dNSName: 'a\nb\u0085.example' }),
      new GeneralName({ dNSName: 'xn--.example' }),
      new GeneralName({ dNSName: 'xn--zz-\u00ff.example' }),
    ]);
    expect(c.sans[0]).toEqual({ kind: 'DNS', value: 'a\\0Ab\\C2\\85.example' });
    expect(c.sans[1]).toMatchObject({ kind: 'DNS', value: 'xn--.example' });
    expect(c.sans[2]?.value).toBe('xn--zz-\u00ff.example');
  });

  it('keep an empty subject empty', () => {
    const c = withNames(new Name([]), [new GeneralName({ dNSName: 'only-san.example' })]);
    expect(c.subject).toBe('');
    expect(c.subjectCn).toBeUndefined();
  });
});

describe('visible', () => {
  it('leaves ordinary text, accents and emoji alone', () => {
    expect(visible('Bücher GmbH 🙂 日本')).toBe('Bücher GmbH 🙂 日本');
  });

  it('escapes C0, C1, DEL, zero-width and bidi controls', () => {
    expect(visible('\u0000\u001f\u007f\u0085\u200d\u2066\ufeff')).toBe(
      '\\00\\1F\\7F\\C2\\85\\E2\\80\\8D\\E2\\81\\A6\\EF\\BB\\BF',
    );
  });
});
