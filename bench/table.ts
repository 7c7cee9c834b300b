// The Markdown table printed after a run and shown in docs/benchmarks.md: one row per figure, a column
// per browser, the target beside it (✓ met, ✗ missed).
import type { Row } from './types';

const HEADER = ['Measure', 'Chromium', 'Firefox', 'Target'];

export function markdownTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.measure,
    r.chromium ?? r.both ?? '—',
    r.firefox ?? r.both ?? '—',
    r.target ?? '',
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, 3, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((s, i) => s.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(HEADER),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...cells.map(line),
  ].join('\n');
}
