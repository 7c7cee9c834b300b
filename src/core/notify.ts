import { isRecord, finite } from './checked';
import { findingText } from './finding-text';
import type { Finding, Severity } from './findings';
import { msg, type Message } from './message';
import { hostDisplay, parseUrl } from './url';

// Desktop notifications, bounded against a page that repeats its findings on purpose (a loop of
// https → 302 → http → script → https raises a danger on every load). Each tab has one
// notification, replaced rather than stacked; one host and finding kind notifies at most once per
// PER_KIND_MS; all tabs together at most PER_MINUTE a minute. The text names the host (and its
// punycode when it differs), never the page's attacker-chosen path. The report, the badge and the
// history still show every finding: only the interruption is limited.

export const PER_KIND_MS = 10 * 60_000;
export const PER_MINUTE = 3;
/** Host and kind pairs remembered: older ones beyond this are forgotten first. */
const MAX_KEYS = 200;
const MAX_HOST = 300;

export interface NotifyLimits {
  /** `host finding-id` → epoch ms of its last notification. */
  sent: Record<string, number>;
  /** Epoch ms of the notifications of the last minute. */
  recent: number[];
}

export const NO_LIMITS: NotifyLimits = { sent: {}, recent: [] };

/** Stored limits, validated; anything malformed counts as nothing sent. */
export function readNotifyLimits(raw: unknown): NotifyLimits {
  if (!isRecord(raw)) return NO_LIMITS;
  const sent: Record<string, number> = {};
  if (isRecord(raw.sent)) {
    for (const [key, value] of Object.entries(raw.sent).slice(0, MAX_KEYS)) {
      const at = finite(value);
      if (at !== undefined && key.length <= MAX_HOST + 40) sent[key] = at;
    }
  }
  const recent = Array.isArray(raw.recent)
    ? raw.recent.slice(-PER_MINUTE).flatMap((t) => (finite(t) === undefined ? [] : [t as number]))
    : [];
  return { sent, recent };
}

/** One notification for a tab: the worst finding let through, and how many more came with it. */
export interface TabNotification {
  /** Always the tab's own id: a new notification replaces the tab's last one. */
  id: string;
  severity: Severity;
  title: Message;
  message: Message;
}

export const NOTIFICATION_PREFIX = 'portwatch:';

export function notificationId(tabId: number): string {
  return `${NOTIFICATION_PREFIX}${tabId}`;
}

/** The tab a Portwatch notification is about (also ids of earlier versions, `portwatch:7:…`). */
export function tabOfNotification(id: string): number | null {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return null;
  const tabId = Number(id.slice(NOTIFICATION_PREFIX.length).split(':')[0]);
  return Number.isSafeInteger(tabId) ? tabId : null;
}

/** The limits without what has expired at `now`, and within MAX_KEYS. */
function fresh(limits: NotifyLimits, now: number): NotifyLimits {
  const kept = Object.entries(limits.sent)
    .filter(([, at]) => at <= now && now - at < PER_KIND_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_KEYS);
  return {
    sent: Object.fromEntries(kept),
    recent: limits.recent.filter((at) => at <= now && now - at < 60_000),
  };
}

export interface Admitted {
  notification: TabNotification | null;
  limits: NotifyLimits;
}

/**
 * What to show for `findings` (worst first, each one the tab's page calls for) on the page at
 * `pageUrl`: those whose host and kind have not notified within PER_KIND_MS, as one notification
 * naming the worst, if the minute's budget allows one more. The limits come back updated.
 */
export function admit(
  limits: NotifyLimits,
  tabId: number,
  pageUrl: string,
  findings: readonly Finding[],
  now: number,
): Admitted {
  const current = fresh(limits, now);
  const url = parseUrl(pageUrl);
  const host = (url?.host ?? '').slice(0, MAX_HOST);
  const due = findings.filter((f) => current.sent[`${host} ${f.id}`] === undefined);
  if (due.length === 0 || current.recent.length >= PER_MINUTE)
    return { notification: null, limits: current };
  const sent = { ...current.sent };
  for (const f of due) sent[`${host} ${f.id}`] = now;
  const worst = due[0]!;
  const where = url ? hostDisplay(url) : '';
  return {
    notification: {
      id: notificationId(tabId),
      severity: worst.severity,
      title: findingText(worst).title,
      message:
        due.length > 1
          ? msg('notify_message_more', where, due.length - 1)
          : msg('notify_message', where),
    },
    limits: { sent, recent: [...current.recent, now] },
  };
}
