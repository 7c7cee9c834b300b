import { browser } from '../shared/ext';

// Which tab this view reports on: `?tab=N` (the full report opened in a tab, and the tests),
// else the active tab of the window the popup belongs to.

/** The `tab` parameter when it is a non-negative safe integer written in digits, else null. */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d{1,16}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

export async function resolveTabId(search: string): Promise<number | null> {
  const fromUrl = tabIdFromSearch(search);
  if (fromUrl !== null) return fromUrl;
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id !== undefined && tab.id >= 0 ? tab.id : null;
  } catch {
    return null;
  }
}
