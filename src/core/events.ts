import type { TlsInfo } from './cert/model';
import type { HttpVersion } from './http-version';
import type { HostMemory } from './memory';

// What the background tells the core. Each event is a plain, serialisable copy of the facts a
// browser event carried, already stripped to what the core uses; the adapters build them.

/** webRequest resource types the core distinguishes; everything else is `other`. */
export type RequestKind = 'main_frame' | 'sub_frame' | 'websocket' | 'other';

interface Base {
  /** Epoch milliseconds. */
  time: number;
}

/**
 * The top frame starts a navigation to `url` (webNavigation.onBeforeNavigate, frameId 0): the URL
 * as the person or the page asked for it, before the browser upgrades it to https.
 */
export interface NavigateEvent extends Base {
  type: 'navigate';
  url: string;
}

/** A request is about to be sent (webRequest.onBeforeRequest). */
export interface RequestEvent extends Base {
  type: 'request';
  requestId: string;
  url: string;
  kind: RequestKind;
  method: string;
  /** The document that made the request: Chrome's `initiator` (an origin), Firefox's `documentUrl` or `originUrl`. */
  initiator?: string;
}

/** A server answered with a redirect (webRequest.onBeforeRedirect). */
export interface RedirectEvent extends Base {
  type: 'redirect';
  requestId: string;
  url: string;
  redirectUrl: string;
  statusCode: number;
  kind: RequestKind;
  ip?: string;
}

/** Response headers arrived for a document (webRequest.onResponseStarted). */
export interface ResponseEvent extends Base {
  type: 'response';
  requestId: string;
  url: string;
  kind: RequestKind;
  statusCode: number;
  ip?: string;
  /** Value of Strict-Transport-Security, or null when the response had none. */
  hsts: string | null;
  fromCache: boolean;
  /**
   * The HTTP version of the response, where the browser's status line tells it (Firefox; Chrome
   * writes HTTP/1.1 there for an HTTP/2 response, so none is taken from it).
   */
  httpVersion?: HttpVersion;
}

/**
 * A response to a request of the page's other than its own document (webRequest.onResponseStarted,
 * every type but main_frame): the address the server of `url` answered from, as the browser gives
 * it (unchecked: the reducer keeps it only as an IP literal).
 */
export interface OriginIpEvent extends Base {
  type: 'origin-ip';
  url: string;
  ip: string;
}

/** A document request failed (webRequest.onErrorOccurred or webNavigation.onErrorOccurred). */
export interface ErrorEvent extends Base {
  type: 'error';
  requestId?: string;
  url: string;
  kind: RequestKind;
  error: string;
  /** The address connected to, when the browser says (Firefox does even for TLS errors). */
  ip?: string;
}

/** The top frame committed a new document (webNavigation.onCommitted, frameId 0). */
export interface CommitEvent extends Base {
  type: 'commit';
  url: string;
  transition: string;
  qualifiers: string[];
  /** Chrome: the committed document's id (webNavigation documentId); Firefox gives none. */
  documentId?: string;
}

/**
 * The page changed its own URL without loading another document (history.pushState or
 * replaceState: webNavigation.onHistoryStateUpdated), as single-page apps do.
 */
export interface HistoryStateEvent extends Base {
  type: 'history-state';
  url: string;
}

/** The content script's list of plain-HTTP references on an https page. */
export interface ReferencesEvent extends Base {
  type: 'references';
  pageUrl: string;
  urls: string[];
  /** Chrome: the id of the document that sent them (runtime.MessageSender documentId). */
  documentId?: string;
  /** The HTTP version the document was loaded over, from its navigation timing (nextHopProtocol). */
  httpVersion?: HttpVersion;
}

/**
 * TLS details of a document's connection: Firefox's webRequest.getSecurityInfo (matched to the
 * load by requestId), or Chrome's debugger (its own request ids: matched by URL, no requestId).
 */
export interface SecurityEvent extends Base {
  type: 'security';
  /** Absent: the top frame's document. */
  kind?: 'main_frame' | 'sub_frame';
  requestId?: string;
  url: string;
  tls: TlsInfo;
}

/** What was remembered about the committed page's host before this visit (null: nothing). */
export interface MemoryEvent extends Base {
  type: 'memory';
  url: string;
  remembered: HostMemory | null;
}

/** The top frame's load of `url` is over (webNavigation.onCompleted or onErrorOccurred). */
export interface SettledEvent extends Base {
  type: 'settled';
  url: string;
}

/** Why reading certificate details through Chrome's debugger did not succeed. */
export const INSPECT_FAILURES = [
  /** Another debugger (DevTools, another extension) holds the tab. */
  'already-attached',
  /** The browser refuses to debug this page (the Web Store, another extension's page). */
  'cannot-attach',
  /** The person closed the debugging bar ("Cancel"), which detaches the debugger. */
  'canceled',
  /** The reloaded page failed to load. */
  'load-failed',
  /** No answer in time. */
  'timeout',
  /** The permission is not granted. */
  'no-permission',
] as const;
export type InspectFailure = (typeof INSPECT_FAILURES)[number];

/** Chrome's debugger inspection of the tab: started, failed, or over (details arrived, or none). */
export interface InspectionEvent extends Base {
  type: 'inspection';
  status: 'running' | 'failed' | 'over';
  reason?: InspectFailure;
}

export type TabEvent =
  | NavigateEvent
  | RequestEvent
  | RedirectEvent
  | ResponseEvent
  | OriginIpEvent
  | ErrorEvent
  | CommitEvent
  | HistoryStateEvent
  | ReferencesEvent
  | SecurityEvent
  | InspectionEvent
  | MemoryEvent
  | SettledEvent;
