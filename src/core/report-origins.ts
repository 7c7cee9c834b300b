import { severityRank, type Finding, type Severity } from './findings';
import { classifyIp, type IpFamily } from './ip';
import { otherOrigins } from './other-origins';
import type { PageFacts } from './tab-state';
import { originOf } from './url';

// The report's other origins: every origin the page talked to besides its own, with the address
// it answered from and the findings that name it, worst first.

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

export function originViews(page: PageFacts, findings: readonly Finding[]): OriginView[] {
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
