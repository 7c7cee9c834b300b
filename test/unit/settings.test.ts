import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { checkPattern, isAllowlisted, MAX_PATTERNS, withPattern } from '../../src/core/allowlist';
import { renderMessage } from '../../src/core/message';
import { DEFAULT_SETTINGS, readSettings, type CoreSettings } from '../../src/core/settings';
import { MAX_SETTINGS_FILE, settingsFromFile, settingsToFile } from '../../src/core/settings-file';
import { t } from './translate';

describe('readSettings', () => {
  it('falls back to defaults for a corrupt store, field by field', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ allowlist: 'a.example', softenLoopback: false })).toEqual({
      ...DEFAULT_SETTINGS,
      softenLoopback: false,
    });
    expect(readSettings({ allowlist: ['A.example:8443', 7, '', 'x'.repeat(1000)] })).toEqual({
      ...DEFAULT_SETTINGS,
      allowlist: ['a.example:8443'],
    });
    expect(
      readSettings({ notify: 'loud', rememberDays: 0, historyDays: 12.5, alwaysInspect: 'yes' }),
    ).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ notify: 'warning', rememberDays: 30, historyDays: 0 })).toEqual({
      ...DEFAULT_SETTINGS,
      notify: 'warning',
      rememberDays: 30,
      historyDays: 0,
    });
  });

  it('never throws, whatever is stored', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const s = readSettings(raw);
        expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
      }),
    );
  });
});

describe('allowlist patterns', () => {
  it('are stored in one canonical form', () => {
    expect(checkPattern('  Example.COM:08443 ')).toEqual({ pattern: 'example.com:8443' });
    expect(checkPattern('*.Bücher.example')).toEqual({ pattern: '*.xn--bcher-kva.example' });
    expect(checkPattern('192.168.1.10:8443')).toEqual({ pattern: '192.168.1.10:8443' });
    expect(checkPattern('[::1]:8443')).toEqual({ pattern: '[::1]:8443' });
    expect(checkPattern('localhost')).toEqual({ pattern: 'localhost' });
  });

  it('say what is wrong with a bad one', () => {
    const error = (input: string): string => {
      const checked = checkPattern(input);
      if (!('error' in checked)) throw new Error(`${input} was accepted`);
      return renderMessage(checked.error, t);
    };
    expect(error('')).toMatch(/Type a host/);
    expect(error('a.example:0')).toMatch(/port must be a number from 1 to 65535/);
    expect(error('a.example:99999')).toMatch(/port must be/);
    expect(error('a.*.example')).toMatch(/wildcard is allowed only at the start/);
    expect(error('https://a.example/')).toMatch(/is not a host name/);
    expect(error('a..example')).toMatch(/is not a host name/);
    expect(error('*.[::1]')).toMatch(/is not a host name/);
    expect(error('[nope]')).toMatch(/is not a host name/);
    expect(error('x'.repeat(300))).toMatch(/at most 260 characters/);
  });

  it('match host, host:port and subdomain wildcards', () => {
    expect(isAllowlisted('a.example', 8443, ['a.example'])).toBe(true);
    expect(isAllowlisted('a.example', 8443, ['a.example:8443'])).toBe(true);
    expect(isAllowlisted('a.example', 9443, ['a.example:8443'])).toBe(false);
    expect(isAllowlisted('x.a.example', 8443, ['*.a.example'])).toBe(true);
    expect(isAllowlisted('a.example', 8443, ['*.a.example'])).toBe(false);
    expect(isAllowlisted('evila.example', 8443, ['*.a.example'])).toBe(false);
    expect(isAllowlisted('[::1]', 8443, ['[::1]:8443'])).toBe(true);
    expect(isAllowlisted('[::1]', 8443, ['[::1]'])).toBe(true);
  });
});

describe('settings file', () => {
  const custom: CoreSettings = {
    ...DEFAULT_SETTINGS,
    allowlist: ['a.example:8443', '*.dev.example'],
    notify: 'warning',
    rememberDays: 90,
    historyDays: 7,
    rememberHttps: false,
  };
  const refused = (text: string): string => {
    const result = settingsFromFile(text, custom);
    if (!('error' in result)) throw new Error('the file was accepted');
    return renderMessage(result.error, t);
  };
  const file = (settings: unknown, extra: object = {}) =>
    JSON.stringify({ format: 'portwatch-settings', version: 1, settings, ...extra });

  it('round-trips what it exports', () => {
    expect(settingsFromFile(settingsToFile(custom))).toEqual({ settings: custom });
  });

  it('keeps the current value of a setting the file does not name', () => {
    expect(settingsFromFile(file({ notify: 'off' }), custom)).toEqual({
      settings: { ...custom, notify: 'off' },
    });
  });

  it('refuses a malformed, oversized or wrong-typed file, saying what is wrong', () => {
    expect(refused('{"format": ')).toBe('The file is not valid JSON.');
    expect(refused(' '.repeat(MAX_SETTINGS_FILE + 1))).toMatch(/larger than 64 KB/);
    expect(refused('[1,2]')).toMatch(/not a Portwatch settings file/);
    expect(refused(JSON.stringify({ settings: {} }))).toMatch(/not a Portwatch settings file/);
    expect(refused(file({}, { version: 9 }))).toMatch(/unknown version \(9\)/);
    expect(refused(file({ notify: 'loud' }))).toBe(
      'The setting “notify” must be off / danger / warning.',
    );
    expect(refused(file({ rememberHttps: 'yes' }))).toBe(
      'The setting “rememberHttps” must be true/false.',
    );
    expect(refused(file({ historyDays: 1000 }))).toBe(
      'The setting “historyDays” must be a whole number from 0 to 365.',
    );
    expect(refused(file({ colour: 'red' }))).toBe(
      'The file has a setting Portwatch does not know: “colour”.',
    );
    expect(refused(file({ allowlist: 'a.example' }))).toMatch(/“allowlist” must be/);
    expect(refused(file({ allowlist: ['ok.example', 'bad pattern'] }))).toMatch(
      /“bad pattern” is not a host name/,
    );
    expect(refused(file({ allowlist: Array(MAX_PATTERNS + 1).fill('a.example') }))).toMatch(
      /at most 500 patterns/,
    );
  });

  it('refuses a version of any shape, quoting it only when it is short', () => {
    // Written out, not stringified: JSON.stringify of it would overflow the stack itself.
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const nested = `{"format":"portwatch-settings","version":${deep},"settings":{}}`;
    expect(nested.length).toBeLessThanOrEqual(MAX_SETTINGS_FILE);
    expect(refused(nested)).toBe('The file is in an unknown version of the settings format.');
    expect(refused(file({}, { version: { toString: 'x' } }))).toBe(
      'The file is in an unknown version of the settings format.',
    );
    expect(refused(file({}, { version: 'x'.repeat(1000) }))).toBe(
      'The file is in an unknown version of the settings format.',
    );
    expect(refused(file({}, { version: '2.0-beta' }))).toMatch(/unknown version \(2\.0-beta\)/);
    expect(refused(file({}, { version: 1.5 }))).toMatch(/unknown version \(1\.5\)/);
  });

  it('says the file is not valid JSON when the parser gives up on its depth', () => {
    // Some engines parse recursively and throw RangeError (V8: "Maximum call stack size
    // exceeded", SpiderMonkey: "too much recursion") on deep input instead of SyntaxError.
    const parse = vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    try {
      expect(refused(`${'['.repeat(30_000)}${']'.repeat(30_000)}`)).toBe(
        'The file is not valid JSON.',
      );
    } finally {
      parse.mockRestore();
    }
  });

  it('never throws and never half-applies, whatever the file holds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.anything().map((v) => file(v)),
        ),
        (text) => {
          const result = settingsFromFile(text, custom);
          if ('settings' in result) expect(readSettings(result.settings)).toEqual(result.settings);
          // The message exists and renders (it may quote the file, "$1" and all).
          else expect(renderMessage(result.error, t)).toMatch(/\S/);
        },
      ),
    );
  });
});

describe('withPattern: adding to the allowlist, from the options page or the popup', () => {
  it('adds a checked pattern once, and leaves the list as it was when it is there', () => {
    const list = ['a.example'];
    expect(withPattern(list, 'b.example:8443')).toEqual(['a.example', 'b.example:8443']);
    expect(withPattern(list, 'a.example')).toBe(list);
    expect(list).toEqual(['a.example']);
  });
});
