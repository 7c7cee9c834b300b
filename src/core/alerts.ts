import { assessPage } from './assess';
import { compareFindings, severityRank, type Finding, type FindingId } from './findings';
import type { CoreSettings, NotifyLevel } from './settings';
import type { PageFacts, TabState } from './tab-state';
import { bound } from './text';

// Which of a page's findings are new enough to tell the person about: a desktop notification
// (at most one per finding kind per tab per page, at or above their level) and a line in the
// history (each distinct finding of a page once). Both wait until the page's load has settled:
// Firefox can show a page for a moment before its late request events arrive, and a finding
// seen only in that moment would cry wolf.

/** How many notified kinds and logged findings a page remembers (bounds its stored state). */
export const MAX_NOTED = 40;

/** A finding's identity within its page: its kind and the URL it is about. */
export function findingKey(f: Finding): string {
  return bound(`${f.id} ${f.evidence.url ?? ''}`, 300);
}

function counts(f: Finding, level: NotifyLevel): boolean {
  if (level === 'off' || f.allowlisted || f.softened) return false;
  return severityRank(f.severity) >= severityRank(level === 'danger' ? 'danger' : 'warning');
}

export interface Alerts {
  /** One finding per kind to notify, worst first. */
  notify: Finding[];
  /** Findings to add to the history. */
  log: Finding[];
}

export const NO_ALERTS: Alerts = { notify: [], log: [] };

/**
 * What the page's findings call for that was not done yet. `findings` are the page's, worst
 * first (as in the report); `logging` is whether the history keeps anything.
 */
export function newAlerts(
  page: PageFacts | null,
  findings: readonly Finding[],
  level: NotifyLevel,
  logging: boolean,
): Alerts {
  if (!page?.settled) return NO_ALERTS;
  const notified = new Set<FindingId>(page.notified ?? []);
  const logged = new Set(page.logged ?? []);
  const notify: Finding[] = [];
  const log: Finding[] = [];
  for (const f of findings) {
    if (counts(f, level) && !notified.has(f.id) && notified.size < MAX_NOTED) {
      notified.add(f.id);
      notify.push(f);
    }
    const key = findingKey(f);
    if (logging && !f.allowlisted && !logged.has(key) && logged.size < MAX_NOTED) {
      logged.add(key);
      log.push(f);
    }
  }
  return { notify, log };
}

/** The tab's state once `alerts` are done: the page remembers them, so none repeats. */
export function markAlerted(state: TabState, alerts: Alerts): TabState {
  const page = state.page;
  if (!page || (alerts.notify.length === 0 && alerts.log.length === 0)) return state;
  const notified = [...(page.notified ?? []), ...alerts.notify.map((f) => f.id)];
  const logged = [...(page.logged ?? []), ...alerts.log.map(findingKey)];
  return {
    ...state,
    page: {
      ...page,
      notified: [...new Set(notified)].slice(0, MAX_NOTED),
      logged: [...new Set(logged)].slice(0, MAX_NOTED),
    },
  };
}

/** The page's findings as the report orders them, and what they call for that was not done. */
export function alertsFor(state: TabState, settings: CoreSettings, now: number): Alerts {
  const page = state.page;
  if (!page?.settled) return NO_ALERTS;
  const findings = assessPage(page, settings, now).sort(compareFindings);
  return newAlerts(page, findings, settings.notify, settings.historyDays > 0);
}
