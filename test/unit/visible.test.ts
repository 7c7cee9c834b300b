import { describe, expect, it } from 'vitest';
import { visible } from '../../src/core/cert/visible';

// Text a certificate's maker chose, as the popup shows it: every character that could hide,
// reorder or fake what is shown becomes the `\XX` escapes of its UTF-8 bytes (RFC 4514's
// escape); ordinary text in any script stays as written.

/** The escape of one character, from Node's own UTF-8 encoder. */
function escaped(ch: string): string {
  return [...Buffer.from(ch, 'utf8')]
    .map((b) => `\\${b.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

const codePoints = (from: number, to: number): string =>
  String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i));

describe('visible', () => {
  it.each([
    ['U+061C ARABIC LETTER MARK (bidi control)', '\u061C'],
    ['U+00AD SOFT HYPHEN (invisible)', '\u00AD'],
    ['U+180E MONGOLIAN VOWEL SEPARATOR (format)', '\u180E'],
    ['U+3164 HANGUL FILLER (blank letter)', '\u3164'],
    ['U+115F HANGUL CHOSEONG FILLER (blank letter)', '\u115F'],
    ['U+FFA0 HALFWIDTH HANGUL FILLER (blank letter)', '\uFFA0'],
    ['U+2029 PARAGRAPH SEPARATOR', '\u2029'],
    ['U+E0001 LANGUAGE TAG', '\u{E0001}'],
    ['U+E0000 (a tag block code point)', '\u{E0000}'],
  ])('escapes %s', (_, ch) => {
    expect(visible(`bank${ch}.example`)).toBe(`bank${escaped(ch)}.example`);
  });

  it('escapes every tag character whole, never half of its surrogate pair', () => {
    const tags = codePoints(0xe0000, 0xe007f);
    const out = visible(tags);
    expect(out).toBe([...tags].map(escaped).join(''));
    expect(out).toMatch(/^(\\F3\\A0\\8[01]\\[89AB][0-9A-F]){128}$/);
  });

  it('shows the tags hidden in a flag emoji, and keeps the flag', () => {
    // England's flag: a black flag, the tags "gbeng", a cancel tag.
    const flag = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    expect(visible(flag)).toBe(`\u{1F3F4}${[...flag].slice(1).map(escaped).join('')}`);
  });

  it('still escapes controls, bidi overrides and isolates, zero-width characters and the BOM', () => {
    const hidden = ['\u0000', '\u001F', '\u007F', '\u0085', '\u200B', '\u202E', '\u2066', '\u2069'];
    for (const ch of [...hidden, '\uFEFF', '\u2028']) {
      expect(visible(`a${ch}b`)).toBe(`a${escaped(ch)}b`);
    }
  });

  it('leaves ordinary text alone in any script: accents, Arabic, Hebrew, CJK, Hangul, emoji', () => {
    const ordinary = [
      'Bücher GmbH',
      'شركة الاتصالات السعودية',
      'חברת החשמל לישראל בע"מ',
      '日本電信電話株式会社',
      '한국전력공사',
      'Ünïcödé Façade 🙂 CA',
      "R3, Let's Encrypt, O=ISRG (US)",
    ];
    for (const text of ordinary) expect(visible(text)).toBe(text);
  });

  it('escapes the joiner inside an emoji sequence: it belongs in no certificate field', () => {
    expect(visible('\u{1F469}\u200D\u{1F4BB}')).toBe(`\u{1F469}${escaped('\u200D')}\u{1F4BB}`);
  });
});
