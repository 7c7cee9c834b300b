import type { Browser } from 'webextension-polyfill';

// The extension's pages (popup, options, history) call the browser's own API, without
// webextension-polyfill: every call they make (runtime, tabs, permissions, i18n, storage events)
// is one both browsers' Manifest V3 APIs already answer with a promise, and the polyfill was a
// sixth of the popup's gzipped size, over its 20 kB budget (README, "Speed and size"). The
// background keeps the polyfill (its webRequest and debugger differences need it); the content
// script has its own smaller wrapper. Typed with the polyfill's types, which cost nothing.

const api = globalThis as { browser?: Browser; chrome?: Browser };

/** Firefox's `browser`, else Chrome's `chrome`: the same calls, both answering with promises. */
export const browser = (api.browser ?? api.chrome) as Browser;
