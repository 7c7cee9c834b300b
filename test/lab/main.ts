// `npm run lab`: starts the lab for a person, prints where to begin and which host names the
// browser must resolve to 127.0.0.1, logs each request, and closes cleanly on Ctrl-C or SIGTERM.
import { startLab } from './lab';

const lab = await startLab({ log: true }).catch((error: unknown) => {
  console.error(`The lab did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.info(`Portwatch lab: ${lab.indexUrl}`);
console.info(`Hosts (resolve each to 127.0.0.1): ${lab.hosts.join(' ')}`);
// Trusted as a root (an NSS database, Firefox's or Chromium's $HOME/.pki/nssdb), not waved
// through by key: the lab's certificate errors (a name mismatch, an untrusted CA) must be real.
console.info(`Test CA (trust it as a root): ${lab.caPath}`);
console.info(`Second test CA (trust it too; other-root.test is about it): ${lab.secondCaPath}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    lab.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`closing the lab failed: ${String(error)}`);
        process.exit(1);
      },
    );
  });
}
