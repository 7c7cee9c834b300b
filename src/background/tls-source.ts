import browser from 'webextension-polyfill';
import type { TabEvent } from '../core/events';
import type { TlsSource } from '../core/report';
import { DEBUGGER_PERMISSION } from '../shared/permissions';
import { ChromeInspector } from './tls-chrome';
import { watchFirefoxTls } from './tls-firefox';

// One interface over each browser's way to TLS details, chosen by feature detection: Firefox's
// webRequest.getSecurityInfo, Chrome's debugger (an optional permission), or nothing.

export interface TlsProvider {
  /** Where details come from now (in Chrome it changes as the permission is granted or removed). */
  source(): Promise<TlsSource>;
  /** Reads a tab's details on the person's request; nothing to do where they come by themselves. */
  inspect(tabId: number): Promise<void>;
  /** "Always inspect": reads the details of the navigation starting in the tab, if it can. */
  watchNavigation(tabId: number): Promise<void>;
}

/** True when this build can ask for the debugger (Chrome's manifest offers it). */
function offersDebugger(): boolean {
  const manifest = browser.runtime.getManifest() as {
    permissions?: string[];
    optional_permissions?: string[];
  };
  return [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])].includes(
    'debugger',
  );
}

/** Registers what the browser needs (listeners at once, at top level) and returns the provider. */
export function tlsProvider(dispatch: (tabId: number, event: TabEvent) => void): TlsProvider {
  const fixed = (source: TlsSource): TlsProvider => ({
    source: () => Promise.resolve(source),
    inspect: () => Promise.resolve(),
    watchNavigation: () => Promise.resolve(),
  });
  if (watchFirefoxTls(dispatch) === 'firefox') return fixed('firefox');
  if (!offersDebugger()) return fixed('none');
  const inspector = new ChromeInspector(dispatch);
  inspector.listen();
  void inspector.detachLeftovers();
  return {
    source: async () =>
      (await browser.permissions.contains({ permissions: DEBUGGER_PERMISSION }))
        ? 'chrome-debugger'
        : 'chrome-needs-permission',
    inspect: (tabId) => inspector.inspect(tabId),
    watchNavigation: (tabId) => inspector.inspect(tabId, 'navigation'),
  };
}
