// Runs the web-ext CLI and stops it, and the browser it started, on Ctrl-C or SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What `npm start` runs: web-ext's arguments and the environment changes it needs. */
export interface WebExtPlan {
  args: string[];
  env: Record<string, string>;
}

/** The web-ext CLI script of the installed devDependency. */
export function webExtBin(): string {
  const require = createRequire(join(process.cwd(), 'package.json'));
  // Its package exports only index.js (at the package root), not package.json or the bin.
  return join(dirname(require.resolve('web-ext')), 'bin', 'web-ext.js');
}

/** The command as one line a person can paste into a shell. */
export function commandLine(command: string[], env: Record<string, string>): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`);
  return [...assignments, ...command.map(quote)].join(' ');
}

/** True while a live (not zombie) process is in process group `pgid`. */
function groupAlive(pgid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ')'.
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .some((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z';
      } catch {
        return false; // it ended while we looked
      }
    });
}

/**
 * Waits (at most `timeoutMs`, then SIGKILL) until web-ext's process group is empty: web-ext
 * may exit on a signal while the Firefox it started is still shutting down in that group.
 */
async function waitForGroup(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts web-ext and resolves with its exit code once it (and so the browser) has stopped.
 * web-ext runs in its own process group, and a signal we get goes to that whole group: Firefox
 * is web-ext's plain child and would outlive a web-ext killed alone; Chromium is detached by
 * chrome-launcher, whose SIGINT handler in web-ext stops it. So Ctrl-C, which the terminal sends
 * to our group only, reaches every one of them exactly once.
 */
export function runWebExt(plan: WebExtPlan): Promise<number> {
  const child = spawn(process.execPath, [webExtBin(), ...plan.args], {
    stdio: 'inherit',
    env: { ...process.env, ...plan.env },
    detached: true,
  });
  let killTimer: NodeJS.Timeout | undefined;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const forward = (signal: NodeJS.Signals) => () => {
    signalGroup(signal);
    // A browser that ignores the signal must not keep the lab up forever.
    killTimer ??= setTimeout(() => signalGroup('SIGKILL'), 10_000);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(killTimer);
      const status = code ?? (signal === 'SIGINT' ? 130 : 1);
      const done = () => {
        for (const [s, handler] of handlers) process.off(s, handler);
        resolve(status);
      };
      if (child.pid === undefined) done();
      else void waitForGroup(child.pid, 10_000).then(done);
    });
  });
}
