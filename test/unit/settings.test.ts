import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isAllowlisted, readSettings } from '../../src/core/settings';

describe('readSettings', () => {
  it('falls back to defaults for a corrupt store, field by field', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('garbage')).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ allowlist: 'a.example', softenLoopback: false })).toEqual({
      allowlist: [],
      softenLoopback: false,
    });
    expect(readSettings({ allowlist: ['A.example:8443', 7, '', 'x'.repeat(1000)] })).toEqual({
      allowlist: ['a.example:8443'],
      softenLoopback: true,
    });
  });
});

describe('isAllowlisted', () => {
  it('matches host, host:port and subdomain wildcards', () => {
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
