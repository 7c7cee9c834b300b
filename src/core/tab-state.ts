import type { TlsInfo } from './cert/model';
import type { InspectFailure, RequestKind } from './events';
import type { FindingId } from './findings';
import type { HttpVersion } from './http-version';
import type { HostMemory } from './memory';

// What the core remembers about one tab: plain data, so it can be stored in storage.session as
// is and survive the background being stopped. Every list is bounded (see LIMITS).

export const LIMITS = {
  /** Redirect hops kept per chain; a longer chain keeps its first hops and counts the rest. */
  hops: 20,
  /** Sub-frame downgrades kept per page. */
  frameDowngrades: 10,
  /** Distinct other origins kept per page. */
  origins: 100,
  /** Distinct plain-HTTP resource URLs kept per page. */
  insecureUrls: 50,
  /** Sub-frame origins whose TLS details are kept per page (Firefox), first seen first. */
  frameTls: 10,
  /** Earlier pages kept per tab, so a back/forward load shows its last report. */
  recentPages: 3,
} as const;

/** A document id as Chrome writes it is 32 hex digits; anything longer is cut. */
export const MAX_DOCUMENT_ID = 64;

export interface Hop {
  from: string;
  to: string;
  /** The redirect's HTTP status; 0 for a step the browser made itself. */
  status: number;
  time: number;
  /**
   * A step the browser made itself, not a server's redirect (see upgrade.ts): its own upgrade of
   * an http URL to https, or its fallback to http once that attempt failed.
   */
  browser?: 'upgrade' | 'fallback';
  /** For a fallback: why the https attempt failed, in the browser's words (absent: not seen). */
  error?: string;
}

/** The top-frame request in flight, before it commits. */
export interface Navigation {
  requestId: string;
  /** The URL the chain has reached so far (after the latest redirect). */
  url: string;
  firstUrl: string;
  method: string;
  initiator?: string;
  hops: Hop[];
  hopsDropped: number;
  ip?: string;
  statusCode?: number;
  /** Strict-Transport-Security value; null when the response had none; absent when unknown. */
  hsts?: string | null;
  /** From the response's status line (Firefox only: see ResponseEvent). */
  httpVersion?: HttpVersion;
  tls?: TlsInfo;
  startedAt: number;
  /** The browser's https attempt (the last hop, an upgrade) failed with this error. */
  attemptError?: string;
  /** The request id of the https attempt this load is the fallback of (see PageFacts). */
  fallbackFrom?: string;
}

/** The TLS details of a sub-frame's document (Firefox), its certificates without their PEM. */
export interface FrameTls {
  url: string;
  tls: TlsInfo;
}

export interface OriginFacts {
  origin: string;
  requests: number;
  kinds: RequestKind[];
  /** The address its server first answered from (an IP literal, at most MAX_IP characters). */
  ip?: string;
}

/** The document committed in the top frame, and what was seen while it is shown. */
export interface PageFacts {
  url: string;
  committedAt: number;
  transition: string;
  qualifiers: string[];
  /** The page this tab showed before this one. */
  previousUrl?: string;
  /** Chrome: the committed document's id, which the content script's messages carry too. */
  documentId?: string;
  /** Request that loaded this page, when one was seen (none for cache and back/forward loads). */
  requestId?: string;
  firstUrl?: string;
  method?: string;
  initiator?: string;
  hops: Hop[];
  hopsDropped: number;
  ip?: string;
  statusCode?: number;
  hsts?: string | null;
  /**
   * The HTTP version the page was loaded over: the document's own word (the content script's
   * nextHopProtocol) where it came, else the response's status line (Firefox).
   */
  httpVersion?: HttpVersion;
  /** TLS details of the page's connection, where the browser gives them. */
  tls?: TlsInfo;
  /**
   * What was remembered about this host before this visit: null when nothing, absent until the
   * memory was consulted (or when remembering is off).
   */
  remembered?: HostMemory | null;
  /** The load is over (webNavigation.onCompleted or onErrorOccurred): alerts may go out. */
  settled?: boolean;
  /** Finding kinds already notified for this page; finding keys already in the history. */
  notified?: FindingId[];
  logged?: string[];
  /** Sub-frames' TLS details, one per origin (absent until a frame's arrive). */
  frameTls?: FrameTls[];
  /** The browser's error text when the page failed to load. */
  error?: string;
  /**
   * The request id of the browser's https attempt this page fell back from: events of that
   * request that arrive late (Firefox) are the attempt's, never this page's.
   */
  fallbackFrom?: string;
  frameDowngrades: Hop[];
  origins: OriginFacts[];
  originsDropped: number;
  insecureUrls: string[];
  insecureUrlsDropped: number;
}

/** Chrome's debugger reading this tab's certificate (the reload it needs commits a new page). */
export type Inspection =
  { state: 'running'; since: number } | { state: 'failed'; reason: InspectFailure; at: number };

export interface TabState {
  /**
   * Where the top frame's latest navigation set out for (webNavigation.onBeforeNavigate): in
   * Chromium, the only sign that a request for an https URL is the browser's upgrade of http.
   */
  intended?: { url: string; time: number };
  nav: Navigation | null;
  page: PageFacts | null;
  recent: PageFacts[];
  /** Absent when no inspection is running or has just failed. */
  inspection?: Inspection;
}

export const EMPTY_TAB: TabState = { nav: null, page: null, recent: [] };
