import { certificateName } from './cert/assess';
import { judgeCertChange } from './cert-change';
import { raise, type Evidence, type Finding } from './findings';
import { isFresh, type HostMemory } from './memory';
import { certOfConnection } from './remembered-cert';
import type { CoreSettings } from './settings';
import type { PageFacts } from './tab-state';
import type { UrlInfo } from './url';
import { DAY_MS } from './time';

// The findings that need memory of earlier visits: https-stripped, certificate-changed and
// certificate-renewed.
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
 * The certificate against those remembered for the host (cert-change.ts): a new key from a CA
 * the host used is a renewal (info); from a CA it did not use, a warning while the certificate it
 * replaced was young, a notice near or past that one's end.
 */
function certificateChange(
  page: PageFacts,
  memory: HostMemory,
  settings: CoreSettings,
): Finding | null {
  const leaf = page.tls?.chain[0];
  if (!settings.rememberCertificates || !page.tls || !leaf || !memory.certs) return null;
  const current = certOfConnection(page.tls, page.committedAt);
  if (!current) return null;
  const change = judgeCertChange(current, memory.certs, page.committedAt);
  if (change.kind === 'known') return null;
  const old = change.previous;
  const evidence: Evidence = {
    url: page.url,
    certificate: certificateName(leaf),
    issuer: current.ca,
    oldIssuer: old.ca,
    since: old.seen,
    ...dates({ validFrom: current.from, validUntil: current.until }),
    ...dates({ oldValidFrom: old.from, oldValidUntil: old.until }),
    time: page.committedAt,
  };
  if (change.kind === 'renewed') return raise('certificate-renewed', 'info', evidence);
  const used = change.lifeUsed;
  return raise('certificate-changed', change.young ? 'warning' : 'notice', {
    ...evidence,
    ...(used !== undefined ? { lifeUsed: Math.max(0, Math.floor(used * 100)) } : {}),
    reason: change.young ? 'young' : used === undefined ? 'unknown' : 'late',
  });
}

/** The fields of `d` that are known. */
function dates(d: Partial<Record<keyof Evidence, number | undefined>>): Evidence {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined) out[k] = v;
  return out as Evidence;
}

export function memoryFindings(
  page: PageFacts,
  url: UrlInfo,
  settings: CoreSettings,
): Array<Finding | null> {
  const memory = page.remembered;
  if (!memory || page.error !== undefined) return [];
  if (!isFresh(memory, page.committedAt, settings.rememberDays)) return [];
  return [httpsStripped(page, url, memory, settings), certificateChange(page, memory, settings)];
}
