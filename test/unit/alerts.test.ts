import { describe, expect, it } from 'vitest';
import { markAlerted, MAX_NOTED, newAlerts } from '../../src/core/alerts';
import type { TabEvent } from '../../src/core/events';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS, type NotifyLevel } from '../../src/core/settings';
import type { TabState } from '../../src/core/tab-state';
import { readTabState } from '../../src/core/tab-state-read';
import { load, nextTime, resource, run, ids_ } from './events';

// Which findings become a notification or a history line, from real event sequences through
// the real reducer and report.

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
