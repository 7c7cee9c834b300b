// `npm run bench`: what Portwatch costs a browser, measured in real browsers (issue 6). Runs the
// selected items (one module each under bench/), stores their results in bench/results.json
// (items not run this time keep their earlier figures) and prints the Markdown table of every
// stored item. Benchmarks report: a missed target is shown, and the exit code stays 0; only a
// benchmark that could not measure fails.
//
//   npm run bench                               every item, 20 pairs
//   npm run bench -- --only pageload,bundle     some items
//   npm run bench -- --pairs 3                  a quick try (figures too noisy to keep)
//   npm run bench -- --browsers firefox         the browser items in one browser only
//   npm run bench -- --no-build                 measure dist/ as it is (default: build it first)
//   npm run bench -- --print                    only print the table of bench/results.json
//
// package.json's "bench" bundles this file with esbuild (Node 20 runs no TypeScript) into
// .lab/bin/bench.mjs. `npm run build` wipes dist/, and the page-load item binds 127.0.0.1:443:
// never run it beside the lab or the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundle } from './bundle';
import { describeMachine, machine, type Machine } from './machine';
import { pageload } from './pageload';
import { markdownTable } from './table';
import { BROWSERS, type BenchItem, type BrowserName, type Row, type RunOptions } from './types';

/** In the issue's order: the order of the table. */
const ITEMS: BenchItem<unknown>[] = [pageload, bundle];
/** Items of issue 6 not built yet, by id. */
const PLANNED: Record<string, string> = {
  popup: 'item 2, popup time to report',
  memory: 'item 4, background memory',
  core: 'item 5, core throughput',
};

interface Stored {
  date: string;
  command: string;
  /** `git describe --always --dirty` of the tree measured. */
  revision: string;
  machine: Machine;
  result: unknown;
}

interface ResultsFile {
  /** Newest first by date within each item; see each item's module for its result. */
  items: Record<string, Stored>;
}

interface Args {
  only: string[];
  pairs: number;
  browsers: BrowserName[];
  out: string;
  /** Build dist/ first (`npm run build`), unless `--no-build`. */
  build: boolean;
}

const USAGE = `npm run bench [-- --only ${ITEMS.map((i) => i.id).join(',')}] [--pairs N] [--browsers chromium,firefox] [--out FILE] [--no-build] [--print]`;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    only: ITEMS.map((i) => i.id),
    pairs: 20,
    browsers: [...BROWSERS],
    out: resolve('bench', 'results.json'),
    build: true,
  };
  const list = (v: string) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    switch (name) {
      case '--only': {
        args.only = list(value());
        for (const id of args.only) {
          if (PLANNED[id]) throw new Error(`--only ${id}: ${PLANNED[id]}, is not built yet`);
          if (!ITEMS.some((item) => item.id === id)) {
            throw new Error(`--only ${id}: no such item (${ITEMS.map((x) => x.id).join(', ')})`);
          }
        }
        break;
      }
      case '--pairs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error(`--pairs wants a whole number ≥ 1`);
        args.pairs = n;
        break;
      }
      case '--browsers': {
        const names = list(value());
        for (const n of names) {
          if (!BROWSERS.includes(n as BrowserName)) throw new Error(`--browsers: no browser ${n}`);
        }
        args.browsers = names as BrowserName[];
        break;
      }
      case '--print':
        args.only = [];
        break;
      case '--no-build':
        args.build = false;
        break;
      case '--out':
        args.out = resolve(value());
        break;
      case '--vs':
        throw new Error('--vs DIR (issue 6, item 6) is not built yet');
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  return args;
}

function revision(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function readResults(path: string): ResultsFile {
  if (!existsSync(path)) return { items: {} };
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  } catch (error) {
    throw new Error(`${path} is not a results file (${String(error)}): move it away`, {
      cause: error,
    });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const log = (line: string) => console.error(line);
  const options: RunOptions = {
    pairs: args.pairs,
    browsers: args.browsers,
    root: process.cwd(),
    log,
  };
  const m = machine();
  log(`${command}\non ${describeMachine(m)}`);
  if (args.pairs < 20) log(`--pairs ${args.pairs}: the issue asks for at least 20`);

  const results = readResults(args.out);
  if (args.only.length > 0 && args.build) {
    // What is measured is what the source builds now. The build's log goes to stderr.
    log('— npm run build');
    execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
  }
  for (const item of ITEMS.filter((i) => args.only.includes(i.id))) {
    log(`— ${item.title}`);
    const result = await item.run(options);
    const previous = results.items[item.id];
    results.items[item.id] = {
      date: new Date().toISOString(),
      command,
      revision: revision(),
      machine: m,
      result: previous && item.merge ? item.merge(previous.result as never, result) : result,
    };
    // Written after every item: a later item failing does not lose this one.
    writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  }

  const rows: Row[] = [];
  const commands = new Set<string>();
  for (const item of ITEMS) {
    const stored = results.items[item.id];
    if (!stored) continue;
    rows.push(...item.rows(stored.result as never));
    commands.add(`\`${stored.command}\` (${stored.date.slice(0, 10)}, ${stored.revision})`);
  }
  console.log(`Measured with ${[...commands].join(', ')} on ${describeMachine(m)}.\n`);
  console.log(markdownTable(rows));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
