// `npm start -- --chromium`: a fresh user-data-dir under .lab/, the lab's host names resolved to
// 127.0.0.1, the lab's CA trusted as a root in an NSS database of the run's own HOME (so its
// certificate errors, a name mismatch say, are real) and the quiet flags of docs/browsers.md, all
// passed to `web-ext run --target chromium`. Chromium's own defaults stay on, HttpsUpgrades too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { trustCaInNssDb } from '../../test/e2e/sandbox';
import type { Lab } from '../../test/lab/lab';
import { CHROMIUM_DISABLED_FEATURES, QUIET_CHROMIUM_FLAGS } from '../../test/lab/quiet-browsers';
import type { WebExtPlan } from './web-ext';

// Chromium honours only the last --disable-features, and ours comes after web-ext's defaults
// (chrome-launcher's list), so it repeats those (the lines after the harness's own).
const DISABLED_FEATURES = [
  ...CHROMIUM_DISABLED_FEATURES,
  ...['Translate', 'DialMediaRouteProvider', 'CalculateNativeWinOcclusion'],
  ...['InterestFeedContentSuggestions', 'CertificateTransparencyComponentUpdater'],
  ...['AutofillServerCommunication', 'PrivacySandboxSettings4'],
];

/** CHROMIUM, else Debian's chromium, else web-ext's own search (Google Chrome). */
function chromiumBinary(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** `MAP *.test 127.0.0.1`, plus a rule for each lab host outside .test (IP literals need none). */
export function resolverRules(hosts: string[]): string {
  const names = hosts.filter((h) => !h.includes(':') && !/^[\d.]+$/.test(h));
  const others = names.filter((h) => !h.endsWith('.test') && h !== 'localhost');
  return ['*.test', ...others].map((h) => `MAP ${h} 127.0.0.1`).join(',');
}

export function chromiumPlan(lab: Lab, userDataDir: string, startUrl: string): WebExtPlan {
  // Chromium reads the NSS database at $HOME/.pki/nssdb: a HOME of its own, inside the profile
  // (removed with it), whose database trusts the lab's CA.
  const home = join(userDataDir, 'home');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  trustCaInNssDb(join(home, '.pki', 'nssdb'), lab.caPems, { ...env, HOME: home });
  const flags = [
    ...QUIET_CHROMIUM_FLAGS,
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    `--host-resolver-rules=${resolverRules(lab.hosts)}`,
    // DevTools on a free port, written to DevToolsActivePort (see open-index.ts).
    '--remote-debugging-port=0',
    // Chromium refuses to start as root without it.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
  const binary = chromiumBinary();
  return {
    args: [
      'run',
      '--target=chromium',
      '--source-dir=dist/chrome',
      ...(binary ? [`--chromium-binary=${binary}`] : []),
      // The profile is ours (new each start, removed at the end): use it in place, not a copy.
      `--chromium-profile=${userDataDir}`,
      '--keep-profile-changes',
      '--no-reload',
      `--start-url=${startUrl}`,
      ...flags.map((f) => `--args=${f}`),
    ],
    env: { HOME: home },
  };
}
