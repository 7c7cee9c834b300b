// Item 5: core throughput. Replays the recorded trace (bench/traces/, made by
// `npm run bench -- --record-trace`: 100,000 events Portwatch's background reduced in Chromium
// while 50 tabs walked 5,000-odd pages) through src/core/reducer.ts's reduceTab, each event on its
// tab's state as the background does, in Node (V8, Chromium's engine). After WARMUP passes, RUNS
// timed passes from empty states; the figure is events / median pass time.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { reduceTab } from '../src/core/reducer';
import { EMPTY_TAB, type TabState } from '../src/core/tab-state';
import { median, round } from './stats';
import { readTrace, type Trace } from './trace/file';
import { TRACE_FILE } from './trace/record';
import { check, type BenchItem, type Target, type TargetCheck } from './types';

const WARMUP = 5;
const RUNS = 15;
const TARGET: Target = { op: '>=', value: 1_000_000, text: '≥ 1,000,000 events/s' };

export interface CoreResult {
  trace: string;
  events: number;
  tabs: number;
  /** Events of each type in the trace. */
  types: Record<string, number>;
  /** Each timed pass (ms). */
  passesMs: number[];
  eventsPerSecond: number;
  target: TargetCheck;
  node: string;
}

/** One pass over the trace from empty states; returns the final states (kept, so not elided). */
export function replay(trace: Trace): Map<number, TabState> {
  const states = new Map<number, TabState>();
  for (const [tab, event] of trace.events) {
    states.set(tab, reduceTab(states.get(tab) ?? EMPTY_TAB, event));
  }
  return states;
}

export const core: BenchItem<CoreResult> = {
  id: 'core',
  title: 'Core throughput',
  run: ({ root, log }) => {
    const trace = readTrace(resolve(root, TRACE_FILE));
    const types: Record<string, number> = {};
    for (const [, e] of trace.events) types[e.type] = (types[e.type] ?? 0) + 1;
    let tabs = 0;
    for (let i = 0; i < WARMUP; i++) tabs = replay(trace).size;
    const passes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      replay(trace);
      passes.push(performance.now() - start);
    }
    const perSecond = Math.round(trace.events.length / (median(passes) / 1000));
    log(`core: ${passes.map((p) => p.toFixed(0)).join(' ')} ms per pass`);
    return Promise.resolve({
      trace: TRACE_FILE,
      events: trace.events.length,
      tabs,
      types,
      passesMs: passes.map((p) => round(p, 2)),
      eventsPerSecond: perSecond,
      target: check(TARGET, perSecond),
      node: process.version,
    });
  },
  rows: (r) => [
    {
      measure: `Core: reduceTab over ${r.events.toLocaleString('en')} recorded events (median of ${r.passesMs.length})`,
      both: `${r.eventsPerSecond.toLocaleString('en')} events/s ${r.target.met ? '✓' : '✗'}`,
      target: r.target.text,
    },
  ],
};
