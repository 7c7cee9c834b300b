// A stand-in for the extension API (webextension-polyfill's `browser`) that is just enough to
// load src/background/index.ts in a unit test: events a test fires by name, storage in memory,
// and the toolbar's per-tab badge text kept where the test can read (and clear) it.

type Listener = (...args: never[]) => unknown;

const listeners = new Map<string, Listener[]>();

function event(name: string) {
  return {
    addListener: (fn: Listener) => listeners.set(name, [...(listeners.get(name) ?? []), fn]),
    removeListener: () => undefined,
    hasListener: () => listeners.has(name),
  };
}

function area(name: string) {
  const items = new Map<string, unknown>();
  return {
    onChanged: event(`storage.${name}.onChanged`),
    get: async (key: string) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
    },
    remove: async (key: string) => void items.delete(key),
  };
}

/** Per-tab badge text as the browser holds it; a test deletes an entry to act as the browser. */
export const badges = new Map<number, string>();

const events = (ns: string, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, event(`${ns}.${n}`)]));

export const api = {
  webRequest: events('webRequest', [
    'onBeforeRequest',
    'onBeforeRedirect',
    'onResponseStarted',
    'onErrorOccurred',
  ]),
  webNavigation: events('webNavigation', [
    'onBeforeNavigate',
    'onCommitted',
    'onHistoryStateUpdated',
    'onCompleted',
    'onErrorOccurred',
  ]),
  tabs: { ...events('tabs', ['onRemoved', 'onReplaced']), query: async () => [] },
  runtime: {
    ...events('runtime', ['onMessage', 'onConnect']),
    id: 'portwatch',
    getURL: (path: string) => `chrome-extension://portwatch/${path}`,
    // Chrome's build: the debugger is offered, and not granted (chrome.debugger is absent).
    getManifest: () => ({ version: '0.0.0', optional_permissions: ['debugger'] }),
  },
  permissions: {
    ...events('permissions', ['onAdded', 'onRemoved']),
    contains: async () => false,
  },
  storage: { session: area('session'), local: area('local'), managed: area('managed') },
  action: {
    setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => {
      badges.set(tabId, text);
    },
    setBadgeBackgroundColor: async () => undefined,
    setBadgeTextColor: async () => undefined,
    setIcon: async () => undefined,
    setTitle: async () => undefined,
  },
  i18n: { getMessage: () => '' },
};

/**
 * Firefox's build: webRequest.getSecurityInfo (which is how the background tells the browsers
 * apart) with its blocking onHeadersReceived, tabs.onUpdated, and no debugger on offer.
 */
export const firefoxApi = {
  ...api,
  webRequest: {
    ...api.webRequest,
    ...events('webRequest', ['onHeadersReceived']),
    getSecurityInfo: async () => ({ state: 'insecure' }),
  },
  tabs: { ...api.tabs, ...events('tabs', ['onUpdated']) },
  runtime: {
    ...api.runtime,
    getURL: (path: string) => `moz-extension://portwatch/${path}`,
    getManifest: () => ({ version: '0.0.0' }),
  },
};

/**
 * Calls every listener of `name` (for example `webRequest.onErrorOccurred`) with `details`, or
 * with several arguments (`tabs.onUpdated` gets a tab id and a change).
 */
export function fire(name: string, ...args: unknown[]): void {
  const registered = listeners.get(name);
  if (!registered) throw new Error(`the background has no listener for ${name}`);
  for (const fn of registered) (fn as (...a: unknown[]) => unknown)(...args);
}
