import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { answer, type RequestDeps } from '../../src/background/requests';
import { fromFirefoxSecurityInfo } from '../../src/core/cert/from-firefox';
import type { TabEvent } from '../../src/core/events';
import { MAX_KNOWN_ROOTS, readKnownRoots } from '../../src/core/known-roots';
import { NO_POLICY } from '../../src/core/managed';
import { renderMessage } from '../../src/core/message';
import { buildReport } from '../../src/core/report';
import { DEFAULT_SETTINGS, readSettings, type CoreSettings } from '../../src/core/settings';
import { settingsFromFile, settingsToFile } from '../../src/core/settings-file';
import { Options } from '../../src/options/Options';
import type { OptionsHandlers } from '../../src/options/section';
import { App } from '../../src/popup/App';
import { isPageRequest, NO_MANAGED } from '../../src/shared/messages';
import { firefoxInfo } from '../fixtures/certs/firefox-info';
import { fixture } from '../fixtures/certs/load';
import { load, nextTime, run } from './events';
import { t } from './translate';

// "I know this authority": a root installed on this computer that the person knows raises no
// local-root. Offered by the popup for the root a finding names, stored by the root's key in
// the settings, listed and removable on the options page, exported with the settings.

/** A Firefox page whose chain (the test fixtures) ends at a root that does not ship with it. */
function localRootPage(url = 'https://shop.example/') {
  const events: TabEvent[] = load({ chain: [url], hsts: 'max-age=31536000' });
  const requestId = (events[0] as { requestId: string }).requestId;
  const tls = fromFirefoxSecurityInfo(
    firefoxInfo([fixture('ec-p256'), fixture('intermediate'), fixture('root')]),
  )!;
  return run([...events, { type: 'security', requestId, url, tls, time: nextTime() }]);
}
const state = localRootPage();
const root = state.page!.tls!.chain[2]!;
const ROOT = { spki: root.spkiSha256!, name: 'Portwatch Test Root CA' };
const reportWith = (settings: CoreSettings) =>
  buildReport(1, state, settings, { now: nextTime(), tlsSource: 'firefox' });

describe('a known root', () => {
  it('is offered by the report while local-root names it, and silences the finding once known', () => {
    const before = reportWith(DEFAULT_SETTINGS);
    expect(before.findings.map((f) => [f.id, f.severity])).toEqual([['local-root', 'notice']]);
    expect(before.rootCandidate).toEqual(ROOT);
    const popup = renderToString(
      <App
        report={before}
        t={t}
        handlers={{ copy: () => Promise.resolve(), knowRoot: () => Promise.resolve() }}
      />,
    );
    expect(popup).toContain('data-action="know-root"');
    expect(popup).toContain('I know this authority');
    const after = reportWith({ ...DEFAULT_SETTINGS, knownRoots: [ROOT] });
    expect(after.findings).toEqual([]);
    expect(after.rootCandidate).toBeUndefined();
    expect(after.verdict).toBe('secure');
  });

  it('is stored by the popup request, validated, once, and refused when the list is full', async () => {
    let settings = DEFAULT_SETTINGS;
    const deps = {
      settings: () => Promise.resolve(settings),
      saveSettings: (s: CoreSettings) => {
        settings = s;
        return Promise.resolve(s);
      },
      policy: () => Promise.resolve(NO_POLICY),
    } as unknown as RequestDeps;
    const request = { type: 'know-root', ...ROOT };
    expect(isPageRequest(request)).toBe(true);
    expect(isPageRequest({ ...request, spki: 'not a key' })).toBe(false);
    expect(isPageRequest({ ...request, name: 'x'.repeat(2000) })).toBe(false);
    expect(await answer(deps, request as never)).toEqual({ ok: true });
    expect(await answer(deps, request as never)).toEqual({ ok: true });
    expect(settings.knownRoots).toEqual([ROOT]);
    const key = (i: number) => `${String(i).padStart(43, 'A')}=`;
    settings = {
      ...settings,
      knownRoots: Array.from({ length: MAX_KNOWN_ROOTS }, (_, i) => ({
        spki: key(i),
        name: `R${i}`,
      })),
    };
    expect(await answer(deps, request as never)).toEqual({ ok: false });
    expect(settings.knownRoots).toHaveLength(MAX_KNOWN_ROOTS);
  });

  it('is read from storage as far as it is valid, its name as visible text', () => {
    const read = readSettings({
      knownRoots: [
        ROOT,
        ROOT,
        { spki: 'short=', name: 'bad key' },
        { spki: ROOT.spki.replace(/^./, 'Z'), name: 'a\u202Eb\u0000' },
        'junk',
      ],
    });
    expect(read.knownRoots.map((r) => r.spki)).toEqual([ROOT.spki, ROOT.spki.replace(/^./, 'Z')]);
    expect(read.knownRoots[1]!.name).not.toContain('\u202E');
    expect(read.knownRoots[1]!.name).not.toContain('\u0000');
    expect(readSettings({ knownRoots: 'x' }).knownRoots).toEqual([]);
    expect(readKnownRoots(Array(100).fill(ROOT))).toEqual([ROOT]);
  });

  it('travels in the settings file, and a bad one refuses the whole file', () => {
    const mine = { ...DEFAULT_SETTINGS, knownRoots: [ROOT] };
    expect(settingsFromFile(settingsToFile(mine))).toEqual({ settings: mine });
    const file = (knownRoots: unknown) =>
      JSON.stringify({ format: 'portwatch-settings', version: 1, settings: { knownRoots } });
    const refused = (text: string) => {
      const r = settingsFromFile(text);
      return 'error' in r ? renderMessage(r.error, t) : 'accepted';
    };
    expect(refused(file([{ spki: 'x', name: 'y' }]))).toMatch(/“knownRoots” must be/);
    expect(refused(file(Array(MAX_KNOWN_ROOTS + 1).fill(ROOT)))).toBe(
      `The list of known authorities can hold at most ${MAX_KNOWN_ROOTS} roots.`,
    );
  });

  it('is listed on the options page by name and key, each with its remove button', () => {
    const changes: Array<Partial<CoreSettings>> = [];
    const handlers = {
      change: (c: Partial<CoreSettings>) => changes.push(c),
    } as unknown as OptionsHandlers;
    const html = renderToString(
      <Options
        reply={{
          settings: { ...DEFAULT_SETTINGS, knownRoots: [ROOT] },
          debugger: 'not-offered',
          managed: NO_MANAGED,
        }}
        stats={null}
        t={t}
        handlers={handlers}
      />,
    );
    expect(html).toContain(`data-root="${ROOT.spki}"`);
    expect(html).toContain('Portwatch Test Root CA');
    expect(html).toContain(
      'aria-label="Remove Portwatch Test Root CA from the authorities you know"',
    );
    const empty = renderToString(
      <Options
        reply={{ settings: DEFAULT_SETTINGS, debugger: 'not-offered', managed: NO_MANAGED }}
        stats={null}
        t={t}
        handlers={handlers}
      />,
    );
    expect(empty).toContain('None yet.');
  });
});
