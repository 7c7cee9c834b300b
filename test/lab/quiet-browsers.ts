// What keeps Chromium and Firefox off the network in the lab (their other defaults stay on):
// the flags and prefs of docs/browsers.md, shared by the end-to-end harness
// (test/e2e/browsers.ts) and `npm start` (scripts/start/), so the two cannot drift apart.

/** Chromium flags without which it still calls Google on a closed network. */
export const QUIET_CHROMIUM_FLAGS = [
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--gaia-url=http://127.0.0.1:9',
  '--component-updater=url-source=http://127.0.0.1:9/cu',
];

/**
 * Chromium features to disable (it honours only the last --disable-features): network calls
 * only. HttpsUpgrades stays on, as Chromium ships it: the tests run the browser people run.
 */
export const CHROMIUM_DISABLED_FEATURES = [
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'AimEnabled',
  'PreconnectToSearch',
  'MediaRouter',
];

/**
 * Firefox prefs that keep it off the network (with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 where
 * set). web-ext writes string prefs into user.js without escaping quotes, so none of these may
 * hold a double quote or a backslash.
 */
export const QUIET_FIREFOX_PREFS: Record<string, string | number | boolean> = {
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.trr.mode': 5,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': 'data:,',
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
};
