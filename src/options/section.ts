import type { PatternCheck } from '../core/allowlist';
import type { Message, Translate } from '../core/message';
import type { CoreSettings, SettingKey } from '../core/settings';

// What the options page's sections share: the handlers that reach the browser, and their props.

export interface OptionsHandlers {
  /** Stores the settings with `change` applied. */
  change: (change: Partial<CoreSettings>) => void;
  checkPattern: (input: string) => Promise<PatternCheck>;
  clearMemory: (kind: 'https' | 'certificates') => void;
  exportSettings: () => void;
  /** Imports a file's text; resolves with what is wrong, or null when it was applied. */
  importSettings: (text: string) => Promise<Message | null>;
  reset: () => void;
  grantDebugger: () => void;
  removeDebugger: () => void;
  openHistory: () => void;
}

/** What every section of the page is given. */
export interface SectionProps {
  settings: CoreSettings;
  /** The settings the organisation's policy sets: shown, not changeable. */
  locked: readonly SettingKey[];
  t: Translate;
  handlers: OptionsHandlers;
}
