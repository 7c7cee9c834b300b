// `npm start` in Firefox: a fresh profile under .lab/ whose NSS database trusts the lab's CA,
// the lab's host names resolved to 127.0.0.1, and the quiet-network prefs of
// docs/browsers.md, all passed to `web-ext run`.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Lab } from '../../test/lab/lab';
import { QUIET_FIREFOX_PREFS } from '../../test/lab/quiet-browsers';
import { trustCaInNssDb } from '../../test/e2e/sandbox';
import type { WebExtPlan } from './web-ext';

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, name)));
}

/** FIREFOX, else Debian's firefox-esr when there is no `firefox`, else web-ext's own search. */
function firefoxBinary(): string | undefined {
  if (process.env.FIREFOX) return process.env.FIREFOX;
  if (!onPath('firefox') && existsSync('/usr/bin/firefox-esr')) return '/usr/bin/firefox-esr';
  return undefined;
}

/**
 * Presets the add-on's moz-extension:// UUID, so that its pages can be opened. The pref's value
 * is JSON, which web-ext's --pref would drop (see QUIET_FIREFOX_PREFS), so it goes to prefs.js, which
 * Firefox reads at startup and web-ext leaves alone. Returns the extension's base URL.
 */
function presetUuid(profileDir: string, extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no gecko id`);
  const uuid = randomUUID();
  const value = JSON.stringify(JSON.stringify({ [id]: uuid }));
  writeFileSync(
    join(profileDir, 'prefs.js'),
    `user_pref("extensions.webextensions.uuids", ${value});\n`,
  );
  return `moz-extension://${uuid}/`;
}

export interface FirefoxPlan extends WebExtPlan {
  extensionBaseUrl: string;
}

/** Makes the profile in `profileDir` (which must be new and empty) and returns the plan. */
export function firefoxPlan(lab: Lab, profileDir: string, startUrl: string): FirefoxPlan {
  // The CA must be in the profile's NSS database before Firefox first opens the profile.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  trustCaInNssDb(profileDir, lab.caPems, env);
  const names = lab.hosts.filter((h) => !h.includes(':') && !/^[\d.]+$/.test(h));
  const prefs = {
    // Firefox's own defaults stay as shipped: HTTPS-First on.
    ...QUIET_FIREFOX_PREFS,
    'network.dns.localDomains': names.join(','),
  };
  const binary = firefoxBinary();
  const extensionBaseUrl = presetUuid(profileDir, 'dist/firefox');
  return {
    extensionBaseUrl,
    args: [
      'run',
      '--target=firefox-desktop',
      '--source-dir=dist/firefox',
      ...(binary ? [`--firefox=${binary}`] : []),
      // The profile is ours (new each start, removed at the end): use it in place, not a copy.
      `--firefox-profile=${profileDir}`,
      '--keep-profile-changes',
      '--no-reload',
      `--start-url=${startUrl}`,
      ...Object.entries(prefs).map(([k, v]) => `--pref=${k}=${String(v)}`),
      // WebDriver BiDi on a free port, allowed to open the add-on's pages (see open-index.ts).
      '--args=--remote-debugging-port=0',
      '--args=--remote-allow-system-access',
    ],
    env: {},
  };
}
