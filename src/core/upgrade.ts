import type { Hop } from './tab-state';

// The browsers' own HTTPS upgrading, as it shows in an extension's events (docs/browsers.md,
// "HTTPS upgrading"). Chromium's HttpsUpgrades and Firefox's HTTPS-First try an http:// navigation
// over https first and fall back to http when that attempt fails; HSTS upgrades without a
// fallback. Chromium shows its upgrade only as a request for the https URL (the http URL is in
// webNavigation.onBeforeNavigate, or is a redirect's target); Firefox as an internal redirect
// (status 0). Either way the reducer records it as a hop the browser made, and a fallback as
// another, so a chain reads as what happened: http → https (browser) → http (fallback).

/** Whether `https` is the browser's upgrade of `http`: the same URL, the scheme made secure. */
export function isUpgradeOf(http: string, https: string): boolean {
  return (
    http.startsWith('http://') &&
    https.startsWith('https://') &&
    https.length === http.length + 1 &&
    https.endsWith(http.slice(4))
  );
}

/**
 * A redirect the browser made itself to upgrade the request, rather than one the server sent:
 * Firefox's internal redirects have status 0; Chromium's HSTS upgrade is a 307 that no server
 * answered (so no address).
 */
export function isBrowserUpgrade(
  from: string,
  to: string,
  status: number,
  ip: string | undefined,
): boolean {
  return isUpgradeOf(from, to) && (status === 0 || (status === 307 && ip === undefined));
}

/** The upgrade a chain is now trying: its last hop, when the browser made it to `url`. */
export function pendingUpgrade(hops: readonly Hop[], url: string): Hop | undefined {
  const last = hops[hops.length - 1];
  return last?.browser === 'upgrade' && last.to === url ? last : undefined;
}

/** Whether a page at `url` came from an upgrade attempt whose events arrived after its commit. */
export function committedBeforeAttempt(hops: readonly Hop[], url: string): Hop | undefined {
  const last = hops[hops.length - 1];
  return last?.browser === 'upgrade' && last.from === url ? last : undefined;
}

/** The hop that records the browser giving up its https attempt and loading the http URL. */
export function fallbackHop(attempt: Hop, time: number, error?: string): Hop {
  const hop: Hop = { from: attempt.to, to: attempt.from, status: 0, time, browser: 'fallback' };
  if (error !== undefined) hop.error = error;
  return hop;
}

/** The hop that records the browser asking for `to` over https where `from` was http. */
export function upgradeHop(from: string, to: string, time: number): Hop {
  return { from, to, status: 0, time, browser: 'upgrade' };
}
