import { readTlsInfo } from './cert/read';
import { boundedText, finite, isRecord, listOf, oneOf } from './checked';
import { MAX_NOTED } from './alerts';
import { FINDING_IDS, type FindingId } from './findings';
import { isHttpVersion } from './http-version';
import { ipLiteral } from './ip';
import { readHostMemory } from './memory';
import { INSPECT_FAILURES, type RequestKind } from './events';
import {
  EMPTY_TAB,
  LIMITS,
  MAX_DOCUMENT_ID,
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

const KINDS: readonly RequestKind[] = ['main_frame', 'sub_frame', 'websocket', 'other'];

const str = (v: unknown, max = MAX_URL): string | undefined => boundedText(v, max);

function hop(v: unknown): Hop | undefined {
  if (!isRecord(v)) return undefined;
  const from = str(v.from);
  const to = str(v.to);
  if (from === undefined || to === undefined) return undefined;
  const out: Hop = { from, to, status: finite(v.status) ?? 0, time: finite(v.time) ?? 0 };
  if (v.browser === 'upgrade' || v.browser === 'fallback') out.browser = v.browser;
  const error = str(v.error, MAX_ERROR);
  if (error !== undefined) out.error = error;
  return out;
}

function origin(v: unknown): OriginFacts | undefined {
  if (!isRecord(v)) return undefined;
  const o = str(v.origin);
  if (o === undefined) return undefined;
  const kinds = listOf(v.kinds, KINDS.length, (k) => oneOf(KINDS, k));
  const out: OriginFacts = { origin: o, requests: finite(v.requests) ?? 0, kinds };
  const ip = typeof v.ip === 'string' ? ipLiteral(v.ip) : undefined;
  if (ip !== undefined) out.ip = ip;
  return out;
}

function frameTls(v: unknown): FrameTls | undefined {
  if (!isRecord(v)) return undefined;
  const url = str(v.url);
  const tls = readTlsInfo(v.tls);
  return url !== undefined && tls !== undefined ? { url, tls } : undefined;
}

/** Optional fields shared by a navigation and a page. */
function optional(v: Record<string, unknown>): Partial<PageFacts> {
  const out: Partial<PageFacts> = {};
  const initiator = str(v.initiator);
  if (initiator !== undefined) out.initiator = initiator;
  const ip = str(v.ip, 64);
  if (ip !== undefined) out.ip = ip;
  const status = finite(v.statusCode);
  if (status !== undefined) out.statusCode = status;
  if (v.hsts === null) out.hsts = null;
  else if (typeof v.hsts === 'string') out.hsts = bound(v.hsts, MAX_HEADER);
  if (isHttpVersion(v.httpVersion)) out.httpVersion = v.httpVersion;
  const tls = readTlsInfo(v.tls);
  if (tls !== undefined) out.tls = tls;
  const fallbackFrom = str(v.fallbackFrom, 64);
  if (fallbackFrom !== undefined) out.fallbackFrom = fallbackFrom;
  return out;
}

function navigation(v: unknown): Navigation | null {
  if (!isRecord(v)) return null;
  const requestId = str(v.requestId, 64);
  const url = str(v.url);
  if (requestId === undefined || url === undefined) return null;
  return {
    requestId,
    url,
    firstUrl: str(v.firstUrl) ?? url,
    method: str(v.method, 16) ?? 'GET',
    hops: listOf(v.hops, LIMITS.hops, hop),
    hopsDropped: finite(v.hopsDropped) ?? 0,
    startedAt: finite(v.startedAt) ?? 0,
    ...(optional(v) as Partial<Navigation>),
    ...(typeof v.attemptError === 'string'
      ? { attemptError: bound(v.attemptError, MAX_ERROR) }
      : {}),
  };
}

function page(v: unknown): PageFacts | null {
  if (!isRecord(v)) return null;
  const url = str(v.url);
  if (url === undefined) return null;
  const out: PageFacts = {
    url,
    committedAt: finite(v.committedAt) ?? 0,
    transition: str(v.transition, 32) ?? '',
    qualifiers: listOf(v.qualifiers, 8, (q) => str(q, 32)),
    hops: listOf(v.hops, LIMITS.hops, hop),
    hopsDropped: finite(v.hopsDropped) ?? 0,
    frameDowngrades: listOf(v.frameDowngrades, LIMITS.frameDowngrades, hop),
    origins: listOf(v.origins, LIMITS.origins, origin),
    originsDropped: finite(v.originsDropped) ?? 0,
    insecureUrls: listOf(v.insecureUrls, LIMITS.insecureUrls, (u) => str(u)),
    insecureUrlsDropped: finite(v.insecureUrlsDropped) ?? 0,
    ...optional(v),
  };
  for (const key of ['previousUrl', 'firstUrl'] as const) {
    const value = str(v[key]);
    if (value !== undefined) out[key] = value;
  }
  const requestId = str(v.requestId, 64);
  if (requestId !== undefined) out.requestId = requestId;
  const documentId = str(v.documentId, MAX_DOCUMENT_ID);
  if (documentId !== undefined) out.documentId = documentId;
  const method = str(v.method, 16);
  if (method !== undefined) out.method = method;
  const error = str(v.error, MAX_ERROR);
  if (error !== undefined) out.error = error;
  if (v.settled === true) out.settled = true;
  const notified = listOf(v.notified, MAX_NOTED, (id) =>
    FINDING_IDS.includes(id as FindingId) ? (id as FindingId) : undefined,
  );
  if (notified.length > 0) out.notified = notified;
  const logged = listOf(v.logged, MAX_NOTED, (key) => str(key, 300));
  if (logged.length > 0) out.logged = logged;
  if (v.remembered === null) out.remembered = null;
  else {
    const remembered = readHostMemory(v.remembered);
    if (remembered) out.remembered = remembered;
  }
  const frames = listOf(v.frameTls, LIMITS.frameTls, frameTls);
  if (frames.length > 0) out.frameTls = frames;
  return out;
}

function inspection(v: unknown): Inspection | undefined {
  if (!isRecord(v)) return undefined;
  const since = finite(v.since);
  if (v.state === 'running' && since !== undefined) return { state: 'running', since };
  const at = finite(v.at);
  const reason = INSPECT_FAILURES.find((f) => f === v.reason);
  if (v.state === 'failed' && at !== undefined && reason !== undefined)
    return { state: 'failed', reason, at };
  return undefined;
}

export function readTabState(raw: unknown): TabState {
  if (!isRecord(raw)) return EMPTY_TAB;
  const state: TabState = {
    nav: navigation(raw.nav),
    page: page(raw.page),
    recent: listOf(raw.recent, LIMITS.recentPages, (p) => page(p) ?? undefined),
  };
  const intended = isRecord(raw.intended) ? str(raw.intended.url) : undefined;
  if (intended !== undefined && isRecord(raw.intended))
    state.intended = { url: intended, time: finite(raw.intended.time) ?? 0 };
  const inspecting = inspection(raw.inspection);
  return inspecting ? { ...state, inspection: inspecting } : state;
}
