import { browser } from './ext';
import { t } from './i18n';

// What every Portwatch page sets on its document before rendering: the language and direction
// of the words it shows, and its title; returns where the page renders. Those are the words of
// the locale file the browser chose, which is not the browser's language when Portwatch has no
// file for it (a French browser shows the English file): each file names its own language and
// direction, so a screen reader reads English words as English.

export function prepareDocument(titleKey: string): HTMLElement | null {
  const root = document.documentElement;
  root.lang = browser.i18n.getMessage('locale_lang') || browser.i18n.getUILanguage();
  root.dir = t('locale_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.title = t(titleKey);
  return document.getElementById('app');
}
