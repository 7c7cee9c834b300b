import { fit, readHistoryEntry, type HistoryEntry } from './history';
import { siteOf } from './site';
import { parseUrl } from './url';

// One day of the history (`history:YYYY-MM-DD`), as the background writes it. A finding repeated
// on one host in one day is one entry with a count: a page raising it on every load (a redirect
// loop) cannot fill the day; and one site keeps at most PER_SITE_PER_DAY entries a day, however
// many hosts it has. Apart from history.ts because the site needs the public-suffix list, which
// the history page, importing history.ts, would otherwise carry.

/** One day's bucket is cut to this many (a page raising findings in a loop must not fill it). */
export const MAX_PER_DAY = 500;
/**
 * One site's entries in one day: a site on wildcard DNS (`a1.evil.example`, `a2.evil.example`…)
 * raises the same finding on a new host at every load, so repeats never merge; past this, its
 * oldest go, and the day keeps room for other sites.
 */
export const PER_SITE_PER_DAY = 50;
/** Entries that are repeats of one another: one finding, at one severity, on one host. */
const repeatKey = (e: HistoryEntry): string => JSON.stringify([e.host, e.id, e.severity]);

/** Two repeats as one: the latest's page and evidence, the earliest first time, both counts. */
function merged(a: HistoryEntry, b: HistoryEntry): HistoryEntry {
  const latest = b.time >= a.time ? b : a;
  return fit({
    ...latest,
    first: Math.min(a.first, b.first),
    count: Math.min(a.count + b.count, Number.MAX_SAFE_INTEGER),
  });
}

/** The site (registrable domain) an entry belongs to, from its page's host. */
function siteOfEntry(e: HistoryEntry): string {
  return siteOf(parseUrl(e.page)?.host ?? e.host);
}

/** The entries with at most PER_SITE_PER_DAY of each site: the latest of each, in order. */
function capPerSite(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const perSite = new Map<string, number>();
  const kept: HistoryEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const site = siteOfEntry(entries[i]!);
    const n = perSite.get(site) ?? 0;
    if (n >= PER_SITE_PER_DAY) continue;
    perSite.set(site, n + 1);
    kept.push(entries[i]!);
  }
  return kept.reverse();
}

/**
 * A day's entries with `added` counted in: each repeat joins its entry, which moves to the end,
 * so the cuts (PER_SITE_PER_DAY, MAX_PER_DAY) forget what was raised longest ago.
 */
export function addToDay(
  day: readonly HistoryEntry[],
  added: readonly HistoryEntry[],
): HistoryEntry[] {
  const byFinding = new Map<string, HistoryEntry>();
  for (const e of [...day, ...added]) {
    const key = repeatKey(e);
    const before = byFinding.get(key);
    byFinding.delete(key);
    byFinding.set(key, before ? merged(before, e) : e);
  }
  return capPerSite([...byFinding.values()]).slice(-MAX_PER_DAY);
}

/**
 * A stored day, validated: bad entries dropped, repeats counted together (days stored before
 * counts hold each repeat apart), at most MAX_PER_DAY.
 */
export function readDay(raw: unknown): HistoryEntry[] {
  if (!Array.isArray(raw)) return [];
  const valid: HistoryEntry[] = [];
  for (const v of raw.slice(-MAX_PER_DAY)) {
    const entry = readHistoryEntry(v);
    if (entry) valid.push(entry);
  }
  return addToDay([], valid);
}
