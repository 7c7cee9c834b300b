// An organisation's policy for the extension (storage.managed), given to one test browser and
// never to the machine: docs/managed-settings.md says how administrators set it, and
// docs/testing.md how the tests do.
//
// - Chromium reads policies only from /etc/chromium/policies (Debian's build has no switch and no
//   per-user folder). The browser runs through chromium-with-policies.sh, in a private mount
//   namespace where /etc/chromium is a folder of the sandbox: the real file provider, its schema
//   check and its file watcher, seen by this browser alone.
// - Firefox reads `policies.json` from the path in the pref `browser.policies.alternatePath`, which
//   it honours only under automation: with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 (every test launch
//   sets it) and the pref below. The policy is the enterprise policy an administrator writes,
//   `3rdparty.Extensions.<add-on id>`.
import { realpathSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from './sandbox';

export type PolicyValues = Record<string, unknown>;

const WRAPPER = join(dirname(fileURLToPath(import.meta.url)), 'chromium-with-policies.sh');

/** Chromium's id for an unpacked extension: SHA-256 of its folder's real path, in letters a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

export interface ChromiumPolicy {
  /** Launch this instead of Chromium, with `env` added to the browser's environment. */
  executablePath: string;
  env: Record<string, string>;
  /** Replaces the policy (null: none). Chromium's watcher reads the change within seconds. */
  write(values: PolicyValues | null): void;
}

/** The policy folder for a Chromium launch with `extensionDir` unpacked, in the sandbox. */
export function chromiumPolicy(
  sandbox: Sandbox,
  extensionDir: string,
  chromiumPath: string,
  values: PolicyValues | null,
): ChromiumPolicy {
  const etc = join(sandbox.root, 'etc-chromium');
  // Everything else /etc/chromium holds (Debian's master_preferences) stays as it was.
  if (!existsSync(etc)) {
    if (existsSync('/etc/chromium')) cpSync('/etc/chromium', etc, { recursive: true });
    rmSync(join(etc, 'policies'), { recursive: true, force: true });
  }
  const managed = join(etc, 'policies', 'managed');
  mkdirSync(managed, { recursive: true });
  const file = join(managed, 'portwatch.json');
  const id = unpackedExtensionId(extensionDir);
  const write = (next: PolicyValues | null): void => {
    if (next === null) rmSync(file, { force: true });
    // The shape of every Chrome policy file for an extension: 3rdparty.extensions.<id>.
    else writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: next } } }));
  };
  write(values);
  return {
    executablePath: WRAPPER,
    env: { PORTWATCH_POLICY_ETC: etc, PORTWATCH_CHROMIUM_BIN: chromiumPath },
    write,
  };
}

/**
 * Firefox's prefs for a launch with the enterprise policy `values` for the add-on `geckoId`; with
 * null, the policy file removed (as an administrator removes it) and the prefs as before.
 */
export function firefoxPolicyPrefs(
  sandbox: Sandbox,
  geckoId: string,
  values: PolicyValues | null,
): Record<string, unknown> {
  const file = join(sandbox.root, 'policies.json');
  if (values === null) rmSync(file, { force: true });
  else {
    writeFileSync(
      file,
      JSON.stringify({ policies: { '3rdparty': { Extensions: { [geckoId]: values } } } }),
    );
  }
  return {
    'browser.policies.alternatePath': file,
    // What makes Firefox count as under automation (with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1), the
    // one condition under which it reads alternatePath. Only this test's launches set it.
    'security.turn_off_all_security_so_that_viruses_can_take_over_this_computer': true,
  };
}
