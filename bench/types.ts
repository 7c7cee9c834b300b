// What every benchmark item is: one module per item of issue 6 under bench/, each run by
// bench/main.ts when selected (`npm run bench -- --only ID,ID`). An item measures, returns a
// JSON-able result, and turns a result (fresh, or read back from bench/results.json) into rows of
// the Markdown table. Benchmarks report; a missed target is shown, never an error.

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/**
 * Thrown by an item that cannot measure what it is asked to (e.g. another extension's popup when
 * it has none): with `--vs`, bench/main.ts prints its message as the item's one "skipped" line
 * and goes on with the next item.
 */
export class SkipItem extends Error {
  override name = 'SkipItem';
}

/** A target from the issue, kept beside the figure it judges. */
export interface Target {
  /** The figure compared: `<=` means "at most", `<` "under", `>=` "at least". */
  op: '<=' | '<' | '>=';
  value: number;
  /** As shown in the table, e.g. `≤ 1.02`, `≤ 20 kB gz`. */
  text: string;
}

export interface TargetCheck extends Target {
  met: boolean;
}

export function check(target: Target, figure: number): TargetCheck {
  const met =
    target.op === '<='
      ? figure <= target.value
      : target.op === '<'
        ? figure < target.value
        : figure >= target.value;
  return { ...target, met };
}

/** One line of the table: a measure, its figure per browser (or one figure), and its target. */
export interface Row {
  measure: string;
  chromium?: string;
  firefox?: string;
  /** For figures that are not per browser. */
  both?: string;
  target?: string;
}

/**
 * The extension the browser items measure: Portwatch as built in dist/, or another unpacked
 * extension (`npm run bench -- --vs DIR`), measured the same way.
 */
export interface Subject {
  /** As the table names it: `Portwatch`, or the other extension's name. */
  name: string;
  /** The unpacked extension each browser loads. */
  dirs: Record<BrowserName, string>;
  /** Portwatch: its own hooks (the popup's mark, its storage keys) are there to check and read. */
  portwatch: boolean;
}

export interface RunOptions {
  /** What the browser items load. */
  subject: Subject;
  /** Page-load pairs (with and without the extension), 20 unless `--pairs N`. */
  pairs: number;
  /** Browsers to run the browser items in (`--browsers chromium,firefox`). */
  browsers: BrowserName[];
  /** The repository root (npm runs scripts there). */
  root: string;
  /** Progress goes to stderr; the table alone to stdout. */
  log: (line: string) => void;
}

export interface BenchItem<R = unknown> {
  id: string;
  title: string;
  /** The browsers the item can run in, when not every one (it is skipped without them). */
  browsers?: readonly BrowserName[];
  run(options: RunOptions): Promise<R>;
  /**
   * The result to store when an earlier result exists: by default the new one replaces it. The
   * page-load item keeps an earlier browser's figures when only the other browser ran.
   */
  merge?(previous: R, next: R): R;
  rows(result: R): Row[];
}
