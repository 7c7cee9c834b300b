import { findingText } from './finding-text';
import {
  FINDING_IDS,
  SEVERITIES,
  severityRank,
  type Evidence,
  type Finding,
  type FindingId,
  type Severity,
} from './findings';
import { renderMessage, type Translate } from './message';
import { bound } from './text';
import { hostDisplay, parseUrl } from './url';
import { DAY_MS } from './time';

// The history: every finding raised, with its page, time and evidence, kept in storage.local
// by day (`history:YYYY-MM-DD`), so adding one rewrites one day and forgetting old ones drops
// whole days. Bounded in days (the person's setting) and in entries (MAX_HISTORY, oldest day
// first); every field bounded, so its size is too. What one day holds, and how repeats merge, is
// history-day.ts (the background's; the history page needs none of it).

export const MAX_HISTORY = 2000;
const MAX_TEXT = 300;
const MAX_PAGE = 200;
const MAX_HOST = 100;
const MAX_LIST = 5;
/** An entry's JSON size in UTF-8 bytes (as storage counts it) above which its evidence is cut. */
const MAX_ENTRY = 1400;
/**
 * What the whole history can take in storage, JSON in UTF-8, with every entry at its bound in
 * 3-byte characters: test/unit/history.test.ts fills it and measures.
 */
export const MAX_HISTORY_BYTES = 3 * 1024 * 1024;

export interface HistoryEntry {
  /** Epoch ms the finding was last raised (that day, on that host). */
  time: number;
  /** Epoch ms it was first raised that day, on that host. */
  first: number;
  /** How many times it was raised that day, on that host: 1 for entries stored before counts. */
  count: number;
  /** The page it was raised on. */
  page: string;
  host: string;
  id: FindingId;
  severity: Severity;
  evidence: Evidence;
}

export const dayKey = (time: number): string =>
  `history:${new Date(time).toISOString().slice(0, 10)}`;

/** The day keys that are kept at `now` for `days` days (today counts as one). */
export function isKeptDay(key: string, now: number, days: number): boolean {
  const day = Date.parse(`${key.slice('history:'.length)}T00:00:00Z`);
  if (!Number.isFinite(day)) return false;
  return days > 0 && day > now - days * DAY_MS;
}

type Obj = Record<string, unknown>;

/** Date's range: a time outside it makes toISOString throw, and would blank the page. */
const MAX_TIME = 8.64e15;

/** A time as Date.now() gives it: whole milliseconds within Date's range. */
export function isHistoryTime(v: unknown): v is number {
  return Number.isSafeInteger(v) && Math.abs(v as number) <= MAX_TIME;
}

const readCount = (v: unknown): number =>
  Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : 1;

/** When it was first raised: never after its last time; the last time when unknown. */
const readFirst = (v: unknown, time: number): number =>
  isHistoryTime(v) ? Math.min(v, time) : time;

/** The evidence as kept: each field of the known shape, bounded; anything else dropped. */
function boundedEvidence(e: unknown): Evidence {
  if (typeof e !== 'object' || e === null) return {};
  const out: Obj = {};
  for (const [key, value] of Object.entries(e as Obj).slice(0, 40)) {
    if (typeof value === 'string') out[key] = bound(value, MAX_TEXT);
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    else if (typeof value === 'boolean' || value === null) out[key] = value;
    else if (Array.isArray(value))
      out[key] = value
        .filter((v): v is string => typeof v === 'string')
        .slice(0, MAX_LIST)
        .map((v) => bound(v, MAX_TEXT));
  }
  return out as Evidence;
}

const utf8 = new TextEncoder();
const size = (entry: HistoryEntry): number => utf8.encode(JSON.stringify(entry)).length;

/**
 * Keeps an entry within MAX_ENTRY, cutting its evidence down in steps: first the URL lists,
 * then every text to a short prefix and the fields to the first twelve, then all of it (the
 * finding, its page and time stay: that is what a history is for).
 */
export function fit(entry: HistoryEntry): HistoryEntry {
  if (size(entry) <= MAX_ENTRY) return entry;
  const scalars = Object.entries(entry.evidence).filter(([, v]) => !Array.isArray(v));
  const noLists = { ...entry, evidence: Object.fromEntries(scalars) as Evidence };
  if (size(noLists) <= MAX_ENTRY) return noLists;
  const short = scalars
    .slice(0, 12)
    .map(([k, v]) => [k, typeof v === 'string' ? bound(v, 40) : v] as const);
  const brief = { ...noLists, evidence: Object.fromEntries(short) as Evidence };
  return size(brief) <= MAX_ENTRY ? brief : { ...entry, evidence: {} };
}

/** The page's host as people should read it; too long for both forms, the punycode (the truth). */
function hostOfPage(pageUrl: string): string {
  const url = parseUrl(pageUrl);
  if (!url) return '';
  const display = hostDisplay(url);
  return display.length <= MAX_HOST ? display : url.host;
}

export function historyEntry(f: Finding, pageUrl: string, time: number): HistoryEntry {
  return fit({
    time,
    first: time,
    count: 1,
    page: bound(pageUrl, MAX_PAGE),
    // A look-alike keeps its punycode beside the Unicode form (url.ts hostDisplay).
    host: bound(hostOfPage(pageUrl), MAX_HOST),
    id: f.id,
    severity: f.severity,
    evidence: boundedEvidence(f.evidence),
  });
}

export function readHistoryEntry(v: unknown): HistoryEntry | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Obj;
  if (!isHistoryTime(e.time)) return undefined;
  if (typeof e.page !== 'string' || typeof e.host !== 'string') return undefined;
  if (!FINDING_IDS.includes(e.id as FindingId)) return undefined;
  if (!SEVERITIES.includes(e.severity as Severity)) return undefined;
  return fit({
    time: e.time,
    first: readFirst(e.first, e.time),
    count: readCount(e.count),
    page: bound(e.page, MAX_PAGE),
    host: bound(e.host, MAX_HOST),
    id: e.id as FindingId,
    severity: e.severity as Severity,
    evidence: boundedEvidence(e.evidence),
  });
}

export interface HistoryFilter {
  /** The least severity shown. */
  severity: Severity;
  /** Part of the host, any case; empty shows every host. */
  host: string;
}

export const ALL_FINDINGS: HistoryFilter = { severity: 'info', host: '' };

/**
 * The entries that can be shown: the page and its exports write each time as a date, and one
 * impossible time must not blank them all (the background's reading drops those already).
 */
const showable = (entries: readonly HistoryEntry[]): HistoryEntry[] =>
  entries.filter((e) => isHistoryTime(e.time) && isHistoryTime(e.first));

/** The entries the filter keeps, newest first. */
export function filterHistory(entries: readonly HistoryEntry[], filter: HistoryFilter) {
  const min = severityRank(filter.severity);
  const host = filter.host.trim().toLowerCase();
  return showable(entries)
    .filter((e) => severityRank(e.severity) >= min && (host === '' || e.host.includes(host)))
    .sort((a, b) => b.time - a.time);
}

/** What the person reads for an entry: the finding's title and detail, in their language. */
export function entryText(e: HistoryEntry, t: Translate): { title: string; detail: string } {
  const text = findingText({
    id: e.id,
    severity: e.severity,
    evidence: e.evidence,
    allowlisted: false,
    softened: false,
  });
  return { title: renderMessage(text.title, t), detail: renderMessage(text.detail, t) };
}

export function historyToJson(entries: readonly HistoryEntry[]): string {
  const shown = showable(entries);
  return `${JSON.stringify({ format: 'portwatch-history', entries: shown }, null, 2)}\n`;
}

/**
 * RFC 4180 CSV. A cell starting with = + - @ (or a tab or carriage return) is prefixed with '
 * so a spreadsheet shows it as text rather than running it: URLs and evidence are
 * attacker-controlled.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A time as ISO 8601 in UTC; only for a time showable() let through (it throws otherwise). */
const iso = (time: number): string => new Date(time).toISOString();

export function historyToCsv(entries: readonly HistoryEntry[], t: Translate): string {
  // count and first last: the columns before them keep their places from before counts.
  const head = ['time', 'page', 'host', 'finding', 'severity', 'title', 'detail', 'count', 'first'];
  const rows = showable(entries).map((e) => {
    const { title, detail } = entryText(e, t);
    return [
      iso(e.time),
      e.page,
      e.host,
      e.id,
      e.severity,
      title,
      detail,
      String(e.count),
      iso(e.first),
    ];
  });
  return `${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
