import type { TabReport } from '../core/report';

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

/** Content script → background (runtime.sendMessage): plain-HTTP references on an https page. */
export interface ReferencesMessage {
  type: 'references';
  pageUrl: string;
  urls: string[];
}

/** Popup → background (runtime.sendMessage): read this tab's certificate with Chrome's debugger. */
export interface InspectTab {
  type: 'inspect';
  tabId: number;
}

/** Bounds on what a content script may send: a hostile page controls what it finds. */
export const MAX_REFERENCES = 200;

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
    v.urls.every((u) => typeof u === 'string')
  );
}

export function isInspectTab(value: unknown): value is InspectTab {
  const v = value as Partial<InspectTab> | null;
  return (
    typeof v === 'object' && v !== null && v.type === 'inspect' && Number.isSafeInteger(v.tabId)
  );
}
