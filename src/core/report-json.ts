import type { TabReport } from './report';

/**
 * The report as pretty JSON. `<`, `>` and the JavaScript line separators are written as escapes
 * (still the same JSON), so the text stays inert if someone pastes it into HTML or a script.
 */
export function reportToJson(report: TabReport, version?: string): string {
  const doc = { generator: 'Portwatch', ...(version !== undefined ? { version } : {}), ...report };
  return JSON.stringify(doc, null, 2).replace(
    /[<>\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
