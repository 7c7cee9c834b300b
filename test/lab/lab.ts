// The lab: every server the scenarios need, on loopback only, and an index page listing them.
// `npm run lab` starts it for a person (test/lab/main.ts); the end-to-end tests start it too.
// Servers are derived from the scenarios' URLs, so adding a scenario needs no change here; the
// TLS sites (tls-sites.ts) each get their own leaf and TLS limits on port 443 of 127.0.0.1.
import { join } from 'node:path';
import {
  DEFAULT_CA_NAME,
  DEFAULT_PKI_DIR,
  ensureCa,
  ensureLeaf,
  SECOND_CA_NAME,
  SECOND_PKI_DIR,
} from './ca';
import { indexPage } from './index-page';
import { LONG_HSTS, withHsts } from './pages';
import { SCENARIOS } from './scenarios';
import type { Scenario } from './scenario-types';
import { describeTlsSite, TLS_SITES, type TlsSite } from './tls-sites';
import {
  page,
  startServers,
  type LoopbackAddress,
  type RequestRecord,
  type Route,
  type ServerOptions,
  type VirtualHosts,
} from './servers';

export interface Lab {
  /** The page listing every scenario: start here. */
  indexUrl: string;
  /** Every host name the lab answers for; a browser must resolve each one to 127.0.0.1. */
  hosts: string[];
  /** PEM of the test root CA that signed the lab's certificates. */
  caPem: string;
  caPath: string;
  /**
   * Every root a browser must trust for the lab: its own CA first, then the second CA (ca.ts) of
   * the sites about roots. A browser trusting only `caPem` refuses those sites.
   */
  caPems: string[];
  /** The second CA's file, to trust beside `caPath`. */
  secondCaPath: string;
  /** The PEM each TLS site's host is served with, by host name (tls-sites.ts). */
  tlsSiteCertificates: Record<string, string>;
  close(): Promise<void>;
}

export const LAB_HOST = 'lab.test';
const INDEX_URL = `http://${LAB_HOST}/`;
const UNTRUSTED_CA_NAME = 'Portwatch Untrusted CA (not in any browser)';
/** The one name a `name-mismatch` host's certificate is for: a shared host's default site. */
const OTHER_NAME = 'shared-hosting.example.com';

interface ServerKey {
  protocol: 'http' | 'https';
  address: LoopbackAddress;
  port: number;
}

interface Served {
  key: ServerKey;
  host: string;
  path: string;
}

/** Where a scenario URL is served: the server (protocol, address, port), host and path. */
export function servedAt(raw: string): Served {
  const url = new URL(raw);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  if (!secure && url.protocol !== 'http:' && url.protocol !== 'ws:') {
    throw new Error(`the lab serves http(s) and ws(s) only, not ${raw}`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return {
    key: {
      protocol: secure ? 'https' : 'http',
      address: host === '::1' ? '::1' : '127.0.0.1',
      port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
    },
    host,
    path: url.pathname,
  };
}

const keyText = (k: ServerKey) => `${k.protocol} ${k.address} ${k.port}`;

/** All routes by server, then host, then path; a URL claimed twice is an error in the data. */
function routesByServer(entries: Array<[string, Route]>): Map<string, VirtualHosts> {
  const servers = new Map<string, VirtualHosts>();
  for (const [url, route] of entries) {
    const { key, host, path } = servedAt(url);
    const hosts = servers.get(keyText(key)) ?? {};
    servers.set(keyText(key), hosts);
    const routes = (hosts[host] ??= {});
    if (routes[path]) throw new Error(`two scenarios serve ${url}`);
    routes[path] = route;
  }
  return servers;
}

/** Host names (not IP literals) the scenarios and TLS sites use, sorted. */
export function labHosts(
  scenarios: readonly Scenario[] = SCENARIOS,
  sites: readonly TlsSite[] = TLS_SITES,
): string[] {
  const names = new Set([LAB_HOST, ...sites.map((s) => s.host)]);
  for (const s of scenarios) {
    for (const url of [s.startUrl, s.endUrl, ...Object.keys(s.serves)]) {
      const { host } = servedAt(url);
      if (!/^[\d.]+$/.test(host) && !host.includes(':')) names.add(host);
    }
  }
  return [...names].sort();
}

function logRequest(r: RequestRecord): void {
  const host = r.host.includes(':') ? `[${r.host}]` : r.host;
  console.info(`${r.method} ${r.protocol}://${host}:${r.port}${r.path} → ${r.status}`);
}

/** The page a TLS site serves: what it is, with a long HSTS so that no-hsts stays away. */
function tlsSitePage(site: TlsSite): Route {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return withHsts(
    page(
      site.title,
      `<p>${esc(describeTlsSite(site))}</p><p>Firefox: ${esc(site.firefox.why)}</p>`,
    ),
    LONG_HSTS,
  );
}

export interface LabOptions {
  log?: boolean;
  /**
   * Routes served instead of the scenarios' own, by URL (each one a scenario serves): the
   * screenshots put a page that looks like a real site behind the popup, while the tests read
   * the scenarios' own pages. Default: none.
   */
  replace?: Record<string, Route>;
}

/** The scenarios' routes with `replace`'s in their place; a URL no scenario serves is an error. */
function withReplaced(
  entries: Array<[string, Route]>,
  replace: Record<string, Route> = {},
): Array<[string, Route]> {
  const unknown = Object.keys(replace).filter((url) => !entries.some(([u]) => u === url));
  if (unknown.length > 0) throw new Error(`no scenario serves ${unknown.join(', ')}`);
  return entries.map(([url, route]) => [url, replace[url] ?? route]);
}

/** Starts every lab server on 127.0.0.1 and ::1 (ports 80, 443, 8443: run as root). */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const hosts = labHosts();
  const ca = ensureCa(DEFAULT_PKI_DIR);
  const secondCa = ensureCa(SECOND_PKI_DIR, SECOND_CA_NAME);
  const leaf = ensureLeaf([...hosts, '127.0.0.1', '::1'], DEFAULT_PKI_DIR);
  const untrustedDir = join(DEFAULT_PKI_DIR, 'untrusted');
  const siteTls = new Map(
    TLS_SITES.map((site) => {
      const second = site.leaf?.ca === 'second';
      const own = site.leaf
        ? ensureLeaf(
            site.leaf.names ?? [site.host],
            second ? SECOND_PKI_DIR : DEFAULT_PKI_DIR,
            second ? SECOND_CA_NAME : DEFAULT_CA_NAME,
            site.leaf.options,
          )
        : leaf;
      return [site, { cert: own.certPem, key: own.keyPem, ...site.tls }] as const;
    }),
  );

  const entries = withReplaced(
    SCENARIOS.flatMap((s) => Object.entries(s.serves)),
    options.replace,
  );
  for (const site of TLS_SITES) entries.push([`https://${site.host}/`, tlsSitePage(site)]);
  entries.push(
    [INDEX_URL, indexPage(SCENARIOS, hosts, TLS_SITES)],
    [`http://${LAB_HOST}/ca.pem`, { headers: { 'content-type': 'text/plain' }, body: ca.certPem }],
    [
      `http://${LAB_HOST}/second-ca.pem`,
      { headers: { 'content-type': 'text/plain' }, body: secondCa.certPem },
    ],
  );
  const byServer = routesByServer(entries);

  const list: ServerOptions[] = [];
  for (const [text, hostsOf] of byServer) {
    const [protocol, address, port] = text.split(' ') as [
      ServerKey['protocol'],
      LoopbackAddress,
      string,
    ];
    // Plain HTTP on a port that also speaks TLS (port 443) is answered by that server.
    if (protocol === 'http' && byServer.has(`https ${address} ${port}`)) continue;
    const server: ServerOptions = {
      protocol,
      address,
      port: Number(port),
      hosts: hostsOf,
      ...(options.log ? { onRequest: logRequest } : {}),
    };
    if (protocol === 'https') {
      server.tls = { cert: leaf.certPem, key: leaf.keyPem };
      const plainHosts = byServer.get(`http ${address} ${port}`);
      if (plainHosts) server.plainHosts = plainHosts;
      for (const [site, tls] of siteTls) {
        if (hostsOf[site.host]) server.hostTls = { ...server.hostTls, [site.host]: tls };
      }
      // A fault is made where the host has https routes, or on 127.0.0.1:443 for a host that
      // has none (an http-only host, whose https the browser may still try).
      const defaultTls = address === '127.0.0.1' && port === '443';
      for (const s of SCENARIOS) {
        if (!s.tlsFault || !(hostsOf[s.tlsFault.host] || defaultTls)) continue;
        const { host, fault } = s.tlsFault;
        if (fault === 'drop-handshake') {
          server.dropHandshakeFor = [...(server.dropHandshakeFor ?? []), host];
        } else {
          const bad =
            fault === 'name-mismatch'
              ? ensureLeaf([OTHER_NAME], DEFAULT_PKI_DIR)
              : ensureLeaf([host], untrustedDir, UNTRUSTED_CA_NAME);
          server.hostTls = {
            ...server.hostTls,
            [host]: { cert: bad.certPem, key: bad.keyPem },
          };
        }
      }
    }
    list.push(server);
  }
  const servers = await startServers(list);
  return {
    indexUrl: INDEX_URL,
    hosts,
    caPem: ca.certPem,
    caPath: ca.certPath,
    caPems: [ca.certPem, secondCa.certPem],
    secondCaPath: secondCa.certPath,
    tlsSiteCertificates: Object.fromEntries(
      [...siteTls].map(([site, tls]) => [site.host, tls.cert]),
    ),
    close: () => servers.close(),
  };
}
