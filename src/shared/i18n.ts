import { browser } from './ext';
import type { Translate } from '../core/message';

// Every word Portwatch shows comes from _locales. A missing message shows its key, so a gap is
// seen and reported rather than silently blank.

export const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key;
