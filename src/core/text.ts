// Everything that arrives from a page or a server is attacker-controlled: bound it before it is
// stored, compared or shown, so a 64 KB URL or header costs the same as a short one.

export const MAX_URL = 2048;
export const MAX_HOST = 255;
export const MAX_HEADER = 1024;
export const MAX_ERROR = 300;

const ELLIPSIS = '…';

/** Cuts `text` to at most `max` characters (UTF-16 units), marking the cut with an ellipsis. */
export function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never split a surrogate pair: half an emoji would render as a replacement box.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/** Bytes of `text` in UTF-8: what a JSON write of it costs in storage. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return n;
}

/** A URL as it is kept and compared: bounded, without its fragment (which never reaches a server). */
export function urlKey(url: string): string {
  const hash = url.indexOf('#');
  return bound(hash === -1 ? url : url.slice(0, hash), MAX_URL);
}
