// A throwaway home for one browser run: HOME, TMPDIR, XDG folders and a profile, all under one
// temporary folder that `remove()` deletes. The NSS databases that hold the trusted test CA live
// there too (`$HOME/.pki/nssdb` for Chromium, the profile itself for Firefox).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sandbox {
  root: string;
  home: string;
  profile: string;
  /** process.env with HOME, TMPDIR, XDG_CONFIG_HOME and XDG_CACHE_HOME pointing into the sandbox. */
  env: Record<string, string>;
  remove(): void;
}

export function makeSandbox(label: string): Sandbox {
  const root = mkdtempSync(join(tmpdir(), `portwatch-e2e-${label}-`));
  const dir = (name: string) => {
    const path = join(root, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const home = dir('home');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, {
    HOME: home,
    TMPDIR: dir('tmp'),
    XDG_CONFIG_HOME: dir('config'),
    XDG_CACHE_HOME: dir('cache'),
  });
  return {
    root,
    home,
    profile: dir('profile'),
    env,
    remove: () => rmSync(root, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 }),
  };
}

/** Creates a new NSS database in `dbDir` and trusts each of `caPems` in it as a TLS root. */
export function trustCaInNssDb(
  dbDir: string,
  caPems: string | readonly string[],
  env: Record<string, string>,
): void {
  mkdirSync(dbDir, { recursive: true });
  const certutil = (args: string[]) => {
    try {
      execFileSync('certutil', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new Error(
        `certutil ${args.join(' ')} failed: ${stderr || String(error)} ` +
          '(is libnss3-tools installed?)',
        { cause: error },
      );
    }
  };
  const db = `sql:${dbDir}`;
  certutil(['-N', '-d', db, '--empty-password']);
  const pems = typeof caPems === 'string' ? [caPems] : caPems;
  pems.forEach((pem, i) => {
    const caFile = join(dbDir, `portwatch-test-ca-${i}.pem`);
    writeFileSync(caFile, pem);
    // Each root under its own nickname: NSS keeps one certificate per nickname.
    const nickname = i === 0 ? 'Portwatch Test Root CA' : `Portwatch Test Root CA ${i + 1}`;
    certutil(['-A', '-d', db, '-t', 'C,,', '-n', nickname, '-i', caFile]);
    rmSync(caFile);
  });
}
