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
//   npm run bench -- --vs DIR                   items 1, 2 and 4 for another unpacked extension
//                                               (an item that cannot measure it is skipped, with
//                                               one line saying why, and the run goes on)
//   npm run bench -- --record-trace             record the core item's trace anew (Chromium)
//
// package.json's "bench" bundles this file with esbuild (Node 20 runs no TypeScript) into
// .lab/bin/bench.mjs. `npm run build` wipes dist/, and the page-load item binds 127.0.0.1:443:
// never run it beside the lab or the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundle } from './bundle';
import { core } from './core';
import { describeMachine, machine, type Machine } from './machine';
import { memory } from './memory';
import { pageload } from './pageload';
import { popupItem } from './popup';
import { otherSubject, portwatchSubject } from './subject';
import { markdownTable } from './table';
import { recordTrace } from './trace/record';
import {
  BROWSERS,
  SkipItem,
  type BenchItem,
  type BrowserName,
  type Row,
  type RunOptions,
  type Subject,
} from './types';

/** In the issue's order: the order of the table. */
const ITEMS: BenchItem<unknown>[] = [
  pageload,
  popupItem,
  bundle,
  memory,
  core,
] as BenchItem<unknown>[];
/** The items `--vs DIR` runs for the other extension (issue 6, item 6). */
const VS_ITEMS = ['pageload', 'popup', 'memory'];

interface Stored {
  date: string;
  command: string;
  /** `git describe --always --dirty` of the tree measured. */
  revision: string;
  machine: Machine;
  result: unknown;
}

interface ResultsFile {
  /** Portwatch's latest result of each item; see each item's module for its result. */
  items: Record<string, Stored>;
  /** Other extensions measured with --vs, by name: the folder and the latest result of each item. */
  vs?: Record<string, { dir: string; items: Record<string, Stored> }>;
}

interface Args {
  only: string[];
  pairs: number;
  browsers: BrowserName[];
  out: string;
  /** Build dist/ first (`npm run build`), unless `--no-build`. */
  build: boolean;
  /** Another unpacked extension to measure instead of Portwatch. */
  vs?: string;
  recordTrace: boolean;
}

const USAGE = `npm run bench [-- --only ${ITEMS.map((i) => i.id).join(',')}] [--pairs N] [--browsers chromium,firefox] [--out FILE] [--no-build] [--print] [--vs DIR] [--record-trace]`;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    only: ITEMS.map((i) => i.id),
    pairs: 20,
    browsers: [...BROWSERS],
    out: resolve('bench', 'results.json'),
    build: true,
    recordTrace: false,
  };
  let only: string[] | undefined;
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
        only = list(value());
        for (const id of only) {
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
        only = [];
        break;
      case '--no-build':
        args.build = false;
        break;
      case '--out':
        args.out = resolve(value());
        break;
      case '--vs':
        args.vs = value();
        break;
      case '--record-trace':
        args.recordTrace = true;
        only ??= [];
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  if (args.vs !== undefined) {
    only ??= VS_ITEMS;
    const wrong = only.filter((id) => !VS_ITEMS.includes(id));
    if (wrong.length > 0) {
      throw new Error(`--vs runs ${VS_ITEMS.join(', ')} only, not ${wrong.join(', ')}`);
    }
  }
  args.only = only ?? args.only;
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
  const root = process.cwd();
  const m = machine();
  log(`${command}\non ${describeMachine(m)}`);
  if (args.pairs < 20 && args.only.includes('pageload')) {
    log(`--pairs ${args.pairs}: the issue asks for at least 20`);
  }

  const results = readResults(args.out);
  // Another extension is measured as it is; Portwatch as the source builds now.
  if ((args.only.length > 0 || args.recordTrace) && args.build && args.vs === undefined) {
    log('— npm run build');
    execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
  }
  if (args.recordTrace) {
    log('— recording the core trace');
    await recordTrace(root, revision(), command, log);
  }
  const other = args.vs !== undefined ? otherSubject(args.vs) : undefined;
  try {
    const subject: Subject = other?.subject ?? portwatchSubject(root);
    const options: RunOptions = { pairs: args.pairs, browsers: args.browsers, root, log, subject };
    const store = other
      ? ((results.vs ??= {})[subject.name] ??= { dir: resolve(args.vs!), items: {} }).items
      : results.items;
    for (const item of ITEMS.filter((i) => args.only.includes(i.id))) {
      const browsers = item.browsers
        ? args.browsers.filter((b) => item.browsers!.includes(b))
        : args.browsers;
      if (browsers.length === 0) {
        log(`— ${item.title}: skipped (runs in ${item.browsers!.join(', ')} only)`);
        continue;
      }
      log(`— ${item.title}${other ? ` (${subject.name})` : ''}`);
      let result: unknown;
      try {
        result = await item.run({ ...options, browsers });
      } catch (error) {
        // Portwatch's items must measure; another extension's may not have what one measures.
        if (!other) throw error;
        const why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        if (error instanceof SkipItem) {
          log(`— ${item.title} (${subject.name}): skipped: ${why}`);
        } else {
          log(`— ${item.title} (${subject.name}): skipped, it failed: ${why}`);
          process.exitCode = 1;
        }
        continue;
      }
      const previous = store[item.id];
      store[item.id] = {
        date: new Date().toISOString(),
        command,
        revision: revision(),
        machine: m,
        result: previous && item.merge ? item.merge(previous.result as never, result) : result,
      };
      // Written after every item: a later item failing does not lose this one.
      writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
    }
  } finally {
    other?.remove();
  }

  const table = (items: Record<string, Stored>): { rows: Row[]; commands: Set<string> } => {
    const rows: Row[] = [];
    const commands = new Set<string>();
    for (const item of ITEMS) {
      const stored = items[item.id];
      if (!stored) continue;
      rows.push(...item.rows(stored.result as never));
      commands.add(`\`${stored.command}\` (${stored.date.slice(0, 10)}, ${stored.revision})`);
    }
    return { rows, commands };
  };
  const own = table(results.items);
  // A results file of --vs runs alone (--out) has no table of Portwatch's own.
  if (own.rows.length > 0 || !results.vs) {
    console.log(`Measured with ${[...own.commands].join(', ')} on ${describeMachine(m)}.\n`);
    console.log(markdownTable(own.rows));
  }
  for (const [name, entry] of Object.entries(results.vs ?? {})) {
    const theirs = table(entry.items);
    if (theirs.rows.length === 0) continue;
    console.log(`\n${name} (${entry.dir}), measured with ${[...theirs.commands].join(', ')}:\n`);
    console.log(markdownTable(theirs.rows));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
