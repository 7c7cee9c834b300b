import { badgeFor } from '../core/badge';
import type { Finding } from '../core/findings';
import { buildReport, type TabReport, type TlsSource } from '../core/report';
import type { TabState } from '../core/tab-state';
import { logError } from './log';
import { publish } from './view-ports';
import { getSettings, lockedSettings } from './settings-store';
import type { TabStore } from './tab-store';
import { applyToolbar } from './toolbar';

// When a tab's report is rebuilt, and the one place it is built. A page load sends hundreds of
// events: the report, toolbar and alerts follow the tab's latest state at most once per
// DELAY_MS, not once per event. A repaint is asked for where the browser clears the badge itself
// (see badge-clears.ts).

const DELAY_MS = 100;

export interface RefreshDeps {
  store: TabStore;
  tlsSource: () => Promise<TlsSource>;
  /** Notifies and logs the report's new findings. */
  raiseAlerts: (tabId: number, state: TabState, findings: readonly Finding[]) => Promise<void>;
}

export class Refresher {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Tabs whose toolbar must be painted again even if unchanged. */
  private readonly repaint = new Set<number>();

  constructor(private readonly deps: RefreshDeps) {}

  /** Rebuilds the tab's report soon; `repaint` paints its toolbar again even if unchanged. */
  schedule(tabId: number, options: { repaint?: boolean } = {}): void {
    if (options.repaint) this.repaint.add(tabId);
    if (this.timers.has(tabId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(tabId);
      this.refresh(tabId).catch((error: unknown) => logError(`refresh tab ${tabId}`, error));
    }, DELAY_MS);
    this.timers.set(tabId, timer);
  }

  cancel(tabId: number): void {
    clearTimeout(this.timers.get(tabId));
    this.timers.delete(tabId);
    this.repaint.delete(tabId);
  }

  /** The tab's report now, stored first: a background stopped after this loses nothing shown. */
  async reportFor(tabId: number): Promise<TabReport> {
    return (await this.build(tabId)).report;
  }

  private async build(tabId: number): Promise<{ state: TabState; report: TabReport }> {
    const { store, tlsSource } = this.deps;
    await store.flush(tabId);
    const state = await store.get(tabId);
    const context = {
      now: Date.now(),
      tlsSource: await tlsSource(),
      locked: await lockedSettings(),
    };
    return { state, report: buildReport(tabId, state, await getSettings(), context) };
  }

  private async refresh(tabId: number): Promise<void> {
    const force = this.repaint.delete(tabId);
    const { state, report } = await this.build(tabId);
    publish(report);
    await applyToolbar(tabId, badgeFor(report), force);
    await this.deps.raiseAlerts(tabId, state, report.findings);
  }
}
