// Certificate fields are chosen by whoever made the certificate. Control characters, bidi
// overrides and invisible characters in them could reorder or hide what the popup shows (a
// subject that reads as another site's), so they are written out as `\XX` escapes of their
// UTF-8 bytes, the escape RFC 4514 uses, and stay visible.

// C0 and C1 controls, DEL, zero-width and bidi formatting characters, BOM, line separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

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
