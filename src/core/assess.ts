import { memoryFindings } from './assess-memory';
import { assessTls } from './cert/assess';
import type { Evidence, Finding, FindingId, Severity } from './findings';
import { compareFindings, raise } from './findings';
import { judgeHsts } from './hsts';
import { classifyNetError } from './net-error';
import { serviceForPort } from './ports';
import { isAllowlisted } from './allowlist';
import { localRoot } from './local-root';
import type { CoreSettings } from './settings';
import { sameSite } from './site';
import type { PageFacts } from './tab-state';
import { otherOrigins } from './other-origins';
import { isPlainUrl, isSecureUrl, parseUrl, type UrlInfo } from './url';

// Derives the findings (README.md, "What it warns about") from what is known about a page. Pure:
// the same facts and settings always give the same findings, which is what lets a settings
// change apply at once.

/** The findings that are themselves a seen downgrade of the page. */
const PAGE_DOWNGRADES: ReadonlySet<FindingId> = new Set([
  'downgrade-redirect',
  'downgrade-navigation',
  'insecure-form',
]);

/** Transitions a person starts without the page's help: never a downgrade by the page. */
const USER_TRANSITIONS = new Set([
  'typed',
  'auto_bookmark',
  'generated',
  'keyword',
  'keyword_generated',
  'start_page',
  'reload',
  'auto_toplevel',
]);

function chainOf(page: PageFacts): string[] {
  if (page.hops.length === 0) return [page.url];
  return [page.hops[0]!.from, ...page.hops.map((h) => h.to)];
}

/**
 * What became of a server's redirect from https to http at `index`: the browser asked for the
 * http URL over https instead and loaded it (`kept`), tried that and fell back to http
 * (`fallback`), or did not try (`none`). See upgrade.ts.
 */
function upgradeOutcome(page: PageFacts, index: number): 'kept' | 'fallback' | 'none' {
  const hops = page.hops;
  const upgrade = hops[index + 1];
  if (upgrade?.browser !== 'upgrade' || upgrade.from !== hops[index]!.to) return 'none';
  const next = hops[index + 2];
  if (next?.browser === 'fallback') return 'fallback';
  // A chain cut at its limit right after the upgrade may have lost its fallback: not "kept".
  return next === undefined && page.hopsDropped > 0 ? 'none' : 'kept';
}

/**
 * A server's redirect from https to http, at the first hop that made one: danger when the person
 * ended up on http, notice when the browser kept https (no plain request was sent).
 */
function pageDowngrade(page: PageFacts): Finding | null {
  const downgrades = page.hops.flatMap((h, i) =>
    h.browser === undefined && isSecureUrl(h.from) && isPlainUrl(h.to) ? [i] : [],
  );
  if (downgrades.length === 0) return null;
  const outcomes = downgrades.map((i) => upgradeOutcome(page, i));
  const worst = outcomes.findIndex((o) => o !== 'kept');
  const index = downgrades[worst === -1 ? 0 : worst]!;
  const outcome = outcomes[worst === -1 ? 0 : worst]!;
  const hop = page.hops[index]!;
  const evidence: Evidence = {
    from: hop.from,
    to: hop.to,
    hop: index + 1,
    status: hop.status,
    chain: chainOf(page),
    where: 'page',
    time: hop.time,
  };
  if (outcome === 'kept') return raise('downgrade-prevented', 'notice', evidence);
  if (outcome === 'fallback') evidence.fallback = page.hops[index + 2]!.error ?? '';
  return raise('downgrade-redirect', 'danger', evidence);
}

function downgradeRedirects(page: PageFacts): Finding[] {
  const out: Finding[] = [];
  const own = pageDowngrade(page);
  if (own) out.push(own);
  for (const hop of page.frameDowngrades) {
    out.push(
      raise('downgrade-redirect', 'danger', {
        from: hop.from,
        to: hop.to,
        status: hop.status,
        where: 'frame',
        time: hop.time,
      }),
    );
  }
  return out;
}

function insecureForm(page: PageFacts, url: UrlInfo): Finding | null {
  if (page.method !== 'POST' || url.secure || !isSecureUrl(page.initiator)) return null;
  return raise('insecure-form', 'danger', {
    from: page.initiator!,
    to: page.url,
    url: page.url,
    time: page.committedAt,
  });
}

function downgradeNavigation(page: PageFacts, url: UrlInfo): Finding | null {
  if (url.secure || !isSecureUrl(page.previousUrl)) return null;
  if (page.error !== undefined || USER_TRANSITIONS.has(page.transition)) return null;
  // A chain that itself went from https to http is a downgrade-redirect, reported as such.
  if (isSecureUrl(chainOf(page)[0])) return null;
  // When the request was seen, it must have come from an https document: a URL opened by the
  // browser (or by automation, which Firefox reports as a link) has no initiator.
  if (page.requestId !== undefined && !isSecureUrl(page.initiator)) return null;
  const previous = parseUrl(page.previousUrl!);
  const same = previous !== null && sameSite(previous.host, url.host);
  return raise('downgrade-navigation', same ? 'danger' : 'warning', {
    from: page.previousUrl!,
    to: page.url,
    sameSite: same,
    transition: page.transition,
    time: page.committedAt,
  });
}

function connectionError(page: PageFacts): Finding | null {
  if (page.error === undefined) return null;
  if (classifyNetError(page.error, page.url).kind !== 'tls') return null;
  return raise('connection-error', 'danger', {
    url: page.url,
    error: page.error,
    time: page.committedAt,
  });
}

function softenable(
  id: FindingId,
  severity: Severity,
  url: UrlInfo,
  settings: CoreSettings,
  evidence: Evidence,
): Finding {
  const softened = settings.softenLoopback && url.loopback;
  return raise(id, softened ? 'info' : severity, evidence, { softened });
}

function nonstandardPort(
  url: UrlInfo,
  where: Evidence['where'],
  settings: CoreSettings,
  time: number,
): Finding | null {
  if (!url.secure || url.port === 443) return null;
  const service = serviceForPort(url.port);
  const f = softenable('nonstandard-port', 'notice', url, settings, {
    url: url.href,
    port: url.port,
    ...(service ? { service: service.key } : {}),
    where,
    time,
  });
  return { ...f, allowlisted: isAllowlisted(url.host, url.port, settings.allowlist) };
}

function plaintextOn443(url: UrlInfo, where: Evidence['where'], time: number): Finding | null {
  if (url.secure || url.port !== 443) return null;
  return raise('plaintext-on-443', 'warning', { url: url.href, port: 443, where, time });
}

function noHsts(page: PageFacts, url: UrlInfo): Finding | null {
  if (url.loopback || page.error !== undefined) return null;
  const hsts = judgeHsts(page.hsts, url.scheme, url.hostKind);
  if (hsts.state !== 'absent' && hsts.state !== 'short' && hsts.state !== 'invalid') return null;
  return raise('no-hsts', 'info', {
    url: page.url,
    maxAge: hsts.maxAge ?? null,
    time: page.committedAt,
  });
}

/** Where a connection to another origin sits in the page, from the request types seen. */
function whereOf(kinds: readonly string[]): Evidence['where'] {
  if (kinds.includes('sub_frame')) return 'frame';
  if (kinds.includes('websocket')) return 'websocket';
  return 'resource';
}

function originFindings(page: PageFacts, settings: CoreSettings): Finding[] {
  const out: Finding[] = [];
  for (const { facts, url } of otherOrigins(page)) {
    const where = whereOf(facts.kinds);
    // Only frames and sockets: Chrome upgrades a page's http images to https while keeping the
    // http port, so an https subresource on port 80xx is usually not a real secure connection.
    if (where !== 'resource') {
      const port = nonstandardPort(url, where, settings, page.committedAt);
      if (port) out.push(port);
    }
    const plain = plaintextOn443(url, where, page.committedAt);
    if (plain) out.push(plain);
  }
  return out;
}

/** The findings of the page's TLS connection, where the browser gave its details. */
function tlsFindings(page: PageFacts, now: number): Finding[] {
  if (page.tls === undefined || page.error !== undefined) return [];
  return assessTls(page.tls, now).map((f) => ({
    ...f,
    evidence: { url: page.url, time: page.committedAt, ...f.evidence },
  }));
}

/** The same findings for each sub-frame whose details the browser gave, named by its URL. */
function frameTlsFindings(page: PageFacts, now: number): Finding[] {
  if (page.error !== undefined) return [];
  return (page.frameTls ?? []).flatMap((frame) =>
    assessTls(frame.tls, now).map((f) => ({
      ...f,
      evidence: { url: frame.url, where: 'frame' as const, time: page.committedAt, ...f.evidence },
    })),
  );
}

/**
 * The page's findings, worst first (compareFindings). `now` (epoch ms) dates the certificate
 * checks; by default, the moment the page committed.
 */
export function assessPage(
  page: PageFacts,
  settings: CoreSettings,
  now = page.committedAt,
): Finding[] {
  const url = parseUrl(page.url);
  if (!url || !['http', 'https'].includes(url.scheme)) return [];
  const time = page.committedAt;
  const found: Array<Finding | null> = [
    ...downgradeRedirects(page),
    insecureForm(page, url),
    connectionError(page),
    plaintextOn443(url, 'page', time),
    url.secure
      ? null
      : softenable('insecure-page', 'warning', url, settings, {
          url: page.url,
          where: 'page',
          time,
        }),
    nonstandardPort(url, 'page', settings, time),
    noHsts(page, url),
    ...originFindings(page, settings),
    ...tlsFindings(page, now),
    ...frameTlsFindings(page, now),
    ...memoryFindings(page, url, settings),
    localRoot(page, url, settings),
  ];
  if (!found.some((f) => f?.id === 'insecure-form')) found.push(downgradeNavigation(page, url));
  if (url.secure && page.insecureUrls.length > 0) {
    found.push(
      raise('mixed-content', 'warning', {
        url: page.url,
        count: page.insecureUrls.length,
        more: page.insecureUrlsDropped > 0,
        urls: page.insecureUrls,
        time,
      }),
    );
  }
  const all = found.filter((f): f is Finding => f !== null);
  // A downgrade seen happening already says why the page is on plain HTTP: https-stripped is
  // for the one not seen (a typed or bookmarked http URL answered without the usual redirect).
  const seen = all.some((f) => PAGE_DOWNGRADES.has(f.id) && f.evidence.where !== 'frame');
  return (seen ? all.filter((f) => f.id !== 'https-stripped') : all).sort(compareFindings);
}
