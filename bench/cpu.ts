// CPU time of a browser's processes, read from /proc (Linux): how much each kind of process (the
// browser's own, the network service, a page's renderer, an extension's) worked over a span, so
// that an overhead can be placed. Elsewhere the figures are simply absent.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds by kind of process. */
export type CpuTimes = Record<string, number>;

/** Ticks per second of /proc/PID/stat's utime and stime (USER_HZ: 100 on Linux). */
const HZ = 100;

function stat(pid: number): { ppid: number; cpuMs: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / HZ };
  } catch {
    return undefined;
  }
}

/** What a process of the browser is, from its command line (Chromium's and Firefox's flags). */
function kindOf(pid: number, root: number): string {
  if (pid === root) return 'browser';
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return 'other';
  }
  // Chromium: --type=renderer (--extension-process for an extension's), utility with its sub-type.
  if (cmd.includes('--extension-process')) return 'extension';
  if (cmd.includes('NetworkService')) return 'network';
  if (cmd.includes('--type=renderer')) return 'page';
  if (cmd.includes('--type=gpu-process')) return 'gpu';
  // Firefox: -contentproc … <kind> as its last argument.
  const firefox =
    /-contentproc\b.*\s(tab|extension|socket|rdd|gpu|utility|privilegedabout|web|webIsolated=\S+|file|prealloc|forkserver)\s*$/.exec(
      cmd,
    );
  if (firefox) {
    const k = firefox[1]!;
    if (k === 'extension') return 'extension';
    if (k === 'socket') return 'network';
    if (k === 'tab' || k === 'web' || k.startsWith('webIsolated')) return 'page';
    return k;
  }
  return 'other';
}

/** CPU milliseconds used so far by `root` and every process below it, by process id. */
export function cpuByProcess(root: number): Map<number, { kind: string; ms: number }> {
  const children = new Map<number, number[]>();
  const times = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const s = stat(pid);
    if (!s) continue;
    times.set(pid, s.cpuMs);
    const list = children.get(s.ppid) ?? [];
    list.push(pid);
    children.set(s.ppid, list);
  }
  const out = new Map<number, { kind: string; ms: number }>();
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    const ms = times.get(pid);
    if (ms !== undefined) out.set(pid, { kind: kindOf(pid, root), ms });
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** CPU used by kind of process since `before` (a process started since counts from zero). */
export function cpuSince(
  root: number,
  before: Map<number, { kind: string; ms: number }>,
): CpuTimes {
  const out: CpuTimes = {};
  for (const [pid, now] of cpuByProcess(root)) {
    const d = now.ms - (before.get(pid)?.ms ?? 0);
    out[now.kind] = (out[now.kind] ?? 0) + d;
  }
  return out;
}
