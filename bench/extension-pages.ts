// Which pages of an extension the bench can use, read from its manifest (pure: the unit tests
// cover it). Two uses:
// - the popup item measures the extension's popup: the one its manifest names, or, for an
//   extension that names none and sets it at run time (IPvFoo calls `action.setPopup` in Chromium
//   and `pageAction.setPopup` in Firefox, per tab, once the tab has loaded a page), the one the
//   running extension reports for the tab (`action` / `browserAction` / `pageAction.getPopup`);
// - Firefox's harness opens a page of the extension to reach its APIs (launch.ts): any page the
//   manifest names will do. `--vs` passes a blank page it adds to its copy instead (subject.ts),
//   which runs none of the other extension's code.

/** The parts of a manifest that name the extension's pages. */
export interface ManifestPages {
  action?: { default_popup?: string };
  browser_action?: { default_popup?: string };
  page_action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
}

const named = (path: string | undefined): string | undefined =>
  path?.trim() ? path.trim().replace(/^\/+/, '') : undefined;

/** The popup the manifest names (path in the extension), if any. */
export function manifestPopup(m: ManifestPages): string | undefined {
  return (
    named(m.action?.default_popup) ??
    named(m.browser_action?.default_popup) ??
    named(m.page_action?.default_popup)
  );
}

/** The options page the manifest names, if any. */
export function manifestOptions(m: ManifestPages): string | undefined {
  return named(m.options_ui?.page) ?? named(m.options_page);
}

/** A page of the extension's own to run code in: its popup, else its options page. */
export function controlPageOf(m: ManifestPages): string | undefined {
  return manifestPopup(m) ?? manifestOptions(m);
}

export interface PopupPage {
  /** The address the popup item opens as a tab. */
  url: string;
  /** Named by the manifest, or set by the running extension for the tab. */
  source: 'manifest' | 'run time';
}

/**
 * The popup page to measure for tab `tabId`: the manifest's popup with `?tab=N` (Portwatch's popup
 * reads the tab from there when opened as a tab), else the popup the running extension set
 * (`setAtRunTime`, as `getPopup` returns it: a full address, kept with its own query or hash, by
 * which such a popup finds its tab), resolved against `base` if relative. Undefined: neither.
 */
export function popupPage(
  m: ManifestPages,
  base: string,
  tabId: number,
  setAtRunTime?: string,
): PopupPage | undefined {
  const fromManifest = manifestPopup(m);
  if (fromManifest) return { url: `${base}${fromManifest}?tab=${tabId}`, source: 'manifest' };
  const set = setAtRunTime?.trim();
  if (!set) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:/i.test(set) ? set : `${base}${set.replace(/^\/+/, '')}`;
  return url.startsWith(base) ? { url, source: 'run time' } : undefined;
}
