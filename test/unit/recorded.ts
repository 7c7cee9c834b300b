// Recordings of what a real browser delivered to an extension (test/fixtures/events/, made with
// `npm run record`, see test/recorder/record.ts), turned into the core's events by Portwatch's own
// adapters, each listener as src/background/index.ts wires it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isTabRequest,
  toCommit,
  toError,
  toNavigate,
  toRedirect,
  toRequest,
  toResponse,
} from '../../src/background/to-events';
import type { TabEvent } from '../../src/core/events';

export const EVENTS_DIR = fileURLToPath(new URL('../fixtures/events', import.meta.url));

/** One event as the recorder kept it: the listener's name and the details' fields. */
export interface RecordedEvent {
  listener: string;
  requestId?: string;
  url: string;
  type?: string;
  method?: string;
  frameId?: number;
  tabId: number;
  timeStamp: number;
  initiator?: string;
  originUrl?: string;
  documentUrl?: string;
  ip?: string;
  statusCode?: number;
  redirectUrl?: string;
  error?: string;
  fromCache?: boolean;
  transitionType?: string;
  transitionQualifiers?: string[];
  documentLifecycle?: string;
  responseHeaders?: Array<{ name: string; value?: string }>;
}

export interface Recording {
  /** `chromium-upgrade-link-same-site-order2`: browser, scenario id, which order of events. */
  name: string;
  browser: 'chromium' | 'firefox';
  scenario: string;
  events: RecordedEvent[];
}

export function recordings(): Recording[] {
  return readdirSync(EVENTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json$/, '');
      const match = /^(chromium|firefox)-(.+)-order\d+$/.exec(name);
      if (!match) throw new Error(`${file}: not named BROWSER-SCENARIO-orderN.json`);
      const events = JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8')) as RecordedEvent[];
      return {
        name,
        browser: match[1] as Recording['browser'],
        scenario: match[2]!,
        events,
      };
    });
}

const DOCUMENT_TYPES = new Set(['main_frame', 'sub_frame']);

/** What the background dispatches for one recorded event, if anything. */
function coreEvent(e: RecordedEvent): TabEvent | null {
  const request = { ...e, type: e.type ?? '' };
  switch (e.listener) {
    case 'webRequest.onBeforeRequest':
      return isTabRequest(e) ? toRequest(request as Parameters<typeof toRequest>[0]) : null;
    case 'webRequest.onBeforeRedirect':
      return isTabRequest(e) && DOCUMENT_TYPES.has(request.type)
        ? toRedirect(request as Parameters<typeof toRedirect>[0])
        : null;
    case 'webRequest.onResponseStarted':
      return isTabRequest(e) && request.type === 'main_frame'
        ? toResponse(request as Parameters<typeof toResponse>[0])
        : null;
    case 'webRequest.onErrorOccurred':
      return isTabRequest(e) && request.type === 'main_frame'
        ? toError(request as Parameters<typeof toError>[0])
        : null;
  }
  if (e.frameId !== 0 || !isTabRequest(e)) return null;
  const nav = { ...e, frameId: 0 };
  switch (e.listener) {
    case 'webNavigation.onBeforeNavigate':
      return toNavigate(nav);
    case 'webNavigation.onCommitted':
      return toCommit(nav);
    case 'webNavigation.onCompleted':
    case 'webNavigation.onErrorOccurred':
      return { type: 'settled', url: e.url, time: e.timeStamp };
  }
  return null;
}

/** The core events of the recording's last tab (the scenario's), in the order they arrived. */
export function coreEvents(r: Recording): TabEvent[] {
  const commits = r.events.filter((e) => e.listener === 'webNavigation.onCommitted');
  const tab = commits[commits.length - 1]?.tabId;
  return r.events
    .filter((e) => e.tabId === tab)
    .map(coreEvent)
    .filter((e): e is TabEvent => e !== null);
}
