// A recorded trace on disk: JSON, brotli-compressed (bench/traces/*.json.br), holding how it was
// recorded and the events in the order the background reduced them, each with its tab.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { TabEvent } from '../../src/core/events';

export const TRACE_FORMAT = 'portwatch-trace/1';

export interface Trace {
  format: typeof TRACE_FORMAT;
  /** How it was recorded: the command, browser, revision, date, workload. */
  recorded: Record<string, string | number>;
  /** [tab id, event], in the order the background reduced them. */
  events: Array<[number, TabEvent]>;
}

export function writeTrace(path: string, trace: Trace): number {
  const data = brotliCompressSync(Buffer.from(JSON.stringify(trace)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  writeFileSync(path, data);
  return data.length;
}

export function readTrace(path: string): Trace {
  const trace = JSON.parse(brotliDecompressSync(readFileSync(path)).toString('utf8')) as Trace;
  if (trace.format !== TRACE_FORMAT || !Array.isArray(trace.events)) {
    throw new Error(`${path} is not a ${TRACE_FORMAT} trace`);
  }
  return trace;
}
