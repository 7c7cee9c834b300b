import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markAlerted, MAX_NOTED, newAlerts } from '../../src/core/alerts';
import type { TabEvent } from '../../src/core/events';
import {
  dayKey,
  filterHistory,
  historyEntry,
  historyToCsv,
  historyToJson,
  isKeptDay,
  MAX_HISTORY,
  MAX_HISTORY_BYTES,
  MAX_PER_DAY,
  readDay,
  type HistoryEntry,
} from '../../src/core/history';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS, type NotifyLevel } from '../../src/core/settings';
import type { TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { load, nextTime, resource, run, ids_ } from './events';
import { t } from './translate';

// Which findings become a notification or a history line, and the history itself, from real
// event sequences through the real reducer and report.

const DAY = 86_400_000;

const settled = (url: string): TabEvent => ({ type: 'settled', url, time: nextTime() });

/** An https page that redirects to http: a danger (downgrade) and a warning (insecure page). */
const downgrade = () => load({ chain: ['https://a.example/', 'http://a.example/'] });

function alertsOf(state: TabState, level: NotifyLevel = 'danger', logging = true) {
  const report = buildReport(1, state, DEFAULT_SETTINGS);
  return newAlerts(state.page, report.findings, level, logging);
}

describe('alerts', () => {
  it('wait until the load has settled', () => {
    const loading = run(downgrade());
    expect(alertsOf(loading)).toEqual({ notify: [], log: [] });
    const done = run([settled('http://a.example/')], loading);
    expect(ids_(alertsOf(done).notify)).toEqual(['downgrade-redirect']);
    expect(ids_(alertsOf(done).log)).toEqual(['downgrade-redirect', 'insecure-page']);
  });

  it('follow the level: off, danger only, warning and above', () => {
    const done = run([...downgrade(), settled('http://a.example/')]);
    expect(alertsOf(done, 'off').notify).toEqual([]);
    expect(ids_(alertsOf(done, 'warning').notify)).toEqual(['downgrade-redirect', 'insecure-page']);
  });

  it('come once per kind per page, through storage, and again on the next page', () => {
    const done = run([...downgrade(), settled('http://a.example/')]);
    const after = markAlerted(done, alertsOf(done, 'warning'));
    const stored = readTabState(JSON.parse(JSON.stringify(after)));
    expect(stored).toEqual(after);
    // A second mixed-content resource on the same page: nothing new.
    const more = run([resource('http://a.example/x.js', 'other')], stored);
    expect(alertsOf(more, 'warning')).toEqual({ notify: [], log: [] });
    const next = run(
      [...downgrade(), settled('http://a.example/')],
      run([...load({ chain: ['https://b.example/'] })], more),
    );
    expect(ids_(alertsOf(next).notify)).toEqual(['downgrade-redirect']);
  });

  it('are bounded per page', () => {
    const done = run([...downgrade(), settled('http://a.example/')]);
    let state = done;
    for (let i = 0; i < 100; i++) {
      state = markAlerted(state, {
        notify: [],
        log: [{ ...alertsOf(done).log[0]!, evidence: { url: `https://x${i}.example/` } }],
      });
    }
    expect(state.page?.logged).toHaveLength(MAX_NOTED);
  });

  it('never notify or log when the history keeps nothing and notifications are off', () => {
    const done = run([...downgrade(), settled('http://a.example/')]);
    expect(alertsOf(done, 'off', false)).toEqual({ notify: [], log: [] });
  });
});

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
    expect(lines[0]).toBe('time,page,host,finding,severity,title,detail');
    expect(lines[1]).toMatch(
      /^2026-11-30T12:00:00\.000Z,http:\/\/a\.example\/,a\.example,downgrade-redirect,danger,Redirected from HTTPS to HTTP,/,
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")",'+1,`);
    expect(JSON.parse(historyToJson([e]))).toEqual({ format: 'portwatch-history', entries: [e] });
  });

  it(`stays under ${MAX_HISTORY_BYTES / 1048576} MB full, every entry at its longest`, () => {
    const wide = '証'.repeat(2000);
    const worst = historyEntry(
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
      T,
    );
    const day = readDay(Array(MAX_PER_DAY).fill(worst));
    const days = Math.ceil(MAX_HISTORY / MAX_PER_DAY);
    const bytes = days * Buffer.byteLength(`history:2026-11-30${JSON.stringify(day)}`);
    expect(day).toHaveLength(MAX_PER_DAY);
    expect(bytes).toBeLessThanOrEqual(MAX_HISTORY_BYTES);
    // The finding, its page and time survive the cut.
    expect(day[0]).toMatchObject({ id: 'mixed-content', severity: 'warning', time: T });
    expect(day[0]!.page.startsWith('https://証')).toBe(true);
  });

  it('reads a stored day as far as it is valid, bounding what a page put in it', () => {
    const e = entry('downgrade-redirect', 'a.example', T);
    const long = { ...e, page: `https://a.example/${'x'.repeat(5000)}` };
    const day = readDay([e, null, { ...e, id: 'made-up' }, { ...e, time: 'noon' }, long]);
    expect(day).toHaveLength(2);
    expect(day[1]!.page.length).toBeLessThanOrEqual(200);
    fc.assert(fc.property(fc.anything(), (v) => void readDay(v)));
  });
});
