import { renderMessage, type Message, type Translate } from './message';
import { bound } from './text';

// Untrusted text written into Markdown (a copied report): one line, bounded, with every
// character that could open a Markdown construct, hide a line or reorder text escaped.

/** Longest untrusted value (URL, host, error) written into a copied report. */
export const MAX_MD_TEXT = 512;
/** Most items of any one list (URLs, hops, origins) written into a copied report. */
export const MAX_MD_ITEMS = 50;

// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const LINE_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidirectional controls can make text read differently from what it is ("Trojan Source"). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters that open Markdown (or GitHub's math) constructs, or end a table cell. */
const MD_SPECIAL = /[\\`*_~[\]<>|$]/g;
/** An ampersand that would be read as a character reference (`&lt;`) rather than shown. */
const ENTITY_START = /&(?=#?[a-z0-9]+;)/gi;

/**
 * Makes text safe as inline Markdown, in a paragraph, list item or table cell: one line, every
 * special character shown as itself, at most `max` characters before escaping.
 */
export function mdText(text: string, max = MAX_MD_TEXT): string {
  return bound(text, max)
    .replace(LINE_BREAKS, ' ')
    .replace(BIDI_CONTROLS, '\uFFFD')
    .replace(MD_SPECIAL, '\\$&')
    .replace(ENTITY_START, '\\&');
}

/** Bounds every untrusted substitution of a message, however deeply nested. */
export function boundSubs(m: Message): Message {
  if (!m.subs) return m;
  return {
    key: m.key,
    subs: m.subs.map((s) => (typeof s === 'string' ? bound(s, MAX_MD_TEXT) : boundSubs(s))),
  };
}

/** A message rendered as one line of Markdown: its substitutions are untrusted, so all is escaped. */
export function mdMessage(m: Message, t: Translate): string {
  return mdText(renderMessage(boundSubs(m), t), 4 * MAX_MD_TEXT);
}

export function mdList(ms: readonly Message[], t: Translate): string {
  return ms.map((m) => mdMessage(m, t)).join(', ');
}

export function mdWith(value: string, notes: readonly Message[], t: Translate): string {
  return notes.length === 0 ? mdText(value) : `${mdText(value)} (${mdList(notes, t)})`;
}

export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function table(head: readonly string[], rows: readonly string[][]): string[] {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)];
}
