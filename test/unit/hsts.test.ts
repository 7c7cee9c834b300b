import { describe, expect, it } from 'vitest';
import { parseHsts } from '../../src/core/hsts';

describe('parseHsts', () => {
  it('reads max-age, includeSubDomains and preload in any case and order', () => {
    expect(parseHsts('max-age=31536000; includeSubDomains; preload')).toEqual({
      maxAge: 31536000,
      includeSubDomains: true,
      preload: true,
    });
    expect(parseHsts(' PRELOAD ;Max-Age="600"')).toEqual({
      maxAge: 600,
      includeSubDomains: false,
      preload: true,
    });
  });

  it('rejects headers a browser would ignore', () => {
    for (const bad of [
      '',
      'includeSubDomains',
      'max-age=',
      'max-age=-1',
      'max-age=1e9',
      'max-age=1; max-age=2',
    ]) {
      expect(parseHsts(bad)).toBeNull();
    }
  });
});
