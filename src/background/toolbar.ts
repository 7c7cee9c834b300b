import browser from 'webextension-polyfill';
import type { BadgeView } from '../core/badge';

// Applies a tab's badge, colour, icon and tooltip. Each call costs four browser API calls, so a
// view is applied only when it changed, unless forced: Firefox clears a tab's badge when it
// navigates, so a commit or a completed load re-applies it.

const applied = new Map<number, string>();

function iconPaths(icon: BadgeView['icon']): Record<string, string> {
  return { '16': `icons/${icon}-16.png`, '32': `icons/${icon}-32.png` };
}

export async function applyToolbar(tabId: number, view: BadgeView, force: boolean): Promise<void> {
  const signature = JSON.stringify(view);
  if (!force && applied.get(tabId) === signature) return;
  applied.set(tabId, signature);
  const action = browser.action;
  const calls: Array<Promise<unknown>> = [
    action.setBadgeText({ tabId, text: view.text }),
    action.setBadgeBackgroundColor({ tabId, color: view.background }),
    action.setIcon({ tabId, path: iconPaths(view.icon) }),
    action.setTitle({ tabId, title: browser.i18n.getMessage(view.title) || 'Portwatch' }),
  ];
  if ('setBadgeTextColor' in action) {
    calls.push(action.setBadgeTextColor({ tabId, color: view.foreground }));
  }
  try {
    await Promise.all(calls);
  } catch (error) {
    // The tab closed meanwhile: nothing to show it on. Forget it so a new tab with the same id
    // (Firefox reuses none, Chrome none either, but be safe) is painted afresh.
    applied.delete(tabId);
    if (!String(error).includes('No tab with id')) throw error;
  }
}

export function forgetToolbar(tabId: number): void {
  applied.delete(tabId);
}
