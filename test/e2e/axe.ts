// axe-core, run in a page of the built extension: the accessibility check of every page test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core's violations on the page as it is, then with every disclosure open. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const run = () =>
    page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run: (c: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const { violations } = await axe.run(document, { resultTypes: ['violations'] });
      return violations.map(
        (v) =>
          `${v.id} (${v.impact ?? '?'}): ${v.nodes
            .map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`)
            .join('; ')}`,
      );
    });
  const closed = await run();
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const open = await run();
  return [...closed.map((v) => `closed: ${v}`), ...open.map((v) => `open: ${v}`)];
}
