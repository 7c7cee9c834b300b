import fc from 'fast-check';
import { fromChromeSecurityDetails } from '../../src/core/cert/from-chrome';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import type { TlsInfo } from '../../src/core/cert/model';
import { INSPECT_FAILURES, type RequestKind, type TabEvent } from '../../src/core/events';
import { HTTP_VERSIONS } from '../../src/core/http-version';
import { readShard, storedShard, type HostMemory } from '../../src/core/memory';
import { certOfConnection, type RememberedCert } from '../../src/core/remembered-cert';
import { readSettings, type CoreSettings } from '../../src/core/settings';
import type { PageFacts, TabState } from '../../src/core/tab-state';
import { DAY_MS } from '../../src/core/time';
import { chromeDetails } from '../fixtures/certs/chrome-details';
import { firefoxCert, firefoxInfo } from '../fixtures/certs/firefox-info';
import { base64Of, fixture } from '../fixtures/certs/load';
import { day, RENEWAL_CHAINS, renewalCerts, renewalTls } from '../fixtures/certs/renewals/load';

// What the robustness properties (robustness*.test.ts) feed the core and the background: every
// kind of TabEvent, as the browsers send them and as a hostile page or server can shape them,
// with TLS details from real certificates (read by the real mappers) and random ones, memories
// of hosts, and settings.

/**
 * How many sequences a property runs: `normal` in an ordinary run, or its `share` of
 * PORTWATCH_FUZZ_RUNS when that is set (`npm run fuzz`: the shares of all the robustness
 * properties add up to 1, so the total is at least PORTWATCH_FUZZ_RUNS).
 */
export function runs(normal: number, share: number): number {
  const total = Number(process.env.PORTWATCH_FUZZ_RUNS);
  return Number.isSafeInteger(total) && total > 0 ? Math.ceil(total * share) : normal;
}

/** The simulated clock starts here: the renewal fixtures are valid, `expiring` is near its end. */
export const T0 = day('2026-02-10');

// --- URLs -------------------------------------------------------------------------------------

const HOSTS = [
  'a.example',
  'a.example',
  'a.example',
  'www.a.example',
  'b.example',
  'b.example',
  'shop.example.co.uk',
  'localhost',
  '127.0.0.1',
  '[::1]',
  'xn--bcher-kva.example',
  '192.0.2.7',
];
const SCHEMES = ['https', 'https', 'https', 'http', 'http', 'wss', 'ws'];
const PORTS = ['', '', '', '', ':443', ':80', ':8443'];
const PATHS = ['/', '/', '/login', '/a?b=c', '/#top', '/x/../y'];

/** A URL of the few hosts the pages of a sequence share, so loads, commits and memories meet. */
export const poolUrl: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SCHEMES), fc.constantFrom(...HOSTS), fc.constantFrom(...PORTS))
  .chain(([scheme, host, port]) =>
    fc.constantFrom(...PATHS).map((path) => `${scheme}://${host}${port}${path}`),
  );

/** A page URL: http or https on the shared hosts. */
export const pageUrl: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('https', 'https', 'http'),
    fc.constantFrom(...HOSTS),
    fc.constantFrom('', '', '', ':8443', ':443'),
    fc.constantFrom('/', '/', '/login'),
  )
  .map(([scheme, host, port, path]) => `${scheme}://${host}${port}${path}`);

/** A URL of `length` characters or more: what a page sends to fill what is kept. */
export const longUrl = (scheme: string, host: string, length: number): string =>
  `${scheme}://${host}/${'x'.repeat(Math.max(0, length - scheme.length - host.length - 4))}`;

export const url: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: poolUrl },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'about:blank',
      'chrome://newtab/',
      'moz-extension://x/popup.html',
      'data:text/html,x',
      '',
      'https://',
      'http://[::1',
      'javascript:alert(1)',
      'https://a.example:99999/',
      'HTTPS://A.EXAMPLE/',
      'https://bücher.example/',
      'https://a.example./',
    ),
  },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('https', 'http'), fc.constantFrom(...HOSTS), fc.nat(3000))
      .map(([s, h, n]) => longUrl(s, h, n)),
  },
);

// --- TLS --------------------------------------------------------------------------------------

const LEAVES = [
  'ec-p256',
  'ec-p384',
  'ed25519',
  'rsa-1024',
  'rsa-2048',
  'rsa-4096',
  'rsa-pss',
  'sha1',
  'expired',
  'expiring',
  'idn',
  'no-cn',
  'big-subject',
  'many-sans',
];

/** The leaves that are quick to parse again and again (many-sans has 1,000 names). */
const SMALL_LEAVES = LEAVES.filter((leaf) => leaf !== 'many-sans' && leaf !== 'big-subject');

function firefoxChain(leaf: string, extra: Record<string, unknown> = {}): TlsInfo {
  const chain = [fixture(leaf), fixture('intermediate'), fixture('root')];
  return fromFirefoxSecurityInfo(firefoxInfo(chain, extra))!;
}

let realTlsCache: TlsInfo[] | undefined;

/** TLS details of real chains, as the browsers' mappers read them. */
export function realTlsPool(): TlsInfo[] {
  realTlsCache ??= [
    ...LEAVES.map((leaf) => firefoxChain(leaf)),
    firefoxChain('rsa-2048', {
      protocolVersion: 'TLSv1',
      cipherSuite: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
      certificateTransparencyStatus: 'policy_not_enough_scts',
    }),
    firefoxChain('ec-p256', { overridableErrorCategory: 'trust_error' }),
    firefoxChain('expired', { overridableErrorCategory: 'expired_or_not_yet_valid' }),
    ...RENEWAL_CHAINS.flatMap((name) => [
      renewalTls(name),
      renewalTls(name, { builtInRoot: false }),
    ]),
    ...['ec-p256', 'rsa-1024', 'many-sans'].map((leaf) =>
      fromChromeSecurityDetails(chromeDetails(fixture(leaf)), [
        base64Of(fixture(leaf)),
        base64Of(fixture('intermediate')),
      ]),
    ),
    fromChromeSecurityDetails(
      chromeDetails(fixture('rsa-2048'), { protocol: 'TLS 1.0', cipher: 'AES_128_CBC' }),
      [],
    ),
  ];
  return realTlsCache;
}

let knownRoots: Array<{ spki: string; name: string }> | undefined;

/** The roots a person may say they know: the interceptor's and mkcert's. */
export function knownRootPool(): Array<{ spki: string; name: string }> {
  knownRoots ??= (['proxy-shop', 'mkcert-localhost'] as const).map((name) => ({
    spki: renewalCerts(name).at(-1)!.spkiSha256!,
    name,
  }));
  return knownRoots;
}

const smallText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1', 'SSLv3', 'QUIC', ''),
);

/** A certificate as Firefox summarises it: a real one (with or without its DER) or made up. */
let firefoxCerts: unknown[] | undefined;
/** Firefox's own summaries of the fixtures, with their DER and without. */
const firefoxCertPool = (): unknown[] =>
  (firefoxCerts ??= [...SMALL_LEAVES, 'intermediate', 'root'].flatMap((name) => [
    firefoxCert(fixture(name), true),
    firefoxCert(fixture(name), false),
  ]));

const firefoxCertArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.nat().map((n) => firefoxCertPool()[n % firefoxCertPool().length]),
  fc.record(
    {
      subject: fc.oneof(fc.string({ maxLength: 60 }), fc.constant('CN=x'.repeat(2000))),
      issuer: fc.string({ maxLength: 60 }),
      validity: fc.record({ start: fc.integer(), end: fc.integer() }),
      fingerprint: fc.record({ sha256: fc.string({ maxLength: 20 }) }),
      serialNumber: fc.string({ maxLength: 20 }),
      isBuiltInRoot: fc.boolean(),
      rawDER: fc.array(fc.nat(255), { maxLength: 40 }),
    },
    { requiredKeys: [] },
  ),
  fc.anything({ maxDepth: 1 }),
);

/** Firefox's getSecurityInfo with random fields, read by the real mapper. */
const randomFirefoxTls: fc.Arbitrary<TlsInfo | null> = fc
  .record(
    {
      state: fc.constantFrom('secure', 'weak', 'broken', 'insecure'),
      protocolVersion: smallText,
      cipherSuite: fc.oneof(
        fc.constantFrom(
          'TLS_AES_128_GCM_SHA256',
          'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
          'TLS_RSA_WITH_RC4_128_SHA',
          'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA',
          'TLS_NULL_WITH_NULL_NULL',
        ),
        smallText,
      ),
      keaGroupName: smallText,
      signatureSchemeName: smallText,
      certificateTransparencyStatus: fc.constantFrom(
        'policy_compliant',
        'policy_not_enough_scts',
        'not_applicable',
        'junk',
      ),
      usedEch: fc.anything({ maxDepth: 0 }),
      overridableErrorCategory: fc.constantFrom(
        'trust_error',
        'domain_mismatch',
        'expired_or_not_yet_valid',
        'other',
      ),
      certificates: fc.array(firefoxCertArb, { maxLength: 12 }),
    },
    { requiredKeys: ['certificates'] },
  )
  .map((info) => fromFirefoxSecurityInfo(info));

/** Chrome's SecurityDetails with random fields, and a chain of real or broken DER. */
const randomChromeTls: fc.Arbitrary<TlsInfo> = fc
  .tuple(
    fc.record(
      {
        protocol: smallText,
        keyExchange: smallText,
        keyExchangeGroup: smallText,
        cipher: fc.oneof(fc.constantFrom('AES_128_GCM', 'AES_128_CBC', '3DES_EDE_CBC'), smallText),
        mac: fc.constantFrom('HMAC-SHA1', ''),
        subjectName: fc.string({ maxLength: 40 }),
        sanList: fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }),
        issuer: fc.string({ maxLength: 40 }),
        validFrom: fc.integer(),
        validTo: fc.integer(),
        certificateTransparencyCompliance: fc.constantFrom('compliant', 'not-compliant', 'x'),
        serverSignatureAlgorithm: fc.oneof(fc.constantFrom(0x0403, 0x0201, 0x0804), fc.nat()),
        encryptedClientHello: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    fc.array(
      fc.oneof(
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...SMALL_LEAVES, 'intermediate', 'root')
            .map((n) => base64Of(fixture(n))),
        },
        { weight: 1, arbitrary: fc.base64String({ maxLength: 60 }) },
        { weight: 1, arbitrary: fc.anything({ maxDepth: 0 }) },
      ),
      { maxLength: 3 },
    ),
  )
  .map(([details, chain]) => fromChromeSecurityDetails(details, chain));

/** TLS details of a real chain (real fixtures, read once). */
export const realTls: fc.Arbitrary<TlsInfo> = fc
  .nat()
  .map((n) => realTlsPool()[n % realTlsPool().length]!);

/** TLS details of a real chain, or of random fields and certificates read by the mappers. */
export const tls: fc.Arbitrary<TlsInfo> = fc.oneof(
  { weight: 6, arbitrary: realTls },
  {
    weight: 1,
    arbitrary: randomFirefoxTls.map((t) => t ?? realTlsPool()[0]!),
  },
  { weight: 1, arbitrary: randomChromeTls },
);

// --- Memories of hosts --------------------------------------------------------------------------

const time = fc.oneof(
  fc.integer({ min: T0 - 400 * DAY_MS, max: T0 + DAY_MS }),
  fc.constantFrom(1, T0, T0 - 200 * DAY_MS),
);

/** A remembered certificate: one of a real chain's (seen some days ago), or made up. */
const rememberedCert: fc.Arbitrary<RememberedCert> = fc.oneof(
  fc
    .tuple(fc.nat(), fc.integer({ min: 0, max: 200 }))
    .map(([n, daysAgo]) => {
      const pool = realTlsPool();
      return certOfConnection(pool[n % pool.length]!, T0 - daysAgo * DAY_MS);
    })
    .filter((c): c is RememberedCert => c !== null),
  fc.record(
    {
      key: fc.oneof(fc.base64String({ minLength: 4, maxLength: 30 }), fc.string({ maxLength: 3 })),
      ca: fc.oneof(
        fc.constantFrom('Portwatch Test', 'Alpha Trust', 'Beta Trust', "Let's Encrypt"),
        fc.string({ maxLength: 80 }),
      ),
      root: fc.base64String({ maxLength: 30 }),
      builtInRoot: fc.boolean(),
      from: time,
      until: time,
      seen: time,
    },
    { requiredKeys: ['key', 'ca', 'seen'] },
  ),
);

/**
 * What the memory store answers for a host: a stored entry as it reads it back (readShard), so
 * never more than the store itself would give; null when it holds nothing valid.
 */
export const hostMemory: fc.Arbitrary<HostMemory | null> = fc
  .record(
    { seen: time, https: time, certs: fc.array(rememberedCert, { maxLength: 6 }) },
    { requiredKeys: ['seen'] },
  )
  .map((m) => readShard(storedShard({ h: m }))['h'] ?? null);

// --- Settings ---------------------------------------------------------------------------------

export const settings: fc.Arbitrary<CoreSettings> = fc
  .record({
    allowlist: fc.subarray(['a.example', '*.example', 'b.example:8443', 'localhost', '[::1]']),
    softenLoopback: fc.boolean(),
    notify: fc.constantFrom('off', 'danger', 'warning', 'warning'),
    rememberHttps: fc.constantFrom(true, true, false),
    rememberCertificates: fc.constantFrom(true, true, false),
    rememberDays: fc.constantFrom(1, 30, 365, 3650),
    historyDays: fc.constantFrom(0, 1, 30, 30, 365),
    alwaysInspect: fc.boolean(),
    knownRoots: fc.nat(3).map((n) => knownRootPool().slice(0, n)),
  })
  .map(readSettings);

// --- Events -----------------------------------------------------------------------------------

const requestId = fc.constantFrom('1', '2', '3', '4');
const kind: fc.Arbitrary<RequestKind> = fc.constantFrom(
  'main_frame',
  'main_frame',
  'sub_frame',
  'websocket',
  'other',
);
/** The longest IP literal there is. */
const LONGEST_IP = 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255';
const ip = fc.oneof(
  fc.constantFrom(
    '93.184.216.34',
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '2001:db8::1',
    '2001:DB8::2',
    '[::1]',
    LONGEST_IP,
    `${LONGEST_IP}0`,
  ),
  fc.string({ maxLength: 70 }),
);
const httpVersion = fc.constantFrom(...HTTP_VERSIONS);
const netError = fc.oneof(
  fc.constantFrom(
    'net::ERR_CERT_AUTHORITY_INVALID',
    'net::ERR_ABORTED',
    'net::ERR_CONNECTION_REFUSED',
    'NS_ERROR_NET_RESET',
    'SEC_ERROR_UNKNOWN_ISSUER',
    'SSL_ERROR_BAD_CERT_DOMAIN',
    'NS_BINDING_ABORTED',
  ),
  fc.string({ maxLength: 400 }),
);
const hsts = fc.option(
  fc.oneof(
    fc.constantFrom('max-age=31536000; includeSubDomains', 'max-age=0', 'max-age=100'),
    fc.string({ maxLength: 1200 }),
  ),
);

/**
 * The browser's events, with TLS details from `tls`: `event` is any one of every TabEvent type,
 * `load` a whole top-frame load, `flood` a page filling what is kept.
 */
export function browserEvents(tls: fc.Arbitrary<TlsInfo>) {
  /** Every TabEvent type, with fields as a page, a server or a browser can shape them. */
  const event: fc.Arbitrary<TabEvent> = fc.oneof(
    fc.record({ type: fc.constant('navigate' as const), url, time: fc.constant(0) }),
    fc.record(
      {
        type: fc.constant('request' as const),
        requestId,
        url,
        kind,
        method: fc.constantFrom('GET', 'POST', 'HEAD', 'x'.repeat(40)),
        time: fc.constant(0),
        initiator: url,
      },
      { requiredKeys: ['type', 'requestId', 'url', 'kind', 'method', 'time'] },
    ),
    fc.record(
      {
        type: fc.constant('redirect' as const),
        requestId,
        url,
        redirectUrl: url,
        statusCode: fc.constantFrom(0, 301, 302, 307, 308, 999),
        kind,
        time: fc.constant(0),
        ip,
      },
      { requiredKeys: ['type', 'requestId', 'url', 'redirectUrl', 'statusCode', 'kind', 'time'] },
    ),
    fc.record(
      {
        type: fc.constant('response' as const),
        requestId,
        url,
        kind,
        statusCode: fc.nat(999),
        hsts,
        fromCache: fc.boolean(),
        time: fc.constant(0),
        ip,
        httpVersion,
      },
      {
        requiredKeys: [
          'type',
          'requestId',
          'url',
          'kind',
          'statusCode',
          'hsts',
          'fromCache',
          'time',
        ],
      },
    ),
    fc.record(
      {
        type: fc.constant('error' as const),
        requestId,
        url,
        kind,
        error: netError,
        time: fc.constant(0),
        ip,
      },
      { requiredKeys: ['type', 'url', 'kind', 'error', 'time'] },
    ),
    fc.record({
      type: fc.constant('commit' as const),
      url,
      transition: fc.constantFrom('link', 'typed', 'form_submit', 'reload', 'auto_bookmark', ''),
      qualifiers: fc.oneof(
        fc.subarray(['server_redirect', 'client_redirect', 'forward_back', 'from_address_bar']),
        fc.array(fc.string({ maxLength: 40 }), { maxLength: 10 }),
      ),
      time: fc.constant(0),
    }),
    fc.record(
      {
        type: fc.constant('origin-ip' as const),
        url,
        ip,
        time: fc.constant(0),
      },
      { requiredKeys: ['type', 'url', 'ip', 'time'] },
    ),
    fc.record(
      {
        type: fc.constant('references' as const),
        pageUrl: url,
        urls: fc.array(url, { maxLength: 8 }),
        time: fc.constant(0),
        httpVersion,
      },
      { requiredKeys: ['type', 'pageUrl', 'urls', 'time'] },
    ),
    fc.record(
      {
        type: fc.constant('security' as const),
        kind: fc.constantFrom('main_frame' as const, 'sub_frame' as const),
        requestId,
        url,
        tls,
        time: fc.constant(0),
      },
      { requiredKeys: ['type', 'url', 'tls', 'time'] },
    ),
    fc.record(
      {
        type: fc.constant('inspection' as const),
        status: fc.constantFrom('running' as const, 'failed' as const, 'over' as const),
        reason: fc.constantFrom(...INSPECT_FAILURES),
        time: fc.constant(0),
      },
      { requiredKeys: ['type', 'status', 'time'] },
    ),
    fc.record({
      type: fc.constant('memory' as const),
      url,
      remembered: hostMemory,
      time: fc.constant(0),
    }),
    fc.record({ type: fc.constant('settled' as const), url, time: fc.constant(0) }),
  );

  /**
   * A whole top-frame load as a browser reports it: navigate, request, redirects (the browser's
   * own upgrade among them), response or error, TLS details, commit, the page's own requests and
   * references, and the end of the load; each part may be missing or late, as in Firefox.
   */
  const load: fc.Arbitrary<TabEvent[]> = fc
    .record({
      id: fc.constantFrom('1', '2', '3', '4', '5'),
      chain: fc.array(pageUrl, { minLength: 1, maxLength: 4 }),
      upgrade: fc.boolean(),
      statuses: fc.array(fc.constantFrom(0, 301, 302, 307), { minLength: 4, maxLength: 4 }),
      fails: fc.option(netError, { freq: 6 }),
      security: fc.option(tls, { freq: 2 }),
      hsts,
      transition: fc.constantFrom('typed', 'link', 'form_submit', 'reload'),
      method: fc.constantFrom('GET', 'POST'),
      subresources: fc.array(fc.tuple(url, fc.constantFrom('sub_frame', 'websocket', 'other')), {
        maxLength: 6,
      }),
      references: fc.array(url, { maxLength: 4 }),
      /** The status line's version (Firefox), and the page's own (the content script's). */
      statusLineVersion: fc.option(httpVersion),
      pageVersion: fc.option(httpVersion),
      /** The address each subresource's server answers from, if the browser names one. */
      addresses: fc.array(fc.option(ip, { freq: 3 }), { minLength: 6, maxLength: 6 }),
      settles: fc.boolean(),
      lateLoad: fc.boolean(),
    })
    .map((l) => {
      const chain = l.upgrade ? [l.chain[0]!.replace(/^https:/, 'http:'), ...l.chain] : l.chain;
      const last = chain[chain.length - 1]!;
      const out: TabEvent[] = [{ type: 'navigate', url: chain[0]!, time: 0 }];
      const request: TabEvent = {
        type: 'request',
        requestId: l.id,
        url: chain[0]!,
        kind: 'main_frame',
        method: l.method,
        time: 0,
      };
      const loadEvents: TabEvent[] = [request];
      for (let i = 1; i < chain.length; i++) {
        loadEvents.push({
          type: 'redirect',
          requestId: l.id,
          url: chain[i - 1]!,
          redirectUrl: chain[i]!,
          statusCode: l.statuses[i - 1]!,
          kind: 'main_frame',
          time: 0,
        });
      }
      if (l.security)
        loadEvents.push({ type: 'security', requestId: l.id, url: last, tls: l.security, time: 0 });
      if (l.fails !== null) {
        loadEvents.push({
          type: 'error',
          requestId: l.id,
          url: last,
          kind: 'main_frame',
          error: l.fails,
          time: 0,
        });
      } else {
        loadEvents.push({
          type: 'response',
          requestId: l.id,
          url: last,
          kind: 'main_frame',
          statusCode: 200,
          hsts: l.hsts,
          fromCache: false,
          time: 0,
          ip: '93.184.216.34',
          ...(l.statusLineVersion !== null ? { httpVersion: l.statusLineVersion } : {}),
        });
      }
      const commit: TabEvent = {
        type: 'commit',
        url: last,
        transition: l.transition,
        qualifiers: chain.length > 1 ? ['server_redirect'] : [],
        time: 0,
      };
      // Firefox, waking its event page, can deliver the load's events after the commit.
      if (l.lateLoad) out.push(commit, ...loadEvents);
      else out.push(...loadEvents, commit);
      for (const [i, [u, k]] of l.subresources.entries()) {
        out.push({ type: 'request', requestId: '9', url: u, kind: k, method: 'GET', time: 0 });
        const address = l.addresses[i] ?? null;
        if (address !== null) out.push({ type: 'origin-ip', url: u, ip: address, time: 0 });
      }
      if (l.references.length > 0 || l.pageVersion !== null) {
        out.push({
          type: 'references',
          pageUrl: last,
          urls: l.references,
          time: 0,
          ...(l.pageVersion !== null ? { httpVersion: l.pageVersion } : {}),
        });
      }
      if (l.settles) out.push({ type: 'settled', url: last, time: 0 });
      return out;
    });

  /**
   * A page filling the lists it keeps, with URLs up to past MAX_URL: other origins, plain
   * resources, references, frame downgrades, frames' TLS details, a long redirect chain, a big
   * certificate; several at once, to go past the tab's byte budget.
   */
  const flood: fc.Arbitrary<TabEvent[]> = fc
    .record({
      lists: fc.subarray(['origins', 'insecure', 'references', 'frames', 'frameTls', 'chain'], {
        minLength: 1,
      }),
      count: fc.oneof(fc.constantFrom(12, 60, 130), fc.integer({ min: 1, max: 130 })),
      length: fc.constantFrom(30, 500, 2100, 2100, 2100, 70_000),
      page: pageUrl,
      commit: fc.boolean(),
      tls: fc.option(tls),
    })
    .map(({ lists, count: wanted, length, page: shown, commit, tls: details }): TabEvent[] => {
      // A few 70 KB URLs are enough to show each is bounded; a hundred would only be slow.
      const count = length > 2100 ? Math.min(wanted, 3) : wanted;
      const at = (i: number, scheme: string) => longUrl(scheme, `f${i}.example`, length);
      const ids = Array.from({ length: count }, (_, i) => i);
      const request = (u: string, k: RequestKind): TabEvent => ({
        type: 'request',
        requestId: '8',
        url: u,
        kind: k,
        method: 'GET',
        time: 0,
      });
      const out: TabEvent[] = [];
      let page = shown;
      if (lists.includes('chain')) {
        out.push(request(at(0, 'https'), 'main_frame'));
        for (const i of ids) {
          out.push({
            type: 'redirect',
            requestId: '8',
            url: at(i, i % 2 ? 'http' : 'https'),
            redirectUrl: at(i + 1, i % 2 ? 'https' : 'http'),
            statusCode: 302,
            kind: 'main_frame',
            time: 0,
          });
        }
        page = at(count, count % 2 ? 'https' : 'http');
      }
      if (commit || lists.includes('chain')) {
        out.push({ type: 'commit', url: page, transition: 'link', qualifiers: [], time: 0 });
      }
      if (details) out.push({ type: 'security', url: page, tls: details, time: 0 });
      for (const list of lists) {
        switch (list) {
          case 'origins':
            // Each with the longest address there is.
            for (const i of ids) {
              out.push(request(at(i, 'https'), 'other'));
              out.push({ type: 'origin-ip', url: at(i, 'https'), ip: LONGEST_IP, time: 0 });
            }
            break;
          case 'insecure':
            out.push(...ids.map((i) => request(at(i, 'http'), 'other')));
            break;
          case 'references':
            out.push({
              type: 'references',
              pageUrl: page,
              urls: ids.map((i) => at(i, 'http')),
              time: 0,
            });
            break;
          case 'frames':
            for (const i of ids) {
              out.push({
                type: 'redirect',
                requestId: '7',
                url: at(i, 'https'),
                redirectUrl: at(i, 'http'),
                statusCode: 302,
                kind: 'sub_frame',
                time: 0,
              });
            }
            break;
          case 'frameTls':
            for (const i of ids.slice(0, 12)) {
              const frame = at(i, 'https');
              out.push({
                type: 'security',
                kind: 'sub_frame',
                url: frame,
                tls: details ?? realTlsPool()[i % 20]!,
                time: 0,
              });
            }
            break;
        }
      }
      return out;
    });
  return { event, load, flood };
}

export const { event, load, flood } = browserEvents(tls);

/** How far the clock moves before an event: mostly milliseconds, sometimes days. */
export const dt = fc.oneof(
  { weight: 8, arbitrary: fc.nat(3000) },
  { weight: 1, arbitrary: fc.constantFrom(11 * 60_000, 3 * DAY_MS, 40 * DAY_MS, 400 * DAY_MS) },
);

/** A time an event may carry of its own: browsers' clocks jump, and some events are late. */
export const oddTime = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 8.64e15, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
);

/**
 * A tab's state as storage reads it back (tab-state-read.ts): a page's empty lists of alerts done
 * and of frames' TLS details are left out. markAlerted and withinBudget can leave them empty, to
 * the same effect.
 */
export function storedForm(state: TabState): TabState {
  const slim = (p: PageFacts): PageFacts => {
    const out = { ...p };
    if (out.notified?.length === 0) delete out.notified;
    if (out.logged?.length === 0) delete out.logged;
    if (out.frameTls?.length === 0) delete out.frameTls;
    return out;
  };
  return { ...state, page: state.page && slim(state.page), recent: state.recent.map(slim) };
}
