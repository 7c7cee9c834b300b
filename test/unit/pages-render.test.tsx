import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { historyEntry, type HistoryEntry } from '../../src/core/history';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { History, type HistoryHandlers } from '../../src/history/History';
import { Options } from '../../src/options/Options';
import { NOOP_OPTIONS_HANDLERS } from './options-handlers';
import { NO_MANAGED, type SettingsReply } from '../../src/shared/messages';
import { NoAnswer } from '../../src/ui/NoAnswer';
import { load, run } from './events';
import { t } from './translate';

// The options and history pages as they render, from real settings and real history entries,
// worded from the real messages.json: what each control says, and that hostile text stays text.

const noop = () => undefined;

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('options page', () => {
  const reply = (debugger_: SettingsReply['debugger']): SettingsReply => ({
    settings: { ...DEFAULT_SETTINGS, allowlist: ['a.example:8443', '*.dev.example'] },
    debugger: debugger_,
    managed: NO_MANAGED,
  });

  it('shows every setting with its current value', () => {
    const html = renderToString(
      <Options
        reply={reply('not-offered')}
        stats={{ hosts: 12, https: 10, certificates: 7 }}
        t={t}
        handlers={NOOP_OPTIONS_HANDLERS}
      />,
    );
    expect(html).toMatch(/<input[^>]*type="radio"[^>]*value="danger"[^>]*checked/);
    expect(html).toContain('data-pattern="a.example:8443"');
    expect(html).toContain('data-pattern="*.dev.example"');
    expect(html).toMatch(/data-field="rememberDays"[^>]*value="365"/);
    expect(html).toMatch(/data-field="historyDays"[^>]*value="30"/);
    expect(text(html)).toContain(
      'Remembered now: 10 sites reached over HTTPS, 7 with their certificates.',
    );
    // Firefox: no debugger section at all.
    expect(html).not.toContain('data-section="debugger"');
  });

  it("offers Chrome's permission, and 'always inspect' only once it is granted", () => {
    const without = renderToString(
      <Options reply={reply('not-granted')} stats={null} t={t} handlers={NOOP_OPTIONS_HANDLERS} />,
    );
    expect(without).toContain('data-action="grant-debugger"');
    // Never a guess: a certificate not read is not compared, and the page says so.
    expect(without).toContain('data-field="certificates-need-permission"');
    expect(without).toMatch(/data-field="always-inspect"[^>]*disabled/);
    expect(text(without)).toContain('started debugging this browser');
    const granted = renderToString(
      <Options reply={reply('granted')} stats={null} t={t} handlers={NOOP_OPTIONS_HANDLERS} />,
    );
    expect(granted).toContain('data-action="remove-debugger"');
    expect(granted).not.toMatch(/data-field="always-inspect"[^>]*disabled/);
  });
});

describe('history page', () => {
  const handlers: HistoryHandlers = {
    setFilter: noop,
    exportJson: noop,
    exportCsv: noop,
    clear: noop,
  };
  const T = Date.UTC(2026, 10, 30, 9, 5);
  const state = run(load({ chain: ['https://a.example/'] }));
  const [noHsts] = buildReport(1, state, DEFAULT_SETTINGS).findings;
  const entries: HistoryEntry[] = [
    historyEntry(noHsts!, state.page!.url, T),
    // A page's URL and evidence are the attacker's words: they must render as text.
    historyEntry(
      { ...noHsts!, id: 'insecure-page', severity: 'warning', evidence: { url: '<img src=x>' } },
      'http://a.example/<img src=x onerror=alert(1)>',
      T,
    ),
  ];

  it('lists each finding with its time, severity, words and page, as text', () => {
    const html = renderToString(
      <History
        entries={entries}
        filter={{ severity: 'info', host: '' }}
        days={30}
        t={t}
        handlers={handlers}
      />,
    );
    expect(html).toContain('data-finding="no-hsts"');
    expect(text(html)).toContain('2026-11-30 09:05 UTC');
    expect(text(html)).toContain('Every finding raised in the last 30 days, newest first.');
    expect(html).toContain('data-finding="insecure-page"');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('filters by least severity, and says when the history keeps nothing', () => {
    const html = renderToString(
      <History
        entries={entries}
        filter={{ severity: 'warning', host: '' }}
        days={0}
        t={t}
        handlers={handlers}
      />,
    );
    expect(html).not.toContain('data-finding="no-hsts"');
    expect(text(html)).toContain('The history keeps nothing');
  });

  it('shows how many times a finding was raised that day, and since when', () => {
    const repeated: HistoryEntry = { ...entries[0]!, count: 3, first: T - 3_600_000 };
    const html = renderToString(
      <History
        entries={[repeated, entries[1]!]}
        filter={{ severity: 'info', host: '' }}
        days={30}
        t={t}
        handlers={handlers}
      />,
    );
    const row = (id: string) => text(html.match(new RegExp(`data-finding="${id}".*?</tr>`))![0]);
    expect(row('no-hsts')).toContain('3×');
    expect(row('no-hsts')).toContain('2026-11-30 08:05 UTC');
    expect(row('insecure-page')).toContain('1×');
    expect(text(html)).toContain('Times');
  });

  it('renders what is good when one entry has a time no Date can hold', () => {
    const broken: HistoryEntry = { ...entries[0]!, time: 8.64e15 + 1 };
    const html = renderToString(
      <History
        entries={[broken, entries[1]!]}
        filter={{ severity: 'info', host: '' }}
        days={30}
        t={t}
        handlers={handlers}
      />,
    );
    expect(html).toContain('data-finding="insecure-page"');
    expect(html).not.toContain('data-finding="no-hsts"');
    expect(text(html)).toContain('1 of 1 findings shown.');
  });
});

describe('a page the background does not answer', () => {
  it('says why it is empty and offers to ask again, instead of waiting for ever', () => {
    const html = renderToString(<NoAnswer t={t} retry={() => undefined} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain("Portwatch's background did not answer");
    expect(html).toContain('data-action="retry"');
    expect(text(html)).toContain('Try again');
  });
});
