import { assessPage } from './assess';
import { severityRank, type Finding, type Severity } from './findings';
import { judgeHsts, type HstsView } from './hsts';
import type { HttpVersion } from './http-version';
import { classifyIp, type IpFamily, type IpScope } from './ip';
import { MAX_ROOT_NAME, type KnownRoot } from './known-roots';
import { classifyNetError, type NetErrorClass } from './net-error';
import { serviceForPort } from './ports';
import type { CoreSettings, SettingKey } from './settings';
import { originViews, type OriginView } from './report-origins';
import { tlsView, type TlsSource, type TlsView } from './report-tls';
import type { Hop, TabState } from './tab-state';
import { parseUrl, type HostKind } from './url';
import { bound } from './text';

// The report a view renders: everything decided, nothing left for the view but to show it. Its
// other origins are made in report-origins.ts, its TLS part in report-tls.ts.

export type { OriginView } from './report-origins';
export {
  INSPECTION_STALE_MS,
  wouldResubmit,
  type CertificateView,
  type TlsSource,
  type TlsView,
} from './report-tls';

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

export interface ReportContext {
  /** Epoch ms the report is made at: certificate days left are counted from it. */
  now: number;
  tlsSource: TlsSource;
  /** Settings an organisation's policy sets: the popup offers no change to them. */
  locked?: readonly SettingKey[];
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
