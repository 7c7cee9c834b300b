import { browser } from './ext';
import { t } from './i18n';

// What every Portwatch page sets on its document before rendering: the UI's language and
// direction, and its title; returns where the page renders.

export function prepareDocument(titleKey: string): HTMLElement | null {
  const root = document.documentElement;
  root.lang = browser.i18n.getUILanguage();
  // Chrome and Firefox both answer this predefined message with the UI's direction.
  root.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.title = t(titleKey);
  return document.getElementById('app');
}
