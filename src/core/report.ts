import type { CertificateInfo, TlsInfo } from './cert/model';
import { otherOrigins } from './other-origins';
import { assessPage } from './assess';
import type { InspectFailure } from './events';
import { severityRank, type Finding, type Severity } from './findings';
import { judgeHsts, type HstsView } from './hsts';
import type { HttpVersion } from './http-version';
import { classifyIp, type IpFamily, type IpScope } from './ip';
import { MAX_ROOT_NAME, type KnownRoot } from './known-roots';
import { classifyNetError, type NetErrorClass } from './net-error';
import { serviceForPort } from './ports';
import type { CoreSettings, SettingKey } from './settings';
import type { Hop, Inspection, PageFacts, TabState } from './tab-state';
import { originOf, parseUrl, type HostKind } from './url';
import { bound } from './text';
import { DAY_MS } from './time';

// The report a view renders: everything decided, nothing left for the view but to show it.

export type Verdict = 'secure' | 'notice' | 'warning' | 'danger' | 'none';

/** Why the verdict is what it is, so the header can say it in words. */
export type Headline = 'secure' | 'local' | 'notice' | 'warning' | 'danger' | 'not-web' | 'no-data';

export interface ConnectionView {
  url: string;
  origin: string;
  scheme: string;
  secure: boolean;
  host: string;
  hostUnicode: string;
  hostKind: HostKind;
  port: number;
  portExplicit: boolean;
  /** The port's usual service, by key (see ports.ts). */
  portService?: string;
  loopback: boolean;
  ip?: string;
  ipFamily?: IpFamily;
  ipScope?: IpScope;
  statusCode?: number;
  /** The HTTP version the page was loaded over (absent: not known). */
  httpVersion?: HttpVersion;
  hsts: HstsView;
  redirects: Hop[];
  redirectsDropped: number;
  error?: string;
  errorClass?: NetErrorClass;
  committedAt: number;
  /**
   * Whether the load's request was seen. A page restored from the back/forward cache or opened
   * before the background started has no request: its IP, status and headers are unknown.
   */
  observed: 'network' | 'none';
}

export interface OriginView {
  origin: string;
  scheme: string;
  /** https: or wss:, an encrypted connection. */
  secure: boolean;
  host: string;
  port: number;
  /** The address its server answered from, when the browser said (absent: not known). */
  ip?: string;
  ipFamily?: IpFamily;
  requests: number;
  kinds: string[];
  /** Findings that name this origin, worst first. */
  flags: Array<{ id: Finding['id']; severity: Severity }>;
}

export interface TabReport {
  tabId: number;
  verdict: Verdict;
  headline: Headline;
  connection: ConnectionView | null;
  findings: Finding[];
  origins: OriginView[];
  originsDropped: number;
  /** Absent when there is no web page (`connection` is null). */
  tls?: TlsView;
  /**
   * The `host:port` the popup offers to allowlist: the page's own, when it raises a
   * nonstandard-port finding that is not allowlisted yet.
   */
  allowlistCandidate?: string;
  /** The root the popup offers to mark as known: the one a local-root finding names. */
  rootCandidate?: KnownRoot;
}

type Alarm = Exclude<Severity, 'info'>;

/** The worst severity that counts for the verdict: allowlisted and info findings do not. */
function verdictOf(findings: readonly Finding[]): Alarm | null {
  let worst: Alarm | null = null;
  for (const f of findings) {
    if (f.allowlisted || f.severity === 'info') continue;
    if (worst === null || severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  }
  return worst;
}

type Flag = OriginView['flags'][number];

/** Which findings name each other origin: worked out once per report, not once per origin. */
function flagsByOrigin(page: PageFacts, findings: readonly Finding[]): Map<string, Flag[]> {
  const byOrigin = new Map<string, Flag[]>();
  const add = (origin: string | null, flag: Flag): void => {
    if (origin === null) return;
    const flags = byOrigin.get(origin) ?? [];
    if (!flags.some((f) => f.id === flag.id)) flags.push(flag);
    byOrigin.set(origin, flags);
  };
  for (const f of findings) {
    if (f.allowlisted || f.evidence.where === 'page' || f.evidence.url === undefined) continue;
    add(originOf(f.evidence.url), { id: f.id, severity: f.severity });
  }
  for (const url of page.insecureUrls)
    add(originOf(url), { id: 'mixed-content', severity: 'warning' });
  return byOrigin;
}

function originViews(page: PageFacts, findings: readonly Finding[]): OriginView[] {
  const flags = flagsByOrigin(page, findings);
  const views: OriginView[] = otherOrigins(page).map(({ facts: o, url }) => {
    const ip = o.ip !== undefined ? classifyIp(o.ip) : null;
    return {
      origin: o.origin,
      scheme: url.scheme,
      secure: url.secure,
      host: url.hostUnicode,
      port: url.port,
      ...(ip ? { ip: ip.address, ipFamily: ip.family } : {}),
      requests: o.requests,
      kinds: o.kinds,
      flags: flags.get(o.origin) ?? [],
    };
  });
  const worst = (v: OriginView): number =>
    Math.max(-1, ...v.flags.map((f) => severityRank(f.severity)));
  return views.sort((a, b) => worst(b) - worst(a) || b.requests - a.requests);
}

/** What the popup's TLS and Certificate sections can show, and why when they cannot. */
export type TlsView =
  | { state: 'available'; tls: TlsInfo; certificates: CertificateView[] }
  /** A plain http page: there is no TLS to show. */
  | { state: 'not-encrypted' }
  /** The browser gives TLS details, but not for this load (restored from cache, or it failed). */
  | { state: 'not-seen' }
  /** This browser gives extensions no TLS details at all. */
  | { state: 'not-in-browser' }
  /** Chrome gives them only through its debugger, whose optional permission is not granted. */
  | { state: 'needs-permission' }
  /** Chrome, permission granted: reading them means a reload with the debugger attached. */
  | { state: 'can-inspect' }
  /** That reload is under way. */
  | { state: 'inspecting' }
  /** The page answered a form: the reload a read needs would send the form again (wouldResubmit). */
  | { state: 'cannot-inspect-form' }
  | { state: 'inspect-failed'; reason: InspectFailure };

export interface CertificateView {
  cert: CertificateInfo;
  role: 'leaf' | 'intermediate' | 'root';
  /** Whole days until notAfter (negative once expired), from the report's time. */
  daysLeft?: number;
}

/**
 * Where this browser gets TLS details from: the background knows, by feature detection and, in
 * Chrome, by whether the optional `debugger` permission is granted.
 */
export type TlsSource = 'firefox' | 'chrome-debugger' | 'chrome-needs-permission' | 'none';

/** A running inspection older than this is taken as lost (the background stopped mid-way). */
export const INSPECTION_STALE_MS = 30_000;

export interface ReportContext {
  /** Epoch ms the report is made at: certificate days left are counted from it. */
  now: number;
  tlsSource: TlsSource;
  /** Settings an organisation's policy sets: the popup offers no change to them. */
  locked?: readonly SettingKey[];
}

function certificateViews(tls: TlsInfo, now: number): CertificateView[] {
  const last = tls.chain.length - 1;
  return tls.chain.map((cert, i) => ({
    cert,
    role: i === 0 ? 'leaf' : i === last && cert.selfSigned ? 'root' : 'intermediate',
    ...(cert.notAfter !== undefined
      ? { daysLeft: Math.floor((cert.notAfter - now) / DAY_MS) }
      : {}),
  }));
}

/**
 * Whether reloading the page would send a form again: it was reached by POST, and no redirect
 * turned that into a GET (301, 302 and 303 do; 307, 308 and the browser's own steps keep the
 * method). Chrome's debugger reloads without the browser's "resend the form?" warning, so
 * Portwatch never reloads such a page to read its certificate.
 */
export function wouldResubmit(page: PageFacts): boolean {
  return (
    page.method === 'POST' &&
    page.hops.every((h) => h.status === 0 || h.status === 307 || h.status === 308)
  );
}

function tlsView(
  page: PageFacts,
  secure: boolean,
  inspection: Inspection | undefined,
  context: ReportContext,
): TlsView {
  if (!secure) return { state: 'not-encrypted' };
  if (page.tls !== undefined) {
    return {
      state: 'available',
      tls: page.tls,
      certificates: certificateViews(page.tls, context.now),
    };
  }
  // A load that failed has no connection to read: never offer a read that cannot work.
  if (page.error !== undefined) return { state: 'not-seen' };
  switch (context.tlsSource) {
    case 'firefox':
      return { state: 'not-seen' };
    case 'none':
      return { state: 'not-in-browser' };
    case 'chrome-needs-permission':
      return { state: 'needs-permission' };
    case 'chrome-debugger':
      if (wouldResubmit(page) && inspection?.state !== 'running')
        return { state: 'cannot-inspect-form' };
      return inspectionView(inspection, context.now);
  }
}

function inspectionView(inspection: Inspection | undefined, now: number): TlsView {
  if (inspection?.state === 'failed') return { state: 'inspect-failed', reason: inspection.reason };
  if (inspection?.state === 'running') {
    return now - inspection.since <= INSPECTION_STALE_MS
      ? { state: 'inspecting' }
      : { state: 'inspect-failed', reason: 'timeout' };
  }
  return { state: 'can-inspect' };
}

export function buildReport(
  tabId: number,
  state: TabState,
  settings: CoreSettings,
  context?: ReportContext,
): TabReport {
  const page = state.page;
  const url = page ? parseUrl(page.url) : null;
  const empty = { tabId, findings: [], origins: [], originsDropped: 0, connection: null };
  if (!page) return { ...empty, verdict: 'none', headline: 'no-data' };
  if (!url || !['http', 'https'].includes(url.scheme)) {
    return { ...empty, verdict: 'none', headline: 'not-web' };
  }
  const ctx: ReportContext = context ?? { now: page.committedAt, tlsSource: 'none' };
  // assessPage gives them worst first.
  const findings = assessPage(page, settings, ctx.now);
  const ip = page.ip !== undefined ? classifyIp(page.ip) : null;
  const service = serviceForPort(url.port);
  const connection: ConnectionView = {
    url: url.href,
    origin: url.origin,
    scheme: url.scheme,
    secure: url.secure,
    host: url.host,
    hostUnicode: url.hostUnicode,
    hostKind: url.hostKind,
    port: url.port,
    portExplicit: url.portExplicit || url.port !== url.defaultPort,
    ...(service ? { portService: service.key } : {}),
    loopback: url.loopback,
    ...(page.ip !== undefined ? { ip: ip?.address ?? page.ip } : {}),
    ...(ip ? { ipFamily: ip.family, ipScope: ip.scope } : {}),
    ...(page.statusCode !== undefined ? { statusCode: page.statusCode } : {}),
    ...(page.httpVersion !== undefined ? { httpVersion: page.httpVersion } : {}),
    hsts: judgeHsts(page.hsts, url.scheme, url.hostKind),
    redirects: page.hops,
    redirectsDropped: page.hopsDropped,
    ...(page.error !== undefined
      ? { error: page.error, errorClass: classifyNetError(page.error, page.url) }
      : {}),
    committedAt: page.committedAt,
    observed: page.requestId !== undefined ? 'network' : 'none',
  };
  const locked = ctx.locked ?? [];
  const unusualPort =
    !locked.includes('allowlist') &&
    findings.some(
      (f) => f.id === 'nonstandard-port' && f.evidence.where === 'page' && !f.allowlisted,
    );
  const localRoot = locked.includes('knownRoots')
    ? undefined
    : findings.find((f) => f.id === 'local-root' && f.evidence.root !== undefined);
  const worst = verdictOf(findings);
  const verdict: Verdict = worst ?? 'secure';
  const headline: Headline = worst ?? (url.secure ? 'secure' : 'local');
  return {
    tabId,
    verdict,
    headline,
    connection,
    findings,
    origins: originViews(page, findings),
    tls: tlsView(page, url.secure, state.inspection, ctx),
    originsDropped: page.originsDropped,
    ...(unusualPort ? { allowlistCandidate: `${url.host}:${url.port}` } : {}),
    ...(localRoot
      ? {
          rootCandidate: {
            spki: localRoot.evidence.root!,
            name: bound(localRoot.evidence.certificate ?? '', MAX_ROOT_NAME),
          },
        }
      : {}),
  };
}
