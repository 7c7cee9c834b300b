// `npm start`: starts the lab (test/lab/lab.ts) and opens a browser with the freshly built
// extension, the lab's CA trusted in a throwaway profile, the lab's host names resolved to
// 127.0.0.1 and the lab's index open. Firefox by default, `npm start -- --chromium` for Chromium,
// both through web-ext. `--dry-run` prints the web-ext command and stops; any other argument goes
// to web-ext (e.g. `--args=--headless`, `--verbose`). Ctrl-C stops the browser, then the lab.
// package.json's "start" builds first, then bundles this file with esbuild (Node 20 runs no
// TypeScript) into .lab/bin/start.mjs; paths are relative to the working directory, the repo
// root under npm, not to this file, which moves when bundled.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLab } from '../test/lab/lab';
import type { Lab } from '../test/lab/lab';
import { knownRootOf } from '../test/lab/ca';
import { chromiumPlan } from './start/chromium';
import { firefoxPlan } from './start/firefox';
import { openWhenReadyInChromium, openWhenReadyInFirefox } from './start/open-index';
import { commandLine, runWebExt, webExtBin } from './start/web-ext';

const args = process.argv.slice(2);
const chromium = args.includes('--chromium');
const dryRun = args.includes('--dry-run');
const passThrough = args.filter((a) => a !== '--chromium' && a !== '--dry-run');

async function openLab(): Promise<Lab> {
  try {
    return await startLab({ log: true });
  } catch (error) {
    const message = String(error);
    if (message.includes('EACCES')) {
      console.error(
        `${message}\nThe lab listens on ports 80 and 443: run as root, or allow them once with\n` +
          '  sudo sysctl net.ipv4.ip_unprivileged_port_start=80',
      );
    } else {
      console.error(message);
    }
    process.exit(1);
  }
}

function warnWithoutDisplay(): void {
  const headless = passThrough.some((a) => a.includes('headless'));
  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn(
      'No DISPLAY: the browser needs a screen. Run under xvfb-run, or pass ' +
        (chromium ? '--args=--headless=new' : '--args=-headless') +
        ' (npm start -- --args=…).',
    );
  }
}

async function main(): Promise<number> {
  const lab = await openLab();
  const profileDir = resolve('.lab', 'profiles', chromium ? 'chromium' : 'firefox');
  try {
    // A new profile each time: nothing from an earlier run (or a crashed one) carries over.
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
    // about:blank first: the index is opened once the extension can see it (open-index.ts).
    const firefox = chromium ? undefined : firefoxPlan(lab, profileDir, 'about:blank');
    const plan = firefox ?? chromiumPlan(lab, profileDir, 'about:blank');
    const env = { ...plan.env, NO_UPDATE_NOTIFIER: '1' };
    const webExtArgs = [...plan.args, ...passThrough];
    console.info(`Lab: ${lab.indexUrl} (hosts ${lab.hosts.join(', ')})`);
    console.info(`Running: ${commandLine([process.execPath, webExtBin(), ...webExtArgs], env)}`);
    if (dryRun) return 0;
    warnWithoutDisplay();
    const running = runWebExt({ args: webExtArgs, env });
    const opening = firefox
      ? openWhenReadyInFirefox(profileDir, firefox.extensionBaseUrl, lab.indexUrl, [
          // The lab's own CA is known, as in the tests: its second CA is for other-root.test.
          knownRootOf(lab.caPem),
        ])
      : openWhenReadyInChromium(profileDir, lab.indexUrl);
    // The browser may be closed before it is ready: whichever ends first, the run goes on.
    opening.then(
      () => console.info(`Opened ${lab.indexUrl}`),
      (error: unknown) =>
        console.warn(`Could not open ${lab.indexUrl} by itself: ${String(error)}`),
    );
    return await running;
  } finally {
    await lab.close();
    rmSync(profileDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
    console.info('Lab stopped, profile removed.');
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
