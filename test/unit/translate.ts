import { readFileSync } from 'node:fs';
import type { Translate } from '../../src/core/message';

// chrome.i18n.getMessage over the real English messages.json: $1…$9 substituted, $$ a dollar.
// Throws on a missing key, so a test fails where a user would see a gap.

const messages = JSON.parse(
  readFileSync(new URL('../../src/_locales/en/messages.json', import.meta.url), 'utf8'),
) as Record<string, { message: string }>;

export const t: Translate = (key, subs = []) => {
  const entry = messages[key];
  if (!entry) throw new Error(`missing message ${key}`);
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) =>
    d === '$' ? '$' : (subs[Number(d) - 1] ?? ''),
  );
};
