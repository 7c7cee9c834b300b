// Derives each browser's manifest from the one source manifest.json: a small patch per browser
// instead of two manifests that drift apart.

export type Target = 'chrome' | 'firefox';

type Json = Record<string, unknown>;

/** Permissions only Firefox's webRequest uses; Chrome warns about them in an MV3 manifest. */
const FIREFOX_ONLY_PERMISSIONS = ['webRequestBlocking'];

/** Chrome's way to TLS details; Firefox has no such permission (and needs none). */
const CHROME_ONLY_OPTIONAL_PERMISSIONS = ['debugger'];

function without(list: unknown, names: readonly string[]): string[] {
  return ((list ?? []) as string[]).filter((p) => !names.includes(p));
}

export function manifestFor(source: Json, target: Target, version?: string): Json {
  const manifest: Json = structuredClone(source);
  if (version !== undefined) manifest.version = version;
  const background = (manifest.background ?? {}) as Json;
  if (target === 'chrome') {
    manifest.background = { service_worker: background.service_worker };
    delete manifest.browser_specific_settings;
    manifest.permissions = without(manifest.permissions, FIREFOX_ONLY_PERMISSIONS);
  } else {
    // Chrome's (and Edge's) floor; Firefox's is browser_specific_settings.gecko.strict_min_version.
    // Which API sets each: docs/browser-versions.md.
    delete manifest.minimum_chrome_version;
    // Firefox reads an organisation's policy without a schema (and web-ext lint flags the key).
    delete manifest.storage;
    const optional = without(manifest.optional_permissions, CHROME_ONLY_OPTIONAL_PERMISSIONS);
    if (optional.length > 0) manifest.optional_permissions = optional;
    else delete manifest.optional_permissions;
    // Firefox MV3 runs the background as an event page, not a service worker.
    manifest.background = { scripts: [background.service_worker] };
    // A warning nobody sees protects nobody: Firefox would otherwise tuck the button into the
    // extensions menu, badge and all. (Chrome has no such key; its users pin the button.)
    manifest.action = { ...(manifest.action as Json), default_area: 'navbar' };
  }
  return manifest;
}
