import { newAlerts } from '../../src/core/alerts';
import { assessPage } from '../../src/core/assess';
import type { CertificateInfo, TlsInfo } from '../../src/core/cert/model';
import { lifeUsed, YOUNG } from '../../src/core/cert-change';
import { severityRank, type Finding, type FindingId, type Severity } from '../../src/core/findings';
import { learn, readShard, shardOf, storedShard, type HostMemory } from '../../src/core/memory';
import { certOfConnection, type RememberedCert } from '../../src/core/remembered-cert';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../src/core/settings';
import { DAY_MS } from '../../src/core/time';
import { pageFacts } from '../fixtures/certs/renewals/load';

// A year of one person's browsing, to see what the certificate-change rule (cert-change.ts,
// assess-memory.ts, local-root.ts) says about how real hosts renew: 50 hosts, each visited once
// a day for 365 days, each renewing as its kind of host does (docs/certificates.md,
// "Renewals"). Every visit goes through the real core as the background drives it
// (src/background/visits.ts): what storage held of the host is read back (readShard), the page
// assessed against it (assessPage), the notifications chosen (newAlerts, at notify = 'warning'),
// then the visit learned (learn) and the shard written back as JSON.
//
// Then the attacks, each on a copy of the host's memory so the year itself is not changed: a
// certificate from a CA the host never used while its current one is young, and Firefox's chain
// suddenly ending at a root that does not ship with it (an interception proxy).
//
// Certificates are plain objects with the fields the core reads (no DER); everything random
// comes from one seeded generator, so the figures are the same on every run.

export const SEED = 0x5eed2026;
export const DAYS = 365;
const START = Date.UTC(2026, 0, 1);
/** CA/Browser Forum ballot SC-081: the longest lifetime a certificate issued at `at` may have. */
function maxLifetimeDays(at: number): number {
  if (at >= Date.UTC(2029, 2, 15)) return 47;
  if (at >= Date.UTC(2027, 2, 15)) return 100;
  if (at >= Date.UTC(2026, 2, 15)) return 200;
  return 398;
}

/** The findings of the rule under study; the others are counted apart. */
export const RULE_FINDINGS: ReadonlySet<FindingId> = new Set([
  'certificate-changed',
  'certificate-renewed',
  'local-root',
]);

// ---- a seeded generator -------------------------------------------------------------------------

/** mulberry32: small, fast and good enough to pick days and keys. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** A key's SHA-256 as base64 (pin-sha256): 43 characters and '='. */
function spki(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 42; i++) s += B64[Math.floor(rng() * 64)];
  // The last character of 32 bytes in base64 carries 4 bits: its low 2 bits are 0.
  return `${s}${B64[Math.floor(rng() * 16) * 4]}=`;
}

// ---- certificate authorities --------------------------------------------------------------------

interface Authority {
  org: string;
  roots: CertificateInfo[];
  /** Its intermediates: the i-th chains to root i modulo the number of roots. */
  intermediates: CertificateInfo[];
}

const dn = (cn: string, org: string) => `CN=${cn},O=${org},C=US`;

/** The O of a certificate's own subject. */
const orgOf = (c: CertificateInfo): string => /(?:^|,)O=([^,]*)/.exec(c.subject)![1]!;

function caCert(
  cn: string,
  org: string,
  key: string,
  issuer: CertificateInfo | null,
  builtInRoot?: boolean,
): CertificateInfo {
  return {
    source: 'der',
    subject: dn(cn, org),
    subjectCn: cn,
    issuer: issuer?.subject ?? dn(cn, org),
    issuerCn: issuer?.subjectCn ?? cn,
    issuerOrg: issuer ? orgOf(issuer) : org,
    sans: [],
    sansDropped: 0,
    notBefore: Date.UTC(2024, 2, 1),
    notAfter: Date.UTC(2030, 2, 1),
    spkiSha256: key,
    keyAlgorithm: 'EC',
    keySize: 384,
    curve: 'P-384',
    signatureAlgorithm: 'ECDSA with SHA-384',
    signatureHash: 'SHA-384',
    isCa: true,
    selfSigned: issuer === null,
    ...(builtInRoot !== undefined ? { builtInRoot } : {}),
  };
}

/** A CA with its roots (built into Firefox unless said) and intermediates named by `names`. */
function authority(
  rng: Rng,
  org: string,
  rootNames: string[],
  names: string[],
  builtInRoot = true,
): Authority {
  const roots = rootNames.map((cn) => caCert(cn, org, spki(rng), null, builtInRoot));
  const intermediates = names.map((cn, i) => caCert(cn, org, spki(rng), roots[i % roots.length]!));
  return { org, roots, intermediates };
}

function makeAuthorities(rng: Rng) {
  return {
    le: authority(
      rng,
      "Let's Encrypt",
      ['ISRG Root X1', 'ISRG Root X2'],
      ['R10', 'E5', 'R11', 'E6'],
    ),
    gts: authority(rng, 'Google Trust Services', ['GTS Root R1', 'GTS Root R4'], ['WR1', 'WE1']),
    digicert: authority(
      rng,
      'DigiCert Inc',
      ['DigiCert Global Root G2'],
      ['DigiCert Global G2 TLS RSA SHA256 2020 CA1', 'DigiCert Global G3 TLS ECC SHA384 2020 CA1'],
    ),
    sectigo: authority(
      rng,
      'Sectigo Limited',
      ['USERTrust ECC Certification Authority'],
      [
        'Sectigo ECC Domain Validation Secure Server CA',
        'Sectigo Public Server Authentication CA DV E36',
      ],
    ),
    globalsign: authority(
      rng,
      'GlobalSign nv-sa',
      ['GlobalSign Root R6'],
      ['GlobalSign Atlas R3 DV TLS CA 2026 Q1', 'GlobalSign Atlas R3 DV TLS CA 2026 Q2'],
    ),
    amazon: authority(
      rng,
      'Amazon',
      ['Amazon Root CA 1'],
      ['Amazon RSA 2048 M01', 'Amazon RSA 2048 M02', 'Amazon RSA 2048 M03', 'Amazon RSA 2048 M04'],
    ),
    zerossl: authority(
      rng,
      'ZeroSSL',
      ['USERTrust RSA Certification Authority'],
      ['ZeroSSL RSA Domain Secure Site CA'],
    ),
    // Only the attacks use these: a public CA no host here uses, and an interception proxy's
    // root (which signs its leaves itself).
    rogue: authority(rng, 'Rogue Trust Services', ['Rogue Root CA'], ['Rogue TLS CA 1']),
    proxy: authority(rng, 'Shield Antivirus', ['Shield Web Proxy Root'], [], false),
  };
}

type Authorities = ReturnType<typeof makeAuthorities>;

// ---- hosts --------------------------------------------------------------------------------------

interface Leaf {
  key: string;
  from: number;
  until: number;
  ca: Authority;
  intermediate: number;
}

/**
 * One line of certificates a host keeps renewed (a server, or one of a CDN's edges): each
 * renewed once `renewAt` of its lifetime is used, or `renewDaysBefore` its end (a person with a
 * calendar), plus jitter (the ACME client's timer, the person's week); with a new key
 * unless `reuseKey`; ARI (RFC 9773) may ask for a renewal earlier.
 */
interface Line {
  ca: Authority;
  lifetimeDays: number;
  renewAt: number;
  renewDaysBefore?: number;
  /** Up to this many hours late: the client's timer, the admin's week. */
  jitterHours: number;
  reuseKey: boolean;
  /** Chance per certificate that the CA asks, by ARI, for a renewal at a random earlier point. */
  ari: number;
  /** Picks a new intermediate at each issuance among this many of the CA's (1: always the first). */
  intermediates: number;
  current: Leaf;
  /** The certificate before, served by edges not yet updated, until this moment. */
  previous?: Leaf;
  lagUntil?: number;
  /** Chance that an edge keeps serving the previous certificate for up to a day. */
  lag: number;
  nextRenewal: number;
  /** At the renewal after this moment the line moves to `moveTo`. */
  moveAfter?: number;
  moveTo?: Authority;
}

interface LineSpec {
  ca: Authority;
  lifetimeDays: number;
  renewAt: number;
  renewDaysBefore?: number;
  jitterHours?: number;
  reuseKey?: boolean;
  ari?: number;
  intermediates?: number;
  lag?: number;
  moveAfter?: number;
  moveTo?: Authority;
}

function issue(
  rng: Rng,
  line: Omit<Line, 'current' | 'nextRenewal'>,
  at: number,
  key: string,
): Leaf {
  const lifetime = Math.min(line.lifetimeDays, maxLifetimeDays(at)) * DAY_MS;
  return {
    key,
    // ACME CAs backdate notBefore by an hour, against clock skew.
    from: at - 3_600_000,
    until: at - 3_600_000 + lifetime,
    ca: line.ca,
    intermediate: Math.floor(rng() * Math.min(line.intermediates, line.ca.intermediates.length)),
  };
}

/** When `leaf` is renewed: as the line plans, plus jitter, or earlier when ARI says so. */
function renewalOf(rng: Rng, line: Omit<Line, 'current' | 'nextRenewal'>, leaf: Leaf): number {
  const life = leaf.until - leaf.from;
  const due =
    line.renewDaysBefore !== undefined
      ? leaf.until - line.renewDaysBefore * DAY_MS
      : leaf.from + line.renewAt * life;
  const planned = due + rng() * line.jitterHours * 3_600_000;
  if (rng() < line.ari) return leaf.from + between(rng, 0.05, line.renewAt) * life;
  return planned;
}

function newLine(rng: Rng, spec: LineSpec): Line {
  const base = {
    ca: spec.ca,
    lifetimeDays: spec.lifetimeDays,
    renewAt: spec.renewAt,
    ...(spec.renewDaysBefore !== undefined ? { renewDaysBefore: spec.renewDaysBefore } : {}),
    jitterHours: spec.jitterHours ?? 24,
    reuseKey: spec.reuseKey ?? false,
    ari: spec.ari ?? 0,
    intermediates: spec.intermediates ?? 1,
    lag: spec.lag ?? 0,
    ...(spec.moveAfter !== undefined ? { moveAfter: spec.moveAfter, moveTo: spec.moveTo! } : {}),
  };
  // The year starts somewhere in the life of the certificate in use.
  const lifetime = spec.lifetimeDays * DAY_MS;
  const issued = START - rng() * spec.renewAt * lifetime;
  const current = issue(rng, base, issued, spki(rng));
  return { ...base, current, nextRenewal: renewalOf(rng, base, current) };
}

/** The line at `at`: renewed as often as was due, and the certificate an edge serves. */
function serve(rng: Rng, line: Line, at: number): Leaf {
  while (at >= line.nextRenewal) {
    const when = line.nextRenewal;
    if (line.moveAfter !== undefined && when >= line.moveAfter && line.moveTo) {
      line.ca = line.moveTo;
      delete line.moveAfter;
      delete line.moveTo;
    }
    const sameCa = line.current.ca === line.ca;
    const key = line.reuseKey && sameCa ? line.current.key : spki(rng);
    line.previous = line.current;
    line.lagUntil = rng() < line.lag ? when + rng() * DAY_MS : when;
    line.current = issue(rng, line, when, key);
    line.nextRenewal = renewalOf(rng, line, line.current);
  }
  if (line.previous && line.lagUntil !== undefined && at < line.lagUntil && rng() < 0.5)
    return line.previous;
  return line.current;
}

export type Pattern =
  | 'acme-90'
  | 'lifetime-47'
  | 'lifetime-200'
  | 'lifetime-398'
  | 'short-6'
  | 'ari'
  | 'cdn-multi'
  | 'cdn-backup'
  | 'rotation'
  | 'move-ca';

interface Host {
  name: string;
  pattern: Pattern;
  lines: Line[];
  /** Which line serves a visit (a CDN's edges at random; a backup CA now and then). */
  choose: (rng: Rng) => number;
}

/** The 50 hosts: how many of each pattern, and how each renews. */
function makeHosts(rng: Rng, ca: Authorities): Host[] {
  const hosts: Host[] = [];
  const one = () => 0;
  const add = (
    pattern: Pattern,
    count: number,
    make: (i: number) => Omit<Host, 'name' | 'pattern'>,
  ) => {
    for (let i = 0; i < count; i++)
      hosts.push({ name: `${pattern}-${i + 1}.example`, pattern, ...make(i) });
  };
  // Certbot and friends: 90 days, renewed with a third left, a new key (two reuse theirs); some
  // behind a load balancer whose servers take up to a day to all have the new certificate.
  add('acme-90', 10, (i) => ({
    lines: [
      newLine(rng, {
        ca: pick(rng, [ca.le, ca.le, ca.zerossl]),
        lifetimeDays: 90,
        renewAt: 2 / 3,
        reuseKey: i < 2,
        lag: i % 3 === 0 ? 0.7 : 0,
      }),
    ],
    choose: one,
  }));
  add('lifetime-47', 5, () => ({
    lines: [
      newLine(rng, {
        ca: pick(rng, [ca.le, ca.sectigo, ca.globalsign]),
        lifetimeDays: 47,
        renewAt: 2 / 3,
        intermediates: 2,
      }),
    ],
    choose: one,
  }));
  // Bought certificates, renewed by hand about a month before the end, the key often kept.
  add('lifetime-200', 4, (i) => ({
    lines: [
      newLine(rng, {
        ca: pick(rng, [ca.digicert, ca.sectigo, ca.globalsign]),
        lifetimeDays: 200,
        renewAt: 170 / 200,
        renewDaysBefore: 30,
        jitterHours: 24 * 10,
        reuseKey: i % 2 === 0,
      }),
    ],
    choose: one,
  }));
  add('lifetime-398', 3, (i) => ({
    lines: [
      newLine(rng, {
        ca: pick(rng, [ca.digicert, ca.sectigo]),
        lifetimeDays: 398,
        renewAt: 368 / 398,
        renewDaysBefore: 30,
        jitterHours: 24 * 14,
        reuseKey: i === 0,
      }),
    ],
    choose: one,
  }));
  // Let's Encrypt's short-lived certificates: 6 days, a new one every day.
  add('short-6', 4, () => ({
    lines: [
      newLine(rng, {
        ca: ca.le,
        lifetimeDays: 6,
        renewAt: 1 / 6,
        jitterHours: 2,
        intermediates: 4,
      }),
    ],
    choose: one,
  }));
  // ARI: a quarter of certificates renewed early at a random point of their life.
  add('ari', 5, () => ({
    lines: [
      newLine(rng, {
        ca: pick(rng, [ca.le, ca.gts]),
        lifetimeDays: 90,
        renewAt: 2 / 3,
        ari: 0.25,
        intermediates: 2,
      }),
    ],
    choose: one,
  }));
  // CDNs: 2 or 3 certificates from one CA at once, each edge serving one, at random per visit.
  add('cdn-multi', 5, (i) => {
    const caOf = pick(rng, [ca.gts, ca.amazon, ca.digicert, ca.le]);
    const lines = Array.from({ length: 2 + (i % 2) }, () =>
      newLine(rng, {
        ca: caOf,
        lifetimeDays: caOf === ca.amazon ? 395 : 90,
        renewAt: caOf === ca.amazon ? 335 / 395 : 2 / 3,
        intermediates: 4,
      }),
    );
    return { lines, choose: (r) => Math.floor(r() * lines.length) };
  });
  // CDNs with a backup CA, whose certificate some edges serve: about 5% of visits.
  add('cdn-backup', 4, (i) => {
    const [main, backup] = i % 2 === 0 ? [ca.le, ca.gts] : [ca.gts, ca.le];
    const lines = [
      newLine(rng, { ca: main, lifetimeDays: 90, renewAt: 2 / 3, intermediates: 2 }),
      newLine(rng, { ca: main, lifetimeDays: 90, renewAt: 2 / 3, intermediates: 2 }),
      newLine(rng, { ca: backup, lifetimeDays: 90, renewAt: 2 / 3, intermediates: 2 }),
    ];
    return { lines, choose: (r) => (r() < 0.05 ? 2 : Math.floor(r() * 2)) };
  });
  // Intermediate rotation: each issuance through one of 2 to 4 of the CA's intermediates.
  add('rotation', 5, (i) => ({
    lines: [
      newLine(rng, {
        ca: i % 2 === 0 ? ca.le : ca.amazon,
        lifetimeDays: 90,
        renewAt: 2 / 3,
        intermediates: 2 + (i % 3),
      }),
    ],
    choose: one,
  }));
  // A host moving to another CA when its certificate is renewed (three at the usual third left,
  // two letting it run to its last days first).
  add('move-ca', 5, (i) => {
    const [from, to] = pick(rng, [
      [ca.le, ca.gts],
      [ca.digicert, ca.le],
      [ca.sectigo, ca.zerossl],
      [ca.gts, ca.le],
    ] as const);
    return {
      lines: [
        newLine(rng, {
          ca: from,
          lifetimeDays: 90,
          renewAt: i < 3 ? 2 / 3 : 0.95,
          moveAfter: START + between(rng, 60, 250) * DAY_MS,
          moveTo: to,
        }),
      ],
      choose: one,
    };
  });
  return hosts;
}

// ---- what the browser gives -----------------------------------------------------------------------

function leafInfo(host: string, leaf: Leaf, issuer: CertificateInfo): CertificateInfo {
  return {
    source: 'der',
    subject: `CN=${host}`,
    subjectCn: host,
    issuer: issuer.subject,
    issuerCn: issuer.subjectCn!,
    issuerOrg: orgOf(issuer),
    sans: [{ kind: 'DNS', value: host }],
    sansDropped: 0,
    notBefore: leaf.from,
    notAfter: leaf.until,
    spkiSha256: leaf.key,
    keyAlgorithm: 'EC',
    keySize: 256,
    curve: 'P-256',
    signatureAlgorithm: 'ECDSA with SHA-384',
    signatureHash: 'SHA-384',
    isCa: false,
    selfSigned: false,
  };
}

/**
 * The connection as Firefox gives it: leaf, intermediate, root (with isBuiltInRoot); a CA with
 * no intermediate (an interception proxy) signs the leaf with its root.
 */
function tlsOf(host: string, leaf: Leaf): TlsInfo {
  const { ca } = leaf;
  const intermediate = ca.intermediates[leaf.intermediate];
  const root = ca.roots[leaf.intermediate % ca.roots.length]!;
  const chain = intermediate
    ? [leafInfo(host, leaf, intermediate), intermediate, root]
    : [leafInfo(host, leaf, root), root];
  return {
    source: 'firefox',
    protocol: 'TLS 1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    keyExchangeGroup: 'x25519',
    signatureScheme: 'ecdsa_secp256r1_sha256',
    ech: false,
    ct: 'compliant',
    chain,
    chainDropped: 0,
  };
}

// ---- the year -----------------------------------------------------------------------------------

type BySeverity = Partial<Record<Severity, number>>;

export interface PatternFigures {
  hosts: number;
  visits: number;
  /** The rule's findings on the pattern's visits, by severity. */
  rule: BySeverity;
  /** The rule's findings at notify = 'warning' that made a notification. */
  notifications: number;
  /** The other findings (certificate-expiring…), by severity, and their notifications. */
  others: BySeverity;
  otherNotifications: number;
}

export interface BenignAlarm {
  host: string;
  pattern: Pattern;
  day: number;
  id: FindingId;
  severity: Severity;
  /** For a certificate-changed: the share of its life the old certificate had used, percent. */
  lifeUsed?: number;
  /** The CA served, and the CA of the certificate the host was last seen with. */
  issuer?: string;
  oldIssuer?: string;
  /** The CA served had never been served to this browser for this host before. */
  firstOfCa: boolean;
}

export interface YearFigures {
  hosts: number;
  days: number;
  /** Ordinary visits (the attacks not included). */
  visits: number;
  /** The rule's findings on ordinary visits, at warning or above, at notice, at info. */
  benignWarnings: number;
  benignNotices: number;
  benignInfos: number;
  /** Notifications (notify = 'warning') of the rule's findings on ordinary visits. */
  benignNotifications: number;
  /** Each warning or notice of the rule on an ordinary visit. */
  benignAlarms: BenignAlarm[];
  /** Every finding on ordinary visits, the rule's and the others', by id and severity. */
  findings: Partial<Record<FindingId, BySeverity>>;
  /** Notifications on ordinary visits by finding id, the rule's and the others'. */
  notifications: Partial<Record<FindingId, number>>;
  byPattern: Record<Pattern, PatternFigures>;
  /** Attack visits: one certificate from an unused CA per host, one interception per host. */
  attacks: number;
  /** Those that raised their warning: certificate-changed for the first, local-root for the second. */
  attacksWarned: number;
  /** Those that made a notification at notify = 'warning'. */
  attacksNotified: number;
  caAttacks: { count: number; warned: number };
  proxyAttacks: { count: number; warned: number };
  /**
   * Not asserted, for the record: a certificate from another public CA whose intermediate copies
   * the host's CA's organisation name (a rogue CA that knows the rule), while the current one is
   * young. Counted as warned when any finding of the rule is a warning.
   */
  copiedNameAttacks: { count: number; warned: number };
}

const SETTINGS: CoreSettings = { ...DEFAULT_SETTINGS, notify: 'warning' };

const add = (counts: BySeverity, s: Severity) => {
  counts[s] = (counts[s] ?? 0) + 1;
};

interface Visit {
  findings: Finding[];
  notify: Finding[];
}

/** Storage: one JSON value per shard, as storage.local keeps it. */
type Storage = Map<number, unknown>;

function visit(storage: Storage, host: string, tls: TlsInfo, at: number, learnIt = true): Visit {
  const n = shardOf(host, 'simulation');
  const shard = readShard(storage.get(n));
  const remembered: HostMemory | null = shard[host] ?? null;
  const page = pageFacts(`https://${host}/`, tls, remembered, at);
  const findings = assessPage(page, SETTINGS);
  const notify = newAlerts(page, findings, SETTINGS.notify, true).notify;
  if (learnIt) {
    learn(shard, host, { https: true, cert: certOfConnection(tls, at) }, at);
    storage.set(n, JSON.parse(JSON.stringify(storedShard(shard))));
  }
  return { findings, notify };
}

/** The certificate the host was last seen with, before `at`. */
function latestSeen(storage: Storage, host: string): RememberedCert | undefined {
  const certs = readShard(storage.get(shardOf(host, 'simulation')))[host]?.certs ?? [];
  return certs.reduce<RememberedCert | undefined>(
    (a, b) => (a && a.seen >= b.seen ? a : b),
    undefined,
  );
}

/** A copy of storage: an attack is judged on it, and the year goes on as if it had not been. */
const copy = (storage: Storage): Storage => new Map(JSON.parse(JSON.stringify([...storage])));

const warned = (v: Visit, id: FindingId) =>
  v.findings.some((f) => f.id === id && severityRank(f.severity) >= severityRank('warning'));

export function simulateYear(seed = SEED): YearFigures {
  const rng = prng(seed);
  const cas = makeAuthorities(rng);
  const hosts = makeHosts(rng, cas);
  const storage: Storage = new Map();

  const figures: YearFigures = {
    hosts: hosts.length,
    days: DAYS,
    visits: 0,
    benignWarnings: 0,
    benignNotices: 0,
    benignInfos: 0,
    benignNotifications: 0,
    benignAlarms: [],
    findings: {},
    notifications: {},
    byPattern: {} as Record<Pattern, PatternFigures>,
    attacks: 0,
    attacksWarned: 0,
    attacksNotified: 0,
    caAttacks: { count: 0, warned: 0 },
    proxyAttacks: { count: 0, warned: 0 },
    copiedNameAttacks: { count: 0, warned: 0 },
  };
  for (const h of hosts) {
    const p = (figures.byPattern[h.pattern] ??= {
      hosts: 0,
      visits: 0,
      rule: {},
      notifications: 0,
      others: {},
      otherNotifications: 0,
    });
    p.hosts++;
  }

  // Each host's attack days: the CA swap from the day drawn on, once its certificate is young.
  const caAttackFrom = new Map(hosts.map((h) => [h.name, Math.floor(between(rng, 20, DAYS - 30))]));
  const proxyAttackOn = new Map(hosts.map((h) => [h.name, Math.floor(between(rng, 20, DAYS - 1))]));
  const caAttacked = new Set<string>();
  /** The CAs each host was seen with so far. */
  const casSeen = new Map(hosts.map((h) => [h.name, new Set<string>()]));

  for (let d = 0; d < DAYS; d++) {
    for (const h of hosts) {
      const at = START + d * DAY_MS + Math.floor(between(rng, 8, 23) * 3_600_000);
      // Every line renews as due, whichever one serves this visit.
      const served = h.lines.map((line) => serve(rng, line, at));
      const leaf = served[h.choose(rng)]!;
      const v = visit(storage, h.name, tlsOf(h.name, leaf), at);
      const p = figures.byPattern[h.pattern];
      const seenCas = casSeen.get(h.name)!;
      const firstOfCa = seenCas.size > 0 && !seenCas.has(leaf.ca.org);
      seenCas.add(leaf.ca.org);
      figures.visits++;
      p.visits++;
      for (const f of v.findings) {
        add((figures.findings[f.id] ??= {}), f.severity);
        if (!RULE_FINDINGS.has(f.id)) {
          add(p.others, f.severity);
          continue;
        }
        add(p.rule, f.severity);
        const rank = severityRank(f.severity);
        if (rank >= severityRank('warning')) figures.benignWarnings++;
        else if (f.severity === 'notice') figures.benignNotices++;
        else figures.benignInfos++;
        if (rank >= severityRank('notice'))
          figures.benignAlarms.push({
            host: h.name,
            pattern: h.pattern,
            day: d,
            id: f.id,
            severity: f.severity,
            firstOfCa,
            ...(f.evidence.lifeUsed !== undefined ? { lifeUsed: f.evidence.lifeUsed } : {}),
            ...(f.evidence.issuer !== undefined ? { issuer: f.evidence.issuer } : {}),
            ...(f.evidence.oldIssuer !== undefined ? { oldIssuer: f.evidence.oldIssuer } : {}),
          });
      }
      for (const f of v.notify) {
        figures.notifications[f.id] = (figures.notifications[f.id] ?? 0) + 1;
        if (RULE_FINDINGS.has(f.id)) {
          figures.benignNotifications++;
          p.notifications++;
        } else p.otherNotifications++;
      }

      // The attacks, two hours later, each on a copy of the memory.
      const later = at + 2 * 3_600_000;
      const last = latestSeen(storage, h.name);
      const young = last !== undefined && (lifeUsed(last, later) ?? 1) < YOUNG;
      if (!caAttacked.has(h.name) && d >= caAttackFrom.get(h.name)! && young) {
        caAttacked.add(h.name);
        const rogue: Leaf = {
          key: spki(rng),
          from: later - 3_600_000,
          until: later + 89 * DAY_MS,
          ca: cas.rogue,
          intermediate: 0,
        };
        const a = visit(copy(storage), h.name, tlsOf(h.name, rogue), later, false);
        figures.caAttacks.count++;
        if (warned(a, 'certificate-changed')) figures.caAttacks.warned++;
        if (a.notify.length > 0) figures.attacksNotified++;

        // The same, by a rogue CA naming its intermediate after the host's own CA.
        const own = leaf.ca.intermediates[0]!;
        const copied: Authority = {
          ...cas.rogue,
          org: leaf.ca.org,
          intermediates: [
            { ...cas.rogue.intermediates[0]!, subject: dn(own.subjectCn!, leaf.ca.org) },
          ],
        };
        const named = visit(
          copy(storage),
          h.name,
          tlsOf(h.name, { ...rogue, key: spki(rng), ca: copied }),
          later,
          false,
        );
        figures.copiedNameAttacks.count++;
        if (
          named.findings.some(
            (f) => RULE_FINDINGS.has(f.id) && severityRank(f.severity) >= severityRank('warning'),
          )
        )
          figures.copiedNameAttacks.warned++;
      }
      if (d === proxyAttackOn.get(h.name)) {
        // The proxy mints a certificate for the host when it first intercepts it, for a year.
        const minted: Leaf = {
          key: spki(rng),
          from: later - DAY_MS,
          until: later + 365 * DAY_MS,
          ca: cas.proxy,
          intermediate: 0,
        };
        const a = visit(copy(storage), h.name, tlsOf(h.name, minted), later, false);
        figures.proxyAttacks.count++;
        if (warned(a, 'local-root')) figures.proxyAttacks.warned++;
        if (a.notify.length > 0) figures.attacksNotified++;
      }
    }
  }
  figures.attacks = figures.caAttacks.count + figures.proxyAttacks.count;
  figures.attacksWarned = figures.caAttacks.warned + figures.proxyAttacks.warned;
  return figures;
}
