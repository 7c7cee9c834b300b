// Certificate fields are chosen by whoever made the certificate. Control characters, bidi
// overrides and invisible characters in them could reorder or hide what the popup shows (a
// subject that reads as another site's), so they are written out as `\XX` escapes of their
// UTF-8 bytes, the escape RFC 4514 uses, and stay visible.

// By Unicode property rather than by listed ranges, so the engine's Unicode data, not a list
// kept by hand, decides what is caught: controls (Cc: C0, DEL, C1), format characters
// (Cf: soft hyphen, zero-width and bidi marks, the Arabic letter mark, tags), every default
// ignorable code point (drawn as nothing: Hangul fillers, variation selectors, the tag block),
// bidi controls, and line and paragraph separators. The `u` flag matches code points, so an
// astral character (a tag is one) is escaped whole, as four bytes, never half a surrogate pair.
// The joiner of emoji sequences and emoji variation selectors are escaped too: a certificate
// field has no business holding them, and a name that shows them is not mistaken for another.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Zl}\p{Zp}]/gu;

function escapeChar(ch: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(ch)) {
    out += `\\${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function visible(text: string): string {
  return text.replace(HIDDEN, escapeChar);
}
