// `npm start`: runs the freshly built extension in a throwaway browser profile through web-ext.
// Firefox by default; `npm start -- --chromium` for Chromium. Extra arguments go to web-ext.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const args = process.argv.slice(2);
const chromium = args.includes('--chromium');
const rest = args.filter((a) => a !== '--chromium');

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, name)));
}

function firstExisting(paths) {
  return paths.find((p) => existsSync(p));
}

const webExt = ['run', '--no-reload', '--start-url', 'about:blank'];
if (chromium) {
  webExt.push('--target', 'chromium', '--source-dir', 'dist/chrome');
  const binary =
    process.env.CHROMIUM ?? firstExisting(['/usr/bin/chromium', '/usr/bin/chromium-browser']);
  if (binary) webExt.push('--chromium-binary', binary);
} else {
  webExt.push('--target', 'firefox-desktop', '--source-dir', 'dist/firefox');
  // Debian ships Firefox ESR as firefox-esr; elsewhere web-ext finds Firefox itself.
  const binary =
    process.env.FIREFOX ??
    (onPath('firefox') ? undefined : firstExisting(['/usr/bin/firefox-esr']));
  if (binary) webExt.push('--firefox', binary);
}

const child = spawn('npx', ['web-ext', ...webExt, ...rest], {
  stdio: 'inherit',
  env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
});
child.on('exit', (code) => process.exit(code ?? 1));
