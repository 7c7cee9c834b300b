import { readTlsInfo } from './cert/read';
import { MAX_NOTED } from './alerts';
import { FINDING_IDS, type FindingId } from './findings';
import { readEntry } from './memory';
import { INSPECT_FAILURES, type RequestKind } from './events';
import {
  EMPTY_TAB,
  LIMITS,
  type FrameTls,
  type Hop,
  type Inspection,
  type Navigation,
  type OriginFacts,
  type PageFacts,
  type TabState,
} from './tab-state';
import { bound, MAX_ERROR, MAX_HEADER, MAX_URL } from './text';

// Reads a tab's state back from storage. Storage can hold anything (an older version's shape, a
// corrupted write): each part is checked, and a bad part falls back to empty, keeping the rest.

type Obj = Record<string, unknown>;

const KINDS: readonly RequestKind[] = ['main_frame', 'sub_frame', 'websocket', 'other'];

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, max = MAX_URL): string | undefined {
  return typeof v === 'string' ? bound(v, max) : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function list<T>(v: unknown, max: number, item: (x: unknown) => T | undefined): T[] {
  if (!Array.isArray(v)) return [];
  const out: T[] = [];
  for (const x of v.slice(0, max)) {
    const parsed = item(x);
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

function hop(v: unknown): Hop | undefined {
  if (!isObj(v)) return undefined;
  const from = str(v.from);
  const to = str(v.to);
  if (from === undefined || to === undefined) return undefined;
  const out: Hop = { from, to, status: num(v.status) ?? 0, time: num(v.time) ?? 0 };
  if (v.browser === 'upgrade' || v.browser === 'fallback') out.browser = v.browser;
  const error = str(v.error, MAX_ERROR);
  if (error !== undefined) out.error = error;
  return out;
}

function origin(v: unknown): OriginFacts | undefined {
  if (!isObj(v)) return undefined;
  const o = str(v.origin);
  if (o === undefined) return undefined;
  const kinds = list(v.kinds, KINDS.length, (k) =>
    KINDS.includes(k as RequestKind) ? (k as RequestKind) : undefined,
  );
  return { origin: o, requests: num(v.requests) ?? 0, kinds };
}

function frameTls(v: unknown): FrameTls | undefined {
  if (!isObj(v)) return undefined;
  const url = str(v.url);
  const tls = readTlsInfo(v.tls);
  return url !== undefined && tls !== undefined ? { url, tls } : undefined;
}

/** Optional fields shared by a navigation and a page. */
function optional(v: Obj): Partial<PageFacts> {
  const out: Partial<PageFacts> = {};
  const initiator = str(v.initiator);
  if (initiator !== undefined) out.initiator = initiator;
  const ip = str(v.ip, 64);
  if (ip !== undefined) out.ip = ip;
  const status = num(v.statusCode);
  if (status !== undefined) out.statusCode = status;
  if (v.hsts === null) out.hsts = null;
  else if (typeof v.hsts === 'string') out.hsts = bound(v.hsts, MAX_HEADER);
  const tls = readTlsInfo(v.tls);
  if (tls !== undefined) out.tls = tls;
  const fallbackFrom = str(v.fallbackFrom, 64);
  if (fallbackFrom !== undefined) out.fallbackFrom = fallbackFrom;
  return out;
}

function navigation(v: unknown): Navigation | null {
  if (!isObj(v)) return null;
  const requestId = str(v.requestId, 64);
  const url = str(v.url);
  if (requestId === undefined || url === undefined) return null;
  return {
    requestId,
    url,
    firstUrl: str(v.firstUrl) ?? url,
    method: str(v.method, 16) ?? 'GET',
    hops: list(v.hops, LIMITS.hops, hop),
    hopsDropped: num(v.hopsDropped) ?? 0,
    startedAt: num(v.startedAt) ?? 0,
    ...(optional(v) as Partial<Navigation>),
    ...(typeof v.attemptError === 'string'
      ? { attemptError: bound(v.attemptError, MAX_ERROR) }
      : {}),
  };
}

function page(v: unknown): PageFacts | null {
  if (!isObj(v)) return null;
  const url = str(v.url);
  if (url === undefined) return null;
  const out: PageFacts = {
    url,
    committedAt: num(v.committedAt) ?? 0,
    transition: str(v.transition, 32) ?? '',
    qualifiers: list(v.qualifiers, 8, (q) => str(q, 32)),
    hops: list(v.hops, LIMITS.hops, hop),
    hopsDropped: num(v.hopsDropped) ?? 0,
    frameDowngrades: list(v.frameDowngrades, LIMITS.frameDowngrades, hop),
    origins: list(v.origins, LIMITS.origins, origin),
    originsDropped: num(v.originsDropped) ?? 0,
    insecureUrls: list(v.insecureUrls, LIMITS.insecureUrls, (u) => str(u)),
    insecureUrlsDropped: num(v.insecureUrlsDropped) ?? 0,
    ...optional(v),
  };
  for (const key of ['previousUrl', 'firstUrl'] as const) {
    const value = str(v[key]);
    if (value !== undefined) out[key] = value;
  }
  const requestId = str(v.requestId, 64);
  if (requestId !== undefined) out.requestId = requestId;
  const method = str(v.method, 16);
  if (method !== undefined) out.method = method;
  const error = str(v.error, MAX_ERROR);
  if (error !== undefined) out.error = error;
  if (v.settled === true) out.settled = true;
  const notified = list(v.notified, MAX_NOTED, (id) =>
    FINDING_IDS.includes(id as FindingId) ? (id as FindingId) : undefined,
  );
  if (notified.length > 0) out.notified = notified;
  const logged = list(v.logged, MAX_NOTED, (key) => str(key, 300));
  if (logged.length > 0) out.logged = logged;
  if (v.remembered === null) out.remembered = null;
  else {
    const remembered = readEntry(v.remembered);
    if (remembered) out.remembered = remembered;
  }
  const frames = list(v.frameTls, LIMITS.frameTls, frameTls);
  if (frames.length > 0) out.frameTls = frames;
  return out;
}

function inspection(v: unknown): Inspection | undefined {
  if (!isObj(v)) return undefined;
  const since = num(v.since);
  if (v.state === 'running' && since !== undefined) return { state: 'running', since };
  const at = num(v.at);
  const reason = INSPECT_FAILURES.find((f) => f === v.reason);
  if (v.state === 'failed' && at !== undefined && reason !== undefined)
    return { state: 'failed', reason, at };
  return undefined;
}

export function readTabState(raw: unknown): TabState {
  if (!isObj(raw)) return EMPTY_TAB;
  const state: TabState = {
    nav: navigation(raw.nav),
    page: page(raw.page),
    recent: list(raw.recent, LIMITS.recentPages, (p) => page(p) ?? undefined),
  };
  const intended = isObj(raw.intended) ? str(raw.intended.url) : undefined;
  if (intended !== undefined && isObj(raw.intended))
    state.intended = { url: intended, time: num(raw.intended.time) ?? 0 };
  const inspecting = inspection(raw.inspection);
  return inspecting ? { ...state, inspection: inspecting } : state;
}
