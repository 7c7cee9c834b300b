import { describe, expect, it } from 'vitest';
import { DAYS, simulateYear, type Pattern } from '../sim/renewal-year';

// A year of renewals, rotations, CDNs and CA moves on 50 hosts, through the real core
// (test/sim/renewal-year.ts; its figures as a table: test/sim/print-renewal-year.ts). The rule
// must stay quiet on all of it, and warn on every attack injected.

const figures = simulateYear();
const patterns = Object.keys(figures.byPattern) as Pattern[];
const warnings = figures.benignAlarms.filter((a) => a.severity !== 'notice');

/**
 * What the rule cannot tell from an attack: a CDN's backup CA the browser has never seen for the
 * host, served while the main CA's certificate is young. Nothing in the certificate says the
 * backup is the site's own; it warns once per host, the first time, and never again.
 */
const firstBackupSighting = (a: (typeof warnings)[number]) =>
  a.pattern === 'cdn-backup' && a.firstOfCa;

describe('a simulated year of certificate renewals', () => {
  it('visits every host once a day, with each pattern renewing at least once', () => {
    expect(figures.visits).toBe(figures.hosts * DAYS);
    for (const pattern of patterns) {
      const p = figures.byPattern[pattern];
      expect(p.visits, pattern).toBe(p.hosts * DAYS);
      expect(p.rule.info ?? 0, pattern).toBeGreaterThan(0);
    }
  });

  it('raises no benign warning, but the first sighting of a CDN’s backup CA', () => {
    expect(warnings.filter((a) => !firstBackupSighting(a))).toEqual([]);
    for (const pattern of patterns.filter((p) => p !== 'cdn-backup'))
      expect(figures.byPattern[pattern].rule.warning ?? 0, pattern).toBe(0);
    const warnedHosts = warnings.map((a) => a.host);
    expect(new Set(warnedHosts).size).toBe(warnedHosts.length);
    expect(figures.benignWarnings).toBe(warnings.length);
  });

  it('notifies of nothing benign at notify = warning, but that same first sighting', () => {
    for (const pattern of patterns.filter((p) => p !== 'cdn-backup'))
      expect(figures.byPattern[pattern].notifications, pattern).toBe(0);
    expect(figures.benignNotifications).toBe(warnings.filter(firstBackupSighting).length);
  });

  it('gives a notice only where a host shows a CA it had not shown before', () => {
    const notices = figures.benignAlarms.filter((a) => a.severity === 'notice');
    expect(notices.length).toBe(figures.benignNotices);
    expect(notices.filter((a) => !a.firstOfCa)).toEqual([]);
    expect(notices.filter((a) => a.pattern !== 'move-ca' && a.pattern !== 'cdn-backup')).toEqual(
      [],
    );
  });

  it('warns of, and notifies, every attack injected', () => {
    expect(figures.caAttacks.count).toBe(figures.hosts);
    expect(figures.proxyAttacks.count).toBe(figures.hosts);
    expect(figures.attacks).toBe(figures.caAttacks.count + figures.proxyAttacks.count);
    expect(figures.attacksWarned).toBe(figures.attacks);
    expect(figures.attacksNotified).toBe(figures.attacks);
  });

  it('is the same year on every run (seeded)', () => {
    expect(simulateYear()).toEqual(figures);
  });
});
