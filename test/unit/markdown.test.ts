import { describe, expect, it } from 'vitest';
import { mdText } from '../../src/core/markdown';

describe('mdText', () => {
  it('escapes every character that opens a construct', () => {
    expect(mdText('\\`*_~[]<>|$')).toBe('\\\\\\`\\*\\_\\~\\[\\]\\<\\>\\|\\$');
  });

  it('shows bidirectional controls rather than obeying them', () => {
    expect(mdText('a\u202Eb\u2066c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('leaves plain URLs and ampersands readable', () => {
    expect(mdText('https://a.example/p?x=1&y=2')).toBe('https://a.example/p?x=1&y=2');
  });
});
