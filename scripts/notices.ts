import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The licence notices of every package bundled into the extension, for THIRD-PARTY-NOTICES.txt
// in each build (webpack.config.ts). Which packages are bundled is what webpack actually put in
// the bundles (their modules' files), not what package.json lists: a dependency that is only
// imported for its types, or a peer never reached, is not shipped and needs no notice.

/** The folder of the package a bundled file belongs to (`…/node_modules/@scope/name`), if any. */
export function packageDirOf(file: string): string | null {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return null;
  const length = parts[at + 1]!.startsWith('@') ? 3 : 2;
  if (at + length > parts.length) return null;
  return parts.slice(0, at + length).join('/');
}

interface Notice {
  name: string;
  version: string;
  license: string;
  text: string;
}

const LICENSE_FILE = /^(licen[cs]e|copying)([-.][a-z0-9.-]*)?$/i;

function noticeOf(dir: string): Notice {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const file = readdirSync(dir)
    .sort()
    .find((f) => LICENSE_FILE.test(f));
  const text = file
    ? readFileSync(join(dir, file), 'utf8').trim()
    : `(The package ships no licence file; its package.json says: ${pkg.license ?? 'nothing'}.)`;
  return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'unknown', text };
}

/** The notices text for the bundled `files` (absolute paths of the bundles' modules). */
export function noticesFor(files: Iterable<string>): string {
  const dirs = new Set<string>();
  for (const file of files) {
    const dir = packageDirOf(file);
    if (dir) dirs.add(dir);
  }
  const notices = [...dirs]
    .map(noticeOf)
    .sort((a, b) =>
      a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1,
    );
  const head = [
    'Portwatch is licensed under the Mozilla Public License 2.0 (LICENSE).',
    'It bundles the following packages, each under its own licence, reproduced below:',
    '',
    ...notices.map((n) => `- ${n.name} ${n.version} (${n.license})`),
  ];
  const bodies = notices.map((n) =>
    [
      `${'='.repeat(78)}`,
      `${n.name} ${n.version} (${n.license})`,
      `${'='.repeat(78)}`,
      '',
      n.text,
    ].join('\n'),
  );
  return [head.join('\n'), ...bodies].join('\n\n') + '\n';
}
