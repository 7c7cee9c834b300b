// A virtual X display for the one thing headless Firefox cannot do: show a desktop notification
// (headless, it closes each one the moment it is created, so the notifications API never lists
// it). Needs Xvfb (Debian: xvfb).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { waitFor } from './wait';

export interface Display {
  /** For the DISPLAY environment variable, as `:93`. */
  name: string;
  stop(): void;
}

function freeNumber(): number {
  for (let n = 90 + (process.pid % 50); n < 400; n++) {
    if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
  }
  throw new Error('no free X display number between 90 and 400');
}

export async function startXvfb(): Promise<Display> {
  const n = freeNumber();
  const child: ChildProcess = spawn(
    'Xvfb',
    [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    {
      stdio: 'ignore',
    },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`Xvfb could not start (Debian: apt-get install xvfb): ${String(error)}`)),
    );
  });
  await Promise.race([
    failed,
    waitFor(`Xvfb on :${n}`, () => existsSync(`/tmp/.X11-unix/X${n}`), { timeoutMs: 10_000 }),
  ]);
  return { name: `:${n}`, stop: () => void child.kill('SIGTERM') };
}
