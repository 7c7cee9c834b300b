import { describe, expect, it } from 'vitest';
import { newAlerts } from '../../src/core/alerts';
import { assessPage } from '../../src/core/assess';
import { judgeCertChange, YOUNG } from '../../src/core/cert-change';
import { findingText } from '../../src/core/finding-text';
import { severityRank, type Finding } from '../../src/core/findings';
import { learn, readShard, storedShard, type HostMemory, type Shard } from '../../src/core/memory';
import { renderMessage } from '../../src/core/message';
import { certOfConnection, shortKey } from '../../src/core/remembered-cert';
import { DEFAULT_SETTINGS, type CoreSettings, type NotifyLevel } from '../../src/core/settings';
import {
  day,
  pageFacts,
  RENEWAL_CHAINS,
  renewalCerts,
  renewalTls,
  validityOf,
  type RenewalChain,
} from '../fixtures/certs/renewals/load';
import { t } from './translate';

// certificate-renewed and certificate-changed (cert-change.ts, assess-memory.ts) on real chains
// (test/fixtures/certs/renewals): each visit is assessed against what storage held of the host
// before it, then learned, as the background does (src/background/visits.ts).

const URL_ = 'https://shop.example/';
const HOST = 'shop.example';
/** The findings of the rule under test; the others (certificate-expiring…) have their own tests. */
const RULE = new Set(['certificate-renewed', 'certificate-changed', 'local-root']);

/** One host's memory across visits, kept the way storage keeps it (JSON, read back each time). */
class Host {
  private stored: unknown = {};

  constructor(private readonly settings: CoreSettings = DEFAULT_SETTINGS) {}

  get remembered(): HostMemory | null {
    return readShard(this.stored)[HOST] ?? null;
  }

  private save(shard: Shard): void {
    this.stored = JSON.parse(JSON.stringify(storedShard(shard)));
  }

  /** Loads a raw shard as an older version wrote it. */
  restore(raw: unknown): this {
    this.stored = raw;
    return this;
  }

  /** Learns a visit without looking at its findings. */
  saw(name: RenewalChain, at: number): this {
    const shard = readShard(this.stored);
    learn(shard, HOST, { https: true, cert: certOfConnection(renewalTls(name), at) }, at);
    this.save(shard);
    return this;
  }

  /** A visit: every finding of the page, then what it taught. */
  visit(name: RenewalChain, at: number): Finding[] {
    const tls = renewalTls(name);
    const findings = assessPage(pageFacts(URL_, tls, this.remembered, at), this.settings);
    const shard = readShard(this.stored);
    learn(shard, HOST, { https: true, cert: certOfConnection(tls, at) }, at);
    this.save(shard);
    return findings;
  }

  /** A visit: the rule's findings only, as `id severity`. */
  judged(name: RenewalChain, at: number): string[] {
    return this.visit(name, at)
      .filter((f) => RULE.has(f.id))
      .map((f) => `${f.id} ${f.severity}`);
  }
}

/** Daily visits at noon from `from` to `to` (inclusive) serving `name`. */
function daily(host: Host, name: RenewalChain, from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = day(from); at <= day(to); at += 86_400_000) out.push(...host.judged(name, at));
  return out;
}

const text = (f: Finding) => renderMessage(findingText(f).detail, t);
const notified = (f: Finding[], level: NotifyLevel) =>
  newAlerts(pageFacts(URL_, undefined, null, 0), f, level, false).notify.map((n) => n.id);
const find = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

describe('the renewal fixtures', () => {
  it('are what make-renewals.sh says: new keys, two Alpha intermediates, Beta apart', () => {
    // Every leaf its own key.
    const spkis = RENEWAL_CHAINS.map((n) => renewalCerts(n)[0]!.spkiSha256);
    expect(new Set(spkis).size).toBe(RENEWAL_CHAINS.length);
    const [a2, r10, alphaRoot] = renewalCerts('a2');
    const [a3, r11, alphaRootAgain] = renewalCerts('a3');
    expect([a2!.issuerOrg, a3!.issuerOrg]).toEqual(['Alpha Trust', 'Alpha Trust']);
    expect([r10!.subjectCn, r11!.subjectCn]).toEqual(['Alpha R10', 'Alpha R11']);
    expect(alphaRoot!.spkiSha256).toBe(alphaRootAgain!.spkiSha256);
    expect(renewalCerts('beta-young')[0]!.issuerOrg).toBe('Beta Certs Inc');
    expect(validityOf('a1')).toEqual({
      from: day('2026-01-01', '00:00'),
      until: day('2026-04-01', '00:00'),
    });
    const tls = renewalTls('a1');
    expect(tls.chain.map((c) => c.builtInRoot)).toEqual([false, false, true]);
    expect(tls.chain.map((c) => c.source)).toEqual(['der', 'der', 'der']);
  });
});

describe('renewals with a new key', () => {
  it('at a third of the life left: certificate-renewed, info, naming both validities', () => {
    const host = new Host();
    expect(daily(host, 'a1', '2026-01-02', '2026-03-01')).toEqual([]);
    // a1 (2026-01-01 to 04-01) has used 60 of its 90 days when a2 appears.
    const findings = host.visit('a2', day('2026-03-02'));
    expect(findings.map((f) => `${f.id} ${f.severity}`)).toEqual(['certificate-renewed info']);
    expect(text(findings[0]!)).toBe(
      '“shop.example” has a new certificate from the same authority, Alpha Trust (valid ' +
        '2026-03-02 to 2026-05-31). The one seen before, last on 2026-03-01 12:00 UTC, was valid ' +
        '2026-01-01 to 2026-04-01.',
    );
    expect(notified(findings, 'warning')).toEqual([]);
    // Seen again, and the old certificate still served by an edge not yet updated: nothing.
    expect(host.judged('a2', day('2026-03-03'))).toEqual([]);
    expect(host.judged('a1', day('2026-03-04'))).toEqual([]);
    expect(host.judged('a2', day('2026-03-05'))).toEqual([]);
  });

  it('at two thirds of the life left (renewed early): certificate-renewed, info', () => {
    const host = new Host();
    expect(daily(host, 'a2', '2026-03-02', '2026-03-31')).toEqual([]);
    // a2 (2026-03-02 to 05-31) has used 30 of its 90 days when a3 appears.
    const findings = host.visit('a3', day('2026-04-01'));
    expect(findings.map((f) => `${f.id} ${f.severity}`)).toEqual(['certificate-renewed info']);
    expect(findings[0]!.evidence).toMatchObject({
      issuer: 'Alpha Trust',
      oldIssuer: 'Alpha Trust',
      validFrom: day('2026-04-01', '00:00'),
      oldValidUntil: day('2026-05-31', '00:00'),
      since: day('2026-03-31'),
    });
  });

  it('6-day certificates renewed daily: a renewal a day, nothing above info', () => {
    const host = new Host();
    const names = ['daily-1', 'daily-2', 'daily-3', 'daily-4'] as const;
    const judged = names.map((name, i) => host.judged(name, day(`2026-02-0${i + 1}`)));
    expect(judged).toEqual([[], ...Array(3).fill(['certificate-renewed info'])]);
    // And the edges lagging a day behind: each key known.
    expect(host.judged('daily-3', day('2026-02-04', '18:00'))).toEqual([]);
  });

  it('through the other intermediate of the same CA (Alpha R10 to Alpha R11): info only', () => {
    const host = new Host();
    host.saw('a2', day('2026-03-20'));
    const before = host.remembered!.certs![0]!;
    const findings = host.visit('a3', day('2026-04-10'));
    expect(findings.filter((f) => severityRank(f.severity) > severityRank('info'))).toEqual([]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-renewed']);
    // Same organisation, same root; another intermediate and another key.
    const after = certOfConnection(renewalTls('a3'), day('2026-04-10'))!;
    expect(after.root).toBe(before.root);
    expect(after.key).not.toBe(before.key);
    expect(renewalCerts('a3')[1]!.spkiSha256).not.toBe(renewalCerts('a2')[1]!.spkiSha256);
  });
});

describe('a CDN serving several certificates for one name', () => {
  it('two Alpha keys at random: the second is a renewal once, then nothing at all', () => {
    const host = new Host();
    expect(host.judged('cdn-a1', day('2026-01-16'))).toEqual([]);
    expect(host.judged('cdn-a2', day('2026-01-16', '13:30'))).toEqual(['certificate-renewed info']);
    const order: RenewalChain[] = ['cdn-a1', 'cdn-a2', 'cdn-a2', 'cdn-a1', 'cdn-a2', 'cdn-a1'];
    const findings = order.flatMap((name, i) => host.visit(name, day(`2026-02-1${i}`)));
    expect(findings).toEqual([]);
  });

  it('two CAs (a backup CA beside the main one) both seen before: nothing at all', () => {
    const host = new Host().saw('cdn-a1', day('2026-01-20')).saw('cdn-b', day('2026-01-21'));
    host.saw('cdn-a2', day('2026-01-22'));
    const order: RenewalChain[] = [
      'cdn-a1',
      'cdn-b',
      'cdn-a2',
      'cdn-b',
      'cdn-a1',
      'cdn-a1',
      'cdn-b',
    ];
    const findings = order.flatMap((name, i) => host.visit(name, day(`2026-02-0${i + 1}`)));
    expect(findings).toEqual([]);
    // The backup CA's single certificate stays remembered while the main CA's come and go.
    expect(host.remembered!.certs!.map((c) => c.ca).sort()).toEqual([
      'Alpha Trust',
      'Alpha Trust',
      'Beta Certs Inc',
    ]);
  });

  it('the first sighting of the backup CA while the main certificate is young is the attack case', () => {
    // Nothing tells a backup CA seen for the first time from a rogue one: it is judged alike.
    const host = new Host().saw('cdn-a1', day('2026-01-20'));
    expect(host.judged('cdn-b', day('2026-01-21'))).toEqual(['certificate-changed warning']);
    expect(host.judged('cdn-b', day('2026-01-22'))).toEqual([]);
    expect(host.judged('cdn-a1', day('2026-01-23'))).toEqual([]);
  });
});

describe('another CA', () => {
  it('while the certificate it replaced was young: a warning naming both CAs and their dates', () => {
    const host = new Host();
    expect(daily(host, 'a1', '2026-01-02', '2026-01-09')).toEqual([]);
    const findings = host.visit('beta-young', day('2026-01-10'));
    const f = find(findings, 'certificate-changed')!;
    expect(f.severity).toBe('warning');
    expect(f.evidence).toMatchObject({ lifeUsed: 10, reason: 'young' });
    expect(text(f)).toBe(
      'The certificate of “shop.example” now comes from “Beta Certs Inc” (valid 2026-01-10 to ' +
        '2026-04-10). The one seen before, last on 2026-01-09 12:00 UTC, came from “Alpha Trust” ' +
        '(valid 2026-01-01 to 2026-04-01) and had used only 10% of its lifetime.',
    );
    expect(findings.map((x) => x.id)).toEqual(['certificate-changed']);
    // Notified when the person asked for warnings; not at the default (dangers only).
    expect(notified(findings, 'warning')).toEqual(['certificate-changed']);
    expect(notified(findings, DEFAULT_SETTINGS.notify)).toEqual([]);
  });

  it('when the certificate it replaced had used 95% of its life: a notice', () => {
    const host = new Host();
    host.saw('a1', day('2026-03-20')).saw('a1', day('2026-03-27', '06:00'));
    const findings = host.visit('beta-late', day('2026-03-27', '18:00'));
    const f = find(findings, 'certificate-changed')!;
    expect(f.severity).toBe('notice');
    expect(f.evidence).toMatchObject({ lifeUsed: 95, reason: 'late' });
    expect(text(f)).toBe(
      'The certificate of “shop.example” now comes from “Beta Certs Inc” (valid 2026-03-27 to ' +
        '2026-06-25). The one seen before, last on 2026-03-27 06:00 UTC, came from “Alpha Trust” ' +
        '(valid 2026-01-01 to 2026-04-01) and had used 95% of its lifetime: near or past its ' +
        'end, a change of authority is often an ordinary one.',
    );
    expect(notified(findings, 'warning')).toEqual([]);
  });

  it('the line between warning and notice is half the old certificate’s own lifetime', () => {
    const old = certOfConnection(renewalTls('a1'), day('2026-01-05'))!;
    const swap = certOfConnection(renewalTls('beta-young'), day('2026-01-10'))!;
    const { from, until } = validityOf('a1');
    const half = from + YOUNG * (until - from);
    expect(judgeCertChange(swap, [old], half - 60_000)).toMatchObject({
      kind: 'changed',
      young: true,
    });
    expect(judgeCertChange(swap, [old], half)).toMatchObject({ kind: 'changed', young: false });
  });

  it('is not judged with remembering certificates off', () => {
    const host = new Host({ ...DEFAULT_SETTINGS, rememberCertificates: false });
    host.saw('a1', day('2026-01-05'));
    expect(host.judged('beta-young', day('2026-01-10'))).toEqual([]);
  });
});

describe('a host remembered with one key, as kept before several were', () => {
  const leaf = (name: RenewalChain) => renewalCerts(name)[0]!;
  /** The record of the old format: the whole key, the whole issuer, its end; no start. */
  const legacy = (name: RenewalChain, seen: number) => ({
    [HOST]: {
      seen,
      https: seen,
      cert: {
        spki: leaf(name).spkiSha256,
        issuer: leaf(name).issuer,
        notAfter: leaf(name).notAfter,
      },
    },
  });

  it('is read as one certificate: its key shortened, its CA from the issuer', () => {
    const seen = day('2026-01-20');
    const host = new Host().restore(legacy('a1', seen));
    expect(leaf('a1').issuer).toBe('CN=Alpha R10,O=Alpha Trust,C=US');
    expect(host.remembered).toEqual({
      seen,
      https: seen,
      certs: [
        {
          key: shortKey(leaf('a1').spkiSha256!),
          ca: 'Alpha Trust',
          until: validityOf('a1').until,
          seen,
        },
      ],
    });
  });

  it('the same key again: nothing', () => {
    const host = new Host().restore(legacy('a1', day('2026-01-20')));
    expect(host.visit('a1', day('2026-01-21'))).toEqual([]);
    // And the new form written, the certificate now with its start.
    expect(host.remembered!.certs).toEqual([
      expect.objectContaining({
        key: shortKey(leaf('a1').spkiSha256!),
        from: validityOf('a1').from,
      }),
    ]);
  });

  it('a new key from the same CA: certificate-renewed', () => {
    const host = new Host().restore(legacy('a1', day('2026-02-28')));
    const findings = host.visit('a2', day('2026-03-02'));
    expect(findings.map((f) => `${f.id} ${f.severity}`)).toEqual(['certificate-renewed info']);
    expect(text(findings[0]!)).toBe(
      '“shop.example” has a new certificate from the same authority, Alpha Trust (valid ' +
        '2026-03-02 to 2026-05-31). The one seen before, last on 2026-02-28 12:00 UTC, was valid ' +
        '? to 2026-04-01.',
    );
  });

  it('another CA: a notice, since how long the old one was valid was not remembered', () => {
    const host = new Host().restore(legacy('a1', day('2026-01-09')));
    const f = find(host.visit('beta-young', day('2026-01-10')), 'certificate-changed')!;
    expect(f).toMatchObject({ severity: 'notice', evidence: { reason: 'unknown' } });
    expect(text(f)).toMatch(/came from “Alpha Trust”; how long it was valid was not remembered\.$/);
  });
});
