import type {
  CommitEvent,
  HistoryStateEvent,
  ErrorEvent,
  NavigateEvent,
  OriginIpEvent,
  RedirectEvent,
  ReferencesEvent,
  RequestEvent,
  RequestKind,
  ResponseEvent,
} from '../core/events';
import { httpVersionOfProtocol, httpVersionOfStatusLine } from '../core/http-version';
import type { ReferencesMessage } from '../shared/messages';

// Turns browser event details into the core's events. Structural types, not the polyfill's, so
// the same code reads Chrome's and Firefox's details (each has fields the other lacks) and the
// adapters can be tested with plain objects copied from real events.

interface RequestDetails {
  requestId: string;
  url: string;
  tabId: number;
  type: string;
  method?: string;
  timeStamp: number;
  /** Chrome: origin of the document that made the request. */
  initiator?: string;
  /** Firefox: URL of the document the request is for, and of what triggered it. */
  documentUrl?: string;
  originUrl?: string;
  /** Chrome: `prerender` for a page loading invisibly in advance. */
  documentLifecycle?: string;
  ip?: string;
  statusCode?: number;
  redirectUrl?: string;
  fromCache?: boolean;
  error?: string;
  responseHeaders?: Array<{ name: string; value?: string }>;
  /** `HTTP/2.0 200 OK` in Firefox; Chrome's is made up (HTTP/1.1 for an HTTP/2 response). */
  statusLine?: string;
}

interface NavigationDetails {
  tabId: number;
  frameId: number;
  url: string;
  timeStamp: number;
  transitionType?: string;
  transitionQualifiers?: string[];
  documentLifecycle?: string;
  /** Chrome 106+; Firefox gives none. */
  documentId?: string;
}

/** Requests the core follows: those of a tab, from a visible document. */
export function isTabRequest(d: { tabId: number; documentLifecycle?: string }): boolean {
  return d.tabId >= 0 && d.documentLifecycle !== 'prerender';
}

export function kindOf(type: string): RequestKind {
  return type === 'main_frame' || type === 'sub_frame' || type === 'websocket' ? type : 'other';
}

function initiatorOf(d: RequestDetails): string | undefined {
  // Firefox: a top-level request has no documentUrl; originUrl is the page that started it.
  return d.documentUrl ?? d.originUrl ?? d.initiator;
}

export function toRequest(d: RequestDetails): RequestEvent {
  const initiator = initiatorOf(d);
  return {
    type: 'request',
    requestId: d.requestId,
    url: d.url,
    kind: kindOf(d.type),
    method: d.method ?? 'GET',
    time: d.timeStamp,
    ...(initiator !== undefined ? { initiator } : {}),
  };
}

export function toRedirect(d: RequestDetails): RedirectEvent {
  return {
    type: 'redirect',
    requestId: d.requestId,
    url: d.url,
    redirectUrl: d.redirectUrl ?? '',
    statusCode: d.statusCode ?? 0,
    kind: kindOf(d.type),
    time: d.timeStamp,
    ...(d.ip ? { ip: d.ip } : {}),
  };
}

function header(d: RequestDetails, name: string): string | null {
  const found = d.responseHeaders?.find((h) => h.name.toLowerCase() === name);
  return found?.value ?? null;
}

/**
 * A document's response. `statusLineVersion`: the browser's status line tells the HTTP version
 * (Firefox, told apart by the background as for TLS details: tls-firefox.ts hasSecurityInfo).
 */
export function toResponse(d: RequestDetails, statusLineVersion = false): ResponseEvent {
  const httpVersion = statusLineVersion ? httpVersionOfStatusLine(d.statusLine) : undefined;
  return {
    type: 'response',
    requestId: d.requestId,
    url: d.url,
    kind: kindOf(d.type),
    statusCode: d.statusCode ?? 0,
    hsts: header(d, 'strict-transport-security'),
    fromCache: d.fromCache ?? false,
    time: d.timeStamp,
    ...(d.ip ? { ip: d.ip } : {}),
    ...(httpVersion !== undefined ? { httpVersion } : {}),
  };
}

/**
 * The address the server of another of the page's requests answered from; null for the page's
 * own document (toResponse has it) and where the browser names none (a response from the cache
 * or a service worker).
 */
export function toOriginIp(d: RequestDetails): OriginIpEvent | null {
  if (d.type === 'main_frame' || typeof d.ip !== 'string' || d.ip === '') return null;
  return { type: 'origin-ip', url: d.url, ip: d.ip, time: d.timeStamp };
}

/**
 * The content script's message (checked already: isReferencesMessage), with the id of the
 * document that sent it where the browser names it (Chrome's MessageSender.documentId). Its
 * protocol counts only as one of the known HTTP versions.
 */
export function toReferences(
  m: ReferencesMessage,
  sender: { documentId?: unknown },
  time: number,
): ReferencesEvent {
  const httpVersion = httpVersionOfProtocol(m.protocol);
  return {
    type: 'references',
    pageUrl: m.pageUrl,
    urls: m.urls,
    time,
    ...(typeof sender.documentId === 'string' ? { documentId: sender.documentId } : {}),
    ...(httpVersion !== undefined ? { httpVersion } : {}),
  };
}

export function toError(d: RequestDetails): ErrorEvent {
  return {
    type: 'error',
    requestId: d.requestId,
    url: d.url,
    kind: kindOf(d.type),
    error: d.error ?? '',
    time: d.timeStamp,
    ...(d.ip ? { ip: d.ip } : {}),
  };
}

export function toCommit(d: NavigationDetails): CommitEvent {
  return {
    type: 'commit',
    url: d.url,
    transition: d.transitionType ?? '',
    qualifiers: d.transitionQualifiers ?? [],
    time: d.timeStamp,
    ...(typeof d.documentId === 'string' ? { documentId: d.documentId } : {}),
  };
}

export function toHistoryState(d: NavigationDetails): HistoryStateEvent {
  return { type: 'history-state', url: d.url, time: d.timeStamp };
}

export function toNavigate(d: NavigationDetails): NavigateEvent {
  return { type: 'navigate', url: d.url, time: d.timeStamp };
}
