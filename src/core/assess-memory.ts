import { certificateName } from './cert/assess';
import { raise, type Finding } from './findings';
import { isFresh, RENEWAL_WINDOW_MS, type HostMemory } from './memory';
import type { CoreSettings } from './settings';
import type { PageFacts } from './tab-state';
import type { UrlInfo } from './url';
import { DAY_MS } from './time';

// The findings that need memory of earlier visits: https-stripped and certificate-changed.
// Each rests on what was remembered before this visit (page.remembered) and is raised only
// while remembering that kind is on and the memory is younger than the person's limit.

/** A host reached over HTTPS before is now served over plain HTTP. */
function httpsStripped(
  page: PageFacts,
  url: UrlInfo,
  memory: HostMemory,
  settings: CoreSettings,
): Finding | null {
  if (!settings.rememberHttps || url.scheme !== 'http' || memory.https === undefined) return null;
  if (page.committedAt - memory.https > settings.rememberDays * DAY_MS) return null;
  return raise('https-stripped', 'danger', {
    url: page.url,
    since: memory.https,
    time: page.committedAt,
  });
}

/**
 * The certificate's key differs from the one remembered. A new key is expected when the old
 * certificate was within RENEWAL_WINDOW_MS of expiry at this visit, so that raises nothing.
 */
function certificateChanged(
  page: PageFacts,
  memory: HostMemory,
  settings: CoreSettings,
): Finding | null {
  const leaf = page.tls?.chain[0];
  const old = memory.cert;
  if (!settings.rememberCertificates || !leaf?.spkiSha256 || !old) return null;
  if (leaf.spkiSha256 === old.spki) return null;
  if (old.notAfter !== undefined && old.notAfter - page.committedAt <= RENEWAL_WINDOW_MS)
    return null;
  return raise('certificate-changed', 'warning', {
    url: page.url,
    certificate: certificateName(leaf),
    issuer: leaf.issuer,
    oldIssuer: old.issuer,
    since: memory.seen,
    time: page.committedAt,
  });
}

export function memoryFindings(
  page: PageFacts,
  url: UrlInfo,
  settings: CoreSettings,
): Array<Finding | null> {
  const memory = page.remembered;
  if (!memory || page.error !== undefined) return [];
  if (!isFresh(memory, page.committedAt, settings.rememberDays)) return [];
  return [httpsStripped(page, url, memory, settings), certificateChanged(page, memory, settings)];
}
