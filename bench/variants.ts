// "Portwatch without the TLS listener" for the Firefox page-load arm (issue 4: what does the
// blocking webRequest.onHeadersReceived listener of src/background/tls-firefox.ts add to a page
// load?). Until the build can leave the listener out itself, the variant is a copy of the built
// dist/firefox whose background.js calls a stub instead of registering that listener: the
// listener's code stays in the file, only `….webRequest.onHeadersReceived.addListener(` becomes
// `((...args) => { globalThis.__portwatchBenchNoTlsListener = true })(`. The patch is checked
// before use and fails loudly: exactly one such call, its extra-info argument `["blocking"]`, and
// a file that still parses; after launch, the benchmark reads the flag from the background page.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** Set to true in the variant's background page when the stub ran instead of addListener. */
export const NO_TLS_FLAG = '__portwatchBenchNoTlsListener';

const CALL = /[\w$]+(?:\(\))?\.webRequest\.onHeadersReceived\.addListener\(/g;
const BLOCKING = /\[\s*["']blocking["']\s*\]/;

/** Returns background.js with the blocking onHeadersReceived listener left unregistered. */
export function patchOutTlsListener(code: string): string {
  const calls = [...code.matchAll(CALL)];
  if (calls.length !== 1) {
    throw new Error(
      `expected exactly one webRequest.onHeadersReceived.addListener( call in background.js, ` +
        `found ${calls.length}: the no-TLS-listener variant cannot be made (has ` +
        'src/background/tls-firefox.ts changed?)',
    );
  }
  const at = calls[0]!.index;
  // The listener body is a few hundred characters minified; its filter and ["blocking"] follow.
  const after = code.slice(at, at + 6000);
  if (!BLOCKING.test(after) || !after.includes('main_frame')) {
    throw new Error(
      'the onHeadersReceived listener in background.js is not the blocking document one ' +
        'the variant is meant to remove',
    );
  }
  const patched =
    code.slice(0, at) +
    `((...args) => { globalThis.${NO_TLS_FLAG} = args.length === 3; })(` +
    code.slice(at + calls[0]![0].length);
  try {
    new Script(patched, { filename: 'background.js (no TLS listener)' });
  } catch (error) {
    throw new Error(`the patched background.js does not parse: ${String(error)}`, {
      cause: error,
    });
  }
  return patched;
}

export interface Variant {
  dir: string;
  remove(): void;
}

/** Copies the built Firefox extension to a temporary folder and patches its background. */
export function firefoxWithoutTlsListener(firefoxDir: string): Variant {
  const dir = mkdtempSync(join(tmpdir(), 'portwatch-bench-no-tls-'));
  try {
    cpSync(firefoxDir, dir, { recursive: true });
    const file = join(dir, 'background.js');
    writeFileSync(file, patchOutTlsListener(readFileSync(file, 'utf8')));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
