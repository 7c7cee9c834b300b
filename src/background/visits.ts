import type { TabEvent } from '../core/events';
import { memoryKey } from '../core/memory';
import { certOfConnection } from '../core/remembered-cert';
import type { CoreSettings } from '../core/settings';
import type { TabState } from '../core/tab-state';
import { parseUrl } from '../core/url';
import type { HostMemoryStore } from './host-memory';

// Between a tab and the memory of hosts: when a page commits, the core is told what was
// remembered of its host before this visit (the findings rest on that); then the visit is
// learned: over HTTPS with a certificate the browser accepted, and that certificate (its key, CA,
// root and validity: remembered-cert.ts).

export interface VisitDeps {
  memory: HostMemoryStore;
  settings: () => Promise<CoreSettings>;
  dispatch: (tabId: number, event: TabEvent) => Promise<void>;
  state: (tabId: number) => Promise<TabState>;
}

const remembering = (s: CoreSettings): boolean => s.rememberHttps || s.rememberCertificates;

/** Learns from the tab's page, once the memory was consulted for it (never before: that would
 * overwrite the certificate the page is to be compared with). */
export async function learnVisit(deps: VisitDeps, tabId: number): Promise<void> {
  const settings = await deps.settings();
  if (!remembering(settings)) return;
  const page = (await deps.state(tabId)).page;
  if (!page || page.error !== undefined || page.remembered === undefined) return;
  const url = parseUrl(page.url);
  // A certificate error the person clicked through is not an HTTPS visit to remember.
  if (url?.scheme !== 'https' || page.tls?.overriddenError !== undefined) return;
  const now = Date.now();
  const cert = settings.rememberCertificates && page.tls ? certOfConnection(page.tls, now) : null;
  await deps.memory.learn(memoryKey(url), { https: settings.rememberHttps, cert }, now);
}

/** A top-frame page committed: tell the core what was remembered of its host, then learn. */
export async function consultMemory(deps: VisitDeps, tabId: number, pageUrl: string) {
  if (!remembering(await deps.settings())) return;
  const url = parseUrl(pageUrl);
  if (!url || (url.scheme !== 'http' && url.scheme !== 'https')) return;
  const remembered = await deps.memory.lookup(memoryKey(url));
  await deps.dispatch(tabId, { type: 'memory', url: pageUrl, remembered, time: Date.now() });
  await learnVisit(deps, tabId);
}
