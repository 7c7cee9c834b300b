import { DAY_MS } from '../../src/core/time';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayKey,
  filterHistory,
  historyEntry,
  historyToCsv,
  historyToJson,
  isKeptDay,
  MAX_HISTORY,
  MAX_HISTORY_BYTES,
  type HistoryEntry,
} from '../../src/core/history';
import { MAX_PER_DAY, readDay } from '../../src/core/history-day';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { load, run, ids_ } from './events';
import { t } from './translate';

// The history itself: entries from real findings, kept by day and bounded, exported as CSV.

const DAY = DAY_MS;

/** An https page that redirects to http: a danger (downgrade) and a warning (insecure page). */
const downgrade = () => load({ chain: ['https://a.example/', 'http://a.example/'] });

describe('history', () => {
  const T = Date.UTC(2026, 10, 30, 12);
  const entry = (id: 'downgrade-redirect' | 'no-hsts', host: string, time: number) => {
    const state = run([
      ...(id === 'no-hsts' ? load({ chain: [`https://${host}/`] }) : downgrade()),
    ]);
    const f = buildReport(1, state, DEFAULT_SETTINGS).findings.find((x) => x.id === id)!;
    return historyEntry(f, state.page!.url, time);
  };

  it('keeps days within the setting, none at 0', () => {
    expect(dayKey(T)).toBe('history:2026-11-30');
    expect(isKeptDay('history:2026-11-30', T, 1)).toBe(true);
    expect(isKeptDay('history:2026-11-29', T, 1)).toBe(false);
    expect(isKeptDay('history:2026-11-01', T, 30)).toBe(true);
    expect(isKeptDay('history:2026-10-31', T, 30)).toBe(false);
    expect(isKeptDay('history:2026-11-30', T, 0)).toBe(false);
    expect(isKeptDay('history:garbage', T, 30)).toBe(false);
  });

  it('filters by least severity and by host, newest first', () => {
    const entries = [
      entry('no-hsts', 'b.example', T - 2 * DAY),
      entry('downgrade-redirect', 'a.example', T - DAY),
      entry('no-hsts', 'shop.a.example', T),
    ];
    expect(filterHistory(entries, { severity: 'info', host: '' }).map((e) => e.time)).toEqual([
      T,
      T - DAY,
      T - 2 * DAY,
    ]);
    expect(ids_(filterHistory(entries, { severity: 'danger', host: '' }))).toEqual([
      'downgrade-redirect',
    ]);
    expect(filterHistory(entries, { severity: 'info', host: 'A.EXAMPLE ' })).toHaveLength(2);
  });

  it('exports JSON and CSV that a spreadsheet cannot mistake for formulas', () => {
    const e = entry('downgrade-redirect', 'a.example', T);
    const hostile: HistoryEntry = { ...e, page: '=HYPERLINK("http://evil")', host: '+1' };
    const csv = historyToCsv([e, hostile], t);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,page,host,finding,severity,title,detail,count,first');
    expect(lines[1]).toMatch(
      /^2026-11-30T12:00:00\.000Z,http:\/\/a\.example\/,a\.example,downgrade-redirect,danger,Redirected from HTTPS to HTTP,/,
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")",'+1,`);
    expect(JSON.parse(historyToJson([e]))).toEqual({ format: 'portwatch-history', entries: [e] });
  });

  it(`stays under ${MAX_HISTORY_BYTES / 1048576} MB full, every entry at its longest`, () => {
    const wide = '証'.repeat(2000);
    // The longest times a Date can hold as JSON (whole milliseconds), and the longest count.
    const FIRST = -8.64e15;
    const LAST = FIRST + 1;
    const worst = (n: number): HistoryEntry => ({
      ...historyEntry(
        {
          id: 'mixed-content',
          severity: 'warning',
          allowlisted: false,
          softened: false,
          evidence: {
            url: `https://${wide}`,
            from: wide,
            to: wide,
            error: wide,
            urls: Array(50).fill(wide),
            chain: Array(50).fill(wide),
            certificate: wide,
            issuer: wide,
            oldIssuer: wide,
          },
        },
        `https://${wide}/`,
        LAST,
      ),
      // Every entry another host's: repeats of one would count into one entry.
      host: `${n}${wide}`,
      count: Number.MAX_SAFE_INTEGER,
      first: FIRST,
    });
    const day = readDay(Array.from({ length: MAX_PER_DAY }, (_, n) => worst(n)));
    const days = Math.ceil(MAX_HISTORY / MAX_PER_DAY);
    const bytes = days * Buffer.byteLength(`history:2026-11-30${JSON.stringify(day)}`);
    expect(day).toHaveLength(MAX_PER_DAY);
    expect(bytes).toBeLessThanOrEqual(MAX_HISTORY_BYTES);
    // The finding, its page, times and count survive the cut.
    expect(day[0]).toMatchObject({ id: 'mixed-content', severity: 'warning', time: LAST });
    expect(day[0]).toMatchObject({ count: Number.MAX_SAFE_INTEGER, first: FIRST });
    expect(day[0]!.page.startsWith('https://証')).toBe(true);
  });

  it('reads a stored day as far as it is valid, bounding what a page put in it', () => {
    const e = entry('downgrade-redirect', 'a.example', T);
    const long = { ...e, host: 'b.example', page: `https://b.example/${'x'.repeat(5000)}` };
    const day = readDay([e, null, { ...e, id: 'made-up' }, { ...e, time: 'noon' }, long]);
    expect(day).toHaveLength(2);
    expect(day[1]!.page.length).toBeLessThanOrEqual(200);
    fc.assert(fc.property(fc.anything(), (v) => void readDay(v)));
  });

  it('reads an entry stored before counts as raised once, at its time', () => {
    // As stored before counts: without the two fields.
    const old: Partial<HistoryEntry> = entry('downgrade-redirect', 'a.example', T);
    delete old.count;
    delete old.first;
    expect(readDay([old])).toEqual([{ ...old, count: 1, first: T }]);
  });

  it('counts repeats of one finding on one host in one entry, first and last time', () => {
    const at = (time: number) => entry('downgrade-redirect', 'a.example', time);
    const other = entry('no-hsts', 'b.example', T + 5);
    const day = readDay([at(T), other, at(T + 10), at(T + 20)]);
    expect(day).toHaveLength(2);
    expect(day.find((e) => e.host === 'a.example')).toMatchObject({
      count: 3,
      first: T,
      time: T + 20,
    });
    expect(day.find((e) => e.host === 'b.example')).toMatchObject({ count: 1, first: T + 5 });
  });

  it('drops an entry whose time no Date can hold, and keeps the rest', () => {
    const e = entry('downgrade-redirect', 'a.example', T);
    const good = entry('no-hsts', 'b.example', T + 1);
    const day = readDay([{ ...e, time: 8.64e15 + 1 }, good, { ...e, time: -1e300 }]);
    expect(day).toEqual([good]);
  });

  it('exports the count, and what is good when an entry has an impossible time', () => {
    const e = { ...entry('downgrade-redirect', 'a.example', T), count: 3, first: T - 60_000 };
    const broken = { ...entry('no-hsts', 'b.example', T), time: 8.64e15 + 1 };
    const csv = historyToCsv([broken, e], t).trimEnd().split('\r\n');
    expect(csv[0]).toBe('time,page,host,finding,severity,title,detail,count,first');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^2026-11-30T12:00:00\.000Z,http:\/\/a\.example\//);
    expect(csv[1]).toMatch(/,3,2026-11-30T11:59:00\.000Z$/);
    const json = JSON.parse(historyToJson([broken, e])) as { entries: HistoryEntry[] };
    expect(json.entries).toEqual([e]);
  });
});
