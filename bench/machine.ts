// What the figures were measured on: they mean little without it.
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';
import { CHROMIUM_PATH, FIREFOX_PATH } from '../test/e2e/browsers';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string;
  firefox: string;
}

function version(binary: string): string {
  try {
    return execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return `unknown (${binary} --version failed)`;
  }
}

export function machine(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    chromium: version(CHROMIUM_PATH),
    firefox: version(FIREFOX_PATH),
  };
}

export function describeMachine(m: Machine): string {
  return (
    `${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, ${m.os}, Node ${m.node.replace(/^v/, '')}, ` +
    `${m.chromium}, ${m.firefox}`
  );
}
