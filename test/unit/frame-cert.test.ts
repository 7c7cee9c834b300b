import { describe, expect, it } from 'vitest';
import { assessTls } from '../../src/core/cert/assess';
import { FRAME_CERT_NAME, frameCert } from '../../src/core/cert/frame-cert';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import { bound } from '../../src/core/text';
import { firefoxInfo } from '../fixtures/certs/firefox-info';
import { FIXTURE_NAMES, fixture, opensslTime } from '../fixtures/certs/load';

// A sub-frame keeps only what its certificates' findings rest on: the same findings, with the
// same evidence (the certificate's name at most FRAME_CERT_NAME characters), from far fewer bytes.

describe('a frame’s certificates', () => {
  for (const name of FIXTURE_NAMES) {
    it(`raise the same findings as kept whole: ${name} above rsa-1024 and sha1 intermediates`, () => {
      const tls = fromFirefoxSecurityInfo(
        firefoxInfo([fixture(name), fixture('rsa-1024'), fixture('intermediate')]),
      )!;
      const lean = { ...tls, chain: tls.chain.map(frameCert) };
      // Whatever time: just before the leaf expires, when certificate-expiring is raised too.
      const now = opensslTime(fixture(name).openssl.notAfter) - 86_400_000;
      const whole = assessTls(tls, now).map((f) => {
        const certificate = f.evidence['certificate'];
        return typeof certificate === 'string'
          ? { ...f, evidence: { ...f.evidence, certificate: bound(certificate, FRAME_CERT_NAME) } }
          : f;
      });
      expect(whole.length).toBeGreaterThan(0);
      expect(assessTls(lean, now)).toEqual(whole);
      expect(JSON.stringify(lean).length).toBeLessThan(JSON.stringify(tls).length);
      // Kept again, it is the same (a stored state is made lean once more by the budget).
      expect(lean.chain.map(frameCert)).toEqual(lean.chain);
    });
  }
});
