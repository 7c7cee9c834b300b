import type { PatternCheck } from '../core/allowlist';
import type { HistoryEntry } from '../core/history';
import { isSpkiSha256 } from '../core/known-roots';
import type { Message } from '../core/message';
import type { TabReport } from '../core/report';
import type { CoreSettings, SettingKey } from '../core/settings';

// The one message contract between the background and the pages and scripts it serves.
// Everything that crosses it is checked on arrival: a message is data, never trusted.

/** Name of the runtime port a view opens to follow one tab's report. */
export const REPORT_PORT = 'portwatch-report';

/** View → background, over the report port: send me this tab's report now and on every change. */
export interface WatchTab {
  type: 'watch';
  tabId: number;
}

/** Background → view, over the report port. */
export interface ReportMessage {
  type: 'report';
  report: TabReport;
}

/**
 * Content script → background (runtime.sendMessage): plain-HTTP references on an https page, and
 * the protocol the page was loaded over (its navigation timing's nextHopProtocol: `h2`, `h3`,
 * `http/1.1`…; absent when the browser did not say). The background reads only the known ones.
 */
export interface ReferencesMessage {
  type: 'references';
  pageUrl: string;
  urls: string[];
  protocol?: string;
}

/** Popup → background (runtime.sendMessage): read this tab's certificate with Chrome's debugger. */
export interface InspectTab {
  type: 'inspect';
  tabId: number;
}

/** Bounds on what a content script may send: a hostile page controls what it finds. */
export const MAX_REFERENCES = 200;
/** Longer than any protocol id a browser gives (`http/1.1`). */
export const MAX_PROTOCOL = 32;

export function isWatchTab(value: unknown): value is WatchTab {
  const v = value as Partial<WatchTab> | null;
  return typeof v === 'object' && v !== null && v.type === 'watch' && Number.isSafeInteger(v.tabId);
}

export function isReportMessage(value: unknown): value is ReportMessage {
  const v = value as Partial<ReportMessage> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.type === 'report' &&
    typeof v.report === 'object' &&
    v.report !== null
  );
}

export function isReferencesMessage(value: unknown): value is ReferencesMessage {
  const v = value as Partial<ReferencesMessage> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.type === 'references' &&
    typeof v.pageUrl === 'string' &&
    Array.isArray(v.urls) &&
    v.urls.length <= MAX_REFERENCES &&
    v.urls.every((u) => typeof u === 'string') &&
    (v.protocol === undefined ||
      (typeof v.protocol === 'string' && v.protocol.length <= MAX_PROTOCOL))
  );
}

export function isInspectTab(value: unknown): value is InspectTab {
  const v = value as Partial<InspectTab> | null;
  return (
    typeof v === 'object' && v !== null && v.type === 'inspect' && Number.isSafeInteger(v.tabId)
  );
}

// ---- Options and history pages → background (runtime.sendMessage, answered with a reply) ----

/** Whether Chrome's certificate-details permission can be, or is, granted. */
export type DebuggerPermission = 'granted' | 'not-granted' | 'not-offered';

export interface SettingsReply {
  /** The settings in force: the person's, with the organisation's policy over them. */
  settings: CoreSettings;
  debugger: DebuggerPermission;
  /** What the organisation's policy sets (locked on the page), and the names it could not use. */
  managed: { locked: SettingKey[]; ignored: string[] };
}

/** A reply's `managed` when no organisation's policy sets anything. */
export const NO_MANAGED: SettingsReply['managed'] = { locked: [], ignored: [] };

export interface MemoryStats {
  hosts: number;
  https: number;
  certificates: number;
}

/** What a page asks, and the reply each request gets. */
export interface PageRequests {
  'get-settings': { request: object; reply: SettingsReply };
  /** The whole settings object; the background validates it (readSettings) before storing. */
  'set-settings': { request: { settings: unknown }; reply: SettingsReply };
  'reset-settings': { request: object; reply: SettingsReply };
  'import-settings': {
    request: { text: string };
    reply: { ok: true; settings: SettingsReply } | { ok: false; error: Message };
  };
  'check-pattern': { request: { input: string }; reply: PatternCheck };
  /** Adds one pattern to the allowlist (the popup's "allowlist this host:port"). */
  'allowlist-add': { request: { input: string }; reply: PatternCheck };
  /** Marks a root as known (the popup's "I know this authority"); false when the list is full. */
  'know-root': { request: { spki: string; name: string }; reply: { ok: boolean } };
  'memory-stats': { request: object; reply: MemoryStats };
  'clear-memory': { request: { kind: 'https' | 'certificates' }; reply: MemoryStats };
  'get-history': { request: object; reply: HistoryEntry[] };
  'clear-history': { request: object; reply: HistoryEntry[] };
}

export type PageRequestType = keyof PageRequests;
export type PageRequest<K extends PageRequestType = PageRequestType> = K extends PageRequestType
  ? { type: K } & PageRequests[K]['request']
  : never;
export type PageReply<K extends PageRequestType> = PageRequests[K]['reply'];

const REQUEST_TYPES: readonly PageRequestType[] = [
  'get-settings',
  'set-settings',
  'reset-settings',
  'import-settings',
  'check-pattern',
  'allowlist-add',
  'know-root',
  'memory-stats',
  'clear-memory',
  'get-history',
  'clear-history',
];

export function isPageRequest(value: unknown): value is PageRequest {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null) return false;
  if (!REQUEST_TYPES.includes(v.type as PageRequestType)) return false;
  switch (v.type as PageRequestType) {
    // Any length: a request refused here gets no reply at all, so the size is checked where
    // the refusal can say why (settingsFromFile, before it parses anything).
    case 'import-settings':
      return typeof v.text === 'string';
    case 'check-pattern':
    case 'allowlist-add':
      return typeof v.input === 'string' && v.input.length <= 1000;
    case 'know-root':
      return isSpkiSha256(v.spki) && typeof v.name === 'string' && v.name.length <= 1000;
    case 'clear-memory':
      return v.kind === 'https' || v.kind === 'certificates';
    case 'set-settings':
      return 'settings' in v;
    default:
      return true;
  }
}
