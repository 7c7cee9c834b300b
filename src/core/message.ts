// A localisable sentence: a message id from _locales plus its substitutions ($1…$9), which may
// themselves be messages (a port's service name, say). The core decides which sentence and with
// what; the views only look the words up.

export type Sub = string | Message;

export interface Message {
  key: string;
  subs?: Sub[];
}

/** Looks a message up: `browser.i18n.getMessage` in the extension, the JSON file in tests. */
export type Translate = (key: string, subs?: string[]) => string;

export function msg(key: string, ...subs: Array<string | number | Message>): Message {
  if (subs.length === 0) return { key };
  return { key, subs: subs.map((s) => (typeof s === 'number' ? String(s) : s)) };
}

export function renderMessage(m: Message, t: Translate): string {
  const subs = m.subs?.map((s) => (typeof s === 'string' ? s : renderMessage(s, t)));
  return subs === undefined ? t(m.key) : t(m.key, subs);
}
