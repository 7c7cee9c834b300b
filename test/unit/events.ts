import type { TabEvent } from '../../src/core/events';
import type { HttpVersion } from '../../src/core/http-version';
import { reduceTab } from '../../src/core/reducer';
import { buildReport, type ReportContext, type TabReport } from '../../src/core/report';
import { DEFAULT_SETTINGS, type CoreSettings } from '../../src/core/settings';
import { EMPTY_TAB, type TabState } from '../../src/core/tab-state';

// Builds event sequences shaped like the ones the browsers send (docs/browsers.md), so the
// core's tests read like the situations they cover.

let clock = 1_700_000_000_000;
let ids = 0;
const tick = (): number => (clock += 10);

export interface Load {
  /** The URLs of the chain: the first is requested, each next one is a redirect target. */
  chain: string[];
  statuses?: number[];
  transition?: string;
  qualifiers?: string[];
  initiator?: string;
  method?: string;
  ip?: string;
  hsts?: string | null;
  /** The response's HTTP version, as Firefox's status line gives it. */
  httpVersion?: HttpVersion;
  /** Requests the page makes once committed: a URL (kind `other`) or a URL with its kind. */
  subresources?: Array<string | { url: string; kind?: 'sub_frame' | 'websocket' | 'other' }>;
}

/** A top-frame load: request, redirects, response, commit. */
export function load(l: Load): TabEvent[] {
  const requestId = String(++ids);
  const first = l.chain[0]!;
  const last = l.chain[l.chain.length - 1]!;
  const events: TabEvent[] = [
    {
      type: 'request',
      requestId,
      url: first,
      kind: 'main_frame',
      method: l.method ?? 'GET',
      time: tick(),
      ...(l.initiator !== undefined ? { initiator: l.initiator } : {}),
    },
  ];
  for (let i = 1; i < l.chain.length; i++) {
    events.push({
      type: 'redirect',
      requestId,
      url: l.chain[i - 1]!,
      redirectUrl: l.chain[i]!,
      statusCode: l.statuses?.[i - 1] ?? 302,
      kind: 'main_frame',
      time: tick(),
    });
  }
  events.push(
    {
      type: 'response',
      requestId,
      url: last,
      kind: 'main_frame',
      statusCode: 200,
      hsts: l.hsts === undefined ? null : l.hsts,
      fromCache: false,
      time: tick(),
      ...(l.ip !== undefined ? { ip: l.ip } : {}),
      ...(l.httpVersion !== undefined ? { httpVersion: l.httpVersion } : {}),
    },
    {
      type: 'commit',
      url: last,
      transition: l.transition ?? 'typed',
      qualifiers: l.qualifiers ?? (l.chain.length > 1 ? ['server_redirect'] : []),
      time: tick(),
    },
  );
  for (const sub of l.subresources ?? []) {
    const { url, kind = 'other' } = typeof sub === 'string' ? { url: sub } : sub;
    events.push(resource(url, kind));
  }
  return events;
}

/** A subresource request from the current page. */
export function resource(
  url: string,
  kind: 'sub_frame' | 'websocket' | 'other',
  initiator?: string,
): TabEvent {
  return {
    type: 'request',
    requestId: String(++ids),
    url,
    kind,
    method: 'GET',
    time: tick(),
    ...(initiator !== undefined ? { initiator } : {}),
  };
}

/** The server of `url`, one of the page's requests, answered from `ip` (onResponseStarted). */
export function originIp(url: string, ip: string): TabEvent {
  return { type: 'origin-ip', url, ip, time: tick() };
}

export function run(events: TabEvent[], state: TabState = EMPTY_TAB): TabState {
  return events.reduce(reduceTab, state);
}

/** The report of tab 7 after `events`; `context` dates it and says where TLS details come from. */
export function report(
  events: TabEvent[],
  settings: CoreSettings = DEFAULT_SETTINGS,
  context?: ReportContext,
): TabReport {
  return buildReport(7, run(events), settings, context);
}

/** The ids of a report's findings, or of a list of findings, in order. */
export function ids_(r: TabReport | ReadonlyArray<{ id: string }>): string[] {
  return ('findings' in r ? r.findings : r).map((f) => f.id);
}

export function nextTime(): number {
  return tick();
}

/**
 * A login page redirected https → http → http on another host, with one plain and one secure
 * subresource: the report the copied-report tests read.
 */
export function shopDowngrade(): TabReport {
  return report(
    load({
      chain: [
        'https://shop.example/login',
        'http://shop.example/login',
        'http://www.shop.example/login',
      ],
      statuses: [301, 302],
      ip: '93.184.216.34',
      subresources: ['http://cdn.example/app.js', 'https://fonts.example/a.woff2'],
    }),
  );
}
