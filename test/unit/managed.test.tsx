import { readFileSync } from 'node:fs';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../src/background/history-store';
import type { HostMemoryStore } from '../../src/background/host-memory';
import { answer, type RequestDeps } from '../../src/background/requests';
import {
  applyManaged,
  keepPersonal,
  lockedKeys,
  NO_POLICY,
  readManaged,
  type ManagedPolicy,
} from '../../src/core/managed';
import {
  DEFAULT_SETTINGS,
  NOTIFY_LEVELS,
  RANGES,
  SETTING_KEYS,
  type CoreSettings,
} from '../../src/core/settings';
import { Options } from '../../src/options/Options';
import { NOOP_OPTIONS_HANDLERS } from './options-handlers';
import { App } from '../../src/popup/App';
import { isPageRequest, type PageReply, type SettingsReply } from '../../src/shared/messages';
import { policyChanges } from '../../src/shared/policy-changes';
import { manifestFor } from '../../scripts/manifest-for';
import { load, report } from './events';
import { t } from './translate';

// An organisation's policy (storage.managed): read like any untrusted data, put over the person's
// settings, never stored as theirs, and shown locked.

const ROOT = { spki: `${'B'.repeat(43)}=`, name: 'Example Corp Proxy CA' };

/** A policy as an administrator writes it: policies.json (Firefox) or a Chrome policy file. */
const POLICY = {
  allowlist: ['intranet.example:8443', 'not a pattern!', '*.build.example'],
  notify: 'warning',
  rememberHttps: false,
  historyDays: 7,
  knownRoots: [ROOT, { spki: 'short', name: 'x' }],
};

const PERSONAL: CoreSettings = {
  ...DEFAULT_SETTINGS,
  allowlist: ['mine.example:8080'],
  notify: 'off',
  rememberDays: 90,
  historyDays: 60,
};

describe('reading a policy', () => {
  it("keeps each usable value, a list's valid entries, and nothing else", () => {
    const policy = readManaged(POLICY);
    expect(policy.values).toEqual({
      allowlist: ['intranet.example:8443', '*.build.example'],
      notify: 'warning',
      rememberHttps: false,
      historyDays: 7,
      knownRoots: [ROOT],
    });
    expect(policy.ignored).toEqual([]);
  });

  it('names what it cannot use: unknown settings, wrong types, values out of range', () => {
    const policy = readManaged({
      notify: 'loud',
      historyDays: 400,
      rememberDays: '30',
      alwaysInspect: 'yes',
      allowList: ['a.example'],
      softenLoopback: false,
    });
    expect(policy.values).toEqual({ softenLoopback: false });
    expect(policy.ignored).toEqual([
      'notify',
      'historyDays',
      'rememberDays',
      'alwaysInspect',
      'allowList',
    ]);
  });

  it('is no policy when storage.managed holds no object, and bounds what it quotes back', () => {
    for (const raw of [undefined, null, 'x', 42, [], [1]])
      expect(readManaged(raw)).toEqual(NO_POLICY);
    const junk = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`${'n'.repeat(500)}${i}`, i]),
    );
    const policy = readManaged(junk);
    expect(policy.ignored).toHaveLength(20);
    for (const name of policy.ignored) expect(name.length).toBeLessThanOrEqual(64);
  });
});

describe('the settings in force', () => {
  const policy = readManaged(POLICY);

  it("are the person's with every value the policy sets over them", () => {
    const inForce = applyManaged(PERSONAL, policy);
    expect(inForce).toEqual({
      ...PERSONAL,
      allowlist: ['intranet.example:8443', '*.build.example'],
      notify: 'warning',
      rememberHttps: false,
      historyDays: 7,
      knownRoots: [ROOT],
    });
    expect(lockedKeys(policy)).toEqual([
      'allowlist',
      'notify',
      'rememberHttps',
      'historyDays',
      'knownRoots',
    ]);
    expect(applyManaged(PERSONAL, NO_POLICY)).toEqual(PERSONAL);
  });

  it("store the person's own value of a locked setting, whatever a page sends back", () => {
    // The options page sends the settings in force with one change: the policy's values in it
    // must not become the person's.
    const sent = { ...applyManaged(PERSONAL, policy), rememberDays: 30, historyDays: 1 };
    const stored = keepPersonal(sent, PERSONAL, policy);
    expect(stored).toEqual({ ...PERSONAL, rememberDays: 30 });
    // When the policy goes, the person's own settings are back.
    expect(applyManaged(stored, NO_POLICY).notify).toBe('off');
  });
});

describe("Chrome's policy schema (src/managed-schema.json)", () => {
  const schema = JSON.parse(readFileSync('src/managed-schema.json', 'utf8')) as {
    type: string;
    properties: Record<string, Record<string, unknown>>;
  };

  it('declares every setting, with the bounds the core reads it with', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(SETTING_KEYS);
    expect(schema.properties.notify!.enum).toEqual(NOTIFY_LEVELS);
    for (const key of ['rememberDays', 'historyDays'] as const) {
      expect(schema.properties[key]).toMatchObject({
        type: 'integer',
        minimum: RANGES[key].min,
        maximum: RANGES[key].max,
      });
    }
    // Every value the schema lets through is one the core reads as it is.
    expect(readManaged(POLICY).values.knownRoots).toEqual([ROOT]);
  });

  it('is named in the Chrome manifest only: Firefox reads policies without one', () => {
    const source = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;
    expect(manifestFor(source, 'chrome').storage).toEqual({
      managed_schema: 'managed-schema.json',
    });
    expect(manifestFor(source, 'firefox').storage).toBeUndefined();
  });
});

/** The background's answers with a policy in force, storing the person's settings in memory. */
function backgroundWith(policy: ManagedPolicy) {
  let personal = PERSONAL;
  const deps: RequestDeps = {
    settings: () => Promise.resolve(applyManaged(personal, policy)),
    saveSettings: (s) => {
      personal = keepPersonal(s, personal, policy);
      return Promise.resolve(applyManaged(personal, policy));
    },
    resetSettings: () => {
      personal = DEFAULT_SETTINGS;
      return Promise.resolve(applyManaged(personal, policy));
    },
    policy: () => Promise.resolve(policy),
    tlsSource: () => Promise.resolve('firefox'),
    memory: {} as HostMemoryStore,
    history: {} as HistoryStore,
    now: () => 0,
  };
  const ask = async (message: Record<string, unknown>): Promise<unknown> => {
    if (!isPageRequest(message)) throw new Error(`not a page request: ${message.type as string}`);
    return answer(deps, message);
  };
  return { ask, personal: () => personal };
}

describe('the background, with a policy in force', () => {
  it('tells the options page what is locked and what the policy could not set', async () => {
    const bg = backgroundWith(readManaged({ ...POLICY, colour: 'red' }));
    const reply = (await bg.ask({ type: 'get-settings' })) as SettingsReply;
    expect(reply.managed).toEqual({
      locked: ['allowlist', 'notify', 'rememberHttps', 'historyDays', 'knownRoots'],
      ignored: ['colour'],
    });
    expect(reply.settings.notify).toBe('warning');
  });

  it("refuses the popup's allowlist and known-root steps when the policy sets those lists", async () => {
    const bg = backgroundWith(readManaged(POLICY));
    const added = (await bg.ask({
      type: 'allowlist-add',
      input: 'other.example:8443',
    })) as PageReply<'allowlist-add'>;
    expect('error' in added && added.error.key).toBe('managed_locked');
    const root = { spki: `${'C'.repeat(43)}=`, name: 'Another CA' };
    expect(await bg.ask({ type: 'know-root', ...root })).toEqual({ ok: false });
    expect(bg.personal()).toEqual(PERSONAL);
  });

  it("keeps the person's value under a locked setting when the page or a reset writes", async () => {
    const bg = backgroundWith(readManaged(POLICY));
    const sent = { ...DEFAULT_SETTINGS, notify: 'danger', rememberDays: 10 };
    const saved = (await bg.ask({ type: 'set-settings', settings: sent })) as SettingsReply;
    expect(saved.settings.notify).toBe('warning');
    expect(saved.settings.rememberDays).toBe(10);
    expect(bg.personal().notify).toBe('off');
    const reset = (await bg.ask({ type: 'reset-settings' })) as SettingsReply;
    expect(reset.settings.historyDays).toBe(7);
    expect(bg.personal()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('the popup, with a policy in force', () => {
  it('offers no step that changes a list the organisation sets', () => {
    const events = load({ chain: ['https://a.example:8443/'], hsts: 'max-age=31536000' });
    const open = report(events);
    expect(open.allowlistCandidate).toBe('a.example:8443');
    const locked = report(events, DEFAULT_SETTINGS, {
      now: 0,
      tlsSource: 'firefox',
      locked: ['allowlist'],
    });
    expect(locked.allowlistCandidate).toBeUndefined();
    const html = renderToString(
      <App
        report={locked}
        t={t}
        handlers={{ copy: () => Promise.resolve(), allowlist: () => Promise.resolve() }}
      />,
    );
    expect(html).toContain('data-finding="nonstandard-port"');
    expect(html).not.toContain('data-action="allowlist"');
  });
});

describe('the options page, with a policy in force', () => {
  const policy = readManaged({ ...POLICY, alwaysInspect: true, colour: 'red' });
  const html = renderToString(
    <Options
      reply={{
        settings: applyManaged(PERSONAL, policy),
        debugger: 'granted',
        managed: { locked: lockedKeys(policy), ignored: policy.ignored },
      }}
      stats={null}
      t={t}
      handlers={NOOP_OPTIONS_HANDLERS}
    />,
  );

  it('says at the top that the organisation manages settings, and what it could not set', () => {
    expect(html).toContain('data-field="managed-banner"');
    expect(html).toContain('Your organisation manages some of these settings');
    expect(html).toMatch(/could not apply: colour\./);
  });

  it('marks each locked setting, its control disabled and described by the note', () => {
    for (const field of [
      'notify',
      'allowlist',
      'known-roots',
      'remember-https',
      'historyDays',
      'always-inspect',
    ]) {
      expect(html).toContain(`data-managed="${field}"`);
    }
    expect(html).toMatch(/<fieldset disabled aria-describedby="managed-notify">/);
    expect(html).toMatch(
      /<input type="checkbox" data-field="remember-https" disabled aria-describedby="managed-remember-https"/,
    );
    expect(html).toMatch(/data-field="historyDays"[^>]* value="7" disabled/);
    // The settings the policy leaves alone stay the person's to change.
    expect(html).not.toContain('data-managed="remember-certificates"');
    expect(html).not.toMatch(/data-field="rememberDays"[^>]*disabled/);
    expect(html).not.toMatch(/data-field="remember-certificates"[^>]*disabled/);
  });

  it("lists the organisation's allowlist and roots with no way to add or remove", () => {
    expect(html).toContain('data-pattern="intranet.example:8443"');
    expect(html).not.toContain('data-field="allowlist-input"');
    expect(html).not.toContain('Remove intranet.example:8443');
    expect(html).toContain(`data-root="${ROOT.spki}"`);
    expect(html).not.toContain('from the authorities you know');
  });
});

describe('where a policy change is heard', () => {
  const onChanged = { addListener: () => undefined };
  const api = (runtime: object) =>
    ({ runtime, storage: { managed: { onChanged } } }) as unknown as Parameters<
      typeof policyChanges
    >[0];

  it("is Chrome's storage.managed.onChanged, and nothing in Firefox, whose event is a stub", () => {
    expect(policyChanges(api({}))).toBe(onChanged);
    expect(policyChanges(api({ getBrowserInfo: () => Promise.resolve({}) }))).toBeUndefined();
  });
});
