// `npm run package` (after `npm run build`, which the npm script runs first): the release files in
// artifacts/, each byte-identical from any clean checkout of the same commit:
//   portwatch-<version>-chrome.zip    dist/chrome, for the Chrome Web Store and Edge Add-ons
//   portwatch-<version>-firefox.zip   dist/firefox, for addons.mozilla.org
//   portwatch-<version>-source.zip    the tracked files (lockfile included) and SOURCE_DATE_EPOCH,
//                                     what a reviewer needs to rebuild the two above (README)
// Entries are sorted, every time is the commit's (or SOURCE_DATE_EPOCH's), every mode 0644, and
// the compression is fflate's at level 9: nothing of the machine or the moment gets in.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

// Zip times are local times: pin the zone, or a build in Berlin differs from one in UTC.
process.env.TZ = 'UTC';

const root = process.cwd();
const OUT = resolve(root, 'artifacts');
/** The file in the source zip that carries the time, where there is no git history to ask. */
const EPOCH_FILE = 'SOURCE_DATE_EPOCH';

/** Seconds since 1970 that every entry is dated: the env, else the commit's, else the file's. */
function sourceDateEpoch(): number {
  const fromEnv = process.env.SOURCE_DATE_EPOCH;
  if (fromEnv && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  if (existsSync(join(root, '.git'))) {
    return Number(execFileSync('git', ['log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim());
  }
  if (existsSync(join(root, EPOCH_FILE)))
    return Number(readFileSync(join(root, EPOCH_FILE), 'utf8'));
  throw new Error('no SOURCE_DATE_EPOCH, no git history and no SOURCE_DATE_EPOCH file');
}

/** What a checkout holds that is not source: installed, built or made here. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'artifacts', '.lab', '.git']);

/** Every file under `dir`, as sorted paths with `/`; `skip` leaves out top-level folders. */
function filesUnder(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (d === dir && skip.has(name)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The tracked files of the checkout (what `git ls-files` lists), sorted; from a source zip, all. */
function sourceFiles(): string[] {
  if (!existsSync(join(root, '.git'))) {
    return filesUnder(root, NOT_SOURCE).filter((f) => f !== EPOCH_FILE);
  }
  return execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '')
    .sort();
}

/** A zip of `entries` (path → bytes), in path order, dated `epoch`, mode 0644, level 9. */
export function deterministicZip(
  entries: ReadonlyMap<string, Uint8Array>,
  epoch: number,
): Uint8Array {
  const mtime = new Date(epoch * 1000);
  const zippable: Zippable = {};
  for (const name of [...entries.keys()].sort()) {
    zippable[name] = [entries.get(name)!, { level: 9, mtime, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(zippable);
}

function write(name: string, data: Uint8Array): void {
  writeFileSync(join(OUT, name), data);
  const sha = createHash('sha256').update(data).digest('hex');
  console.info(`${sha}  artifacts/${name}`);
}

function main(): void {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const epoch = sourceDateEpoch();
  mkdirSync(OUT, { recursive: true });
  for (const [target, label] of [
    ['chrome', 'chrome'],
    ['firefox', 'firefox'],
  ] as const) {
    const dir = join(root, 'dist', target);
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir}: run npm run build first`);
    const entries = new Map(filesUnder(dir).map((f) => [f, readFileSync(join(dir, f))] as const));
    write(`portwatch-${version}-${label}.zip`, deterministicZip(entries, epoch));
  }
  const source = new Map(sourceFiles().map((f) => [f, readFileSync(join(root, f))] as const));
  source.set(EPOCH_FILE, Buffer.from(`${epoch}\n`));
  write(`portwatch-${version}-source.zip`, deterministicZip(source, epoch));
}

main();
