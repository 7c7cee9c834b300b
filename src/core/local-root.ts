import { certificateName } from './cert/assess';
import { raise, type Finding } from './findings';
import { isKnownRoot } from './known-roots';
import { isFresh } from './memory';
import type { CoreSettings } from './settings';
import type { PageFacts } from './tab-state';
import type { UrlInfo } from './url';

// local-root (docs/certificates.md, "Local roots"): the page's certificate chain ends at a root
// that does not ship with the browser: one installed on this computer or in the browser, by
// antivirus, a company proxy, a developer tool (mkcert), or an attacker who got a root onto the
// machine. Whoever holds that root's key can read this connection. Only Firefox says which roots
// are its own (CertificateInfo.isBuiltInRoot); Chrome's debugger gives no such flag, so there
// is no finding in Chrome, and the report says the check is Firefox's only.

/**
 * notice by default; info for a loopback development host (softened); warning when this host was
 * remembered with a chain ending at a built-in root (interception appeared where there was none).
 * A root the person said they know raises nothing.
 */
export function localRoot(page: PageFacts, url: UrlInfo, settings: CoreSettings): Finding | null {
  const tls = page.tls;
  // A certificate error clicked through is an untrusted chain, not a trusted local root.
  if (!tls || tls.source !== 'firefox' || tls.overriddenError !== undefined) return null;
  if (page.error !== undefined || tls.chain.length === 0) return null;
  const root = tls.chain[tls.chain.length - 1]!;
  if (root.builtInRoot !== false) return null;
  if (root.spkiSha256 !== undefined && isKnownRoot(settings.knownRoots, root.spkiSha256))
    return null;
  const evidence = {
    url: page.url,
    certificate: certificateName(root),
    ...(root.spkiSha256 !== undefined ? { root: root.spkiSha256 } : {}),
    time: page.committedAt,
  };
  const before = page.remembered;
  const wasBuiltIn =
    settings.rememberCertificates &&
    before !== null &&
    before !== undefined &&
    isFresh(before, page.committedAt, settings.rememberDays) &&
    before.certs?.find((c) => c.builtInRoot === true);
  if (wasBuiltIn) return raise('local-root', 'warning', { ...evidence, since: wasBuiltIn.seen });
  const softened = settings.softenLoopback && url.loopback;
  return raise('local-root', softened ? 'info' : 'notice', evidence, { softened });
}
