import { readFileSync } from 'node:fs';
import type { Translate } from '../../src/core/message';

// chrome.i18n.getMessage over the real messages.json files: $1…$9 substituted, $$ a dollar.
// Throws on a missing key, so a test fails where a user would see a gap.

function translator(lang: string): Translate {
  const messages = JSON.parse(
    readFileSync(new URL(`../../src/_locales/${lang}/messages.json`, import.meta.url), 'utf8'),
  ) as Record<string, { message: string }>;
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message ${key} (${lang})`);
    return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) =>
      d === '$' ? '$' : (subs[Number(d) - 1] ?? ''),
    );
  };
}

/** English, the default locale. */
export const t: Translate = translator('en');
/** German. */
export const de: Translate = translator('de');
