import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../shared/ext';
import type { CoreSettings } from '../core/settings';
import { settingsToFile } from '../core/settings-file';
import { ask } from '../shared/ask';
import { download } from '../shared/download';
import { t } from '../shared/i18n';
import { prepareDocument } from '../shared/page-document';
import type { MemoryStats, SettingsReply } from '../shared/messages';
import { DEBUGGER_PERMISSION } from '../shared/permissions';
import { policyChanges } from '../shared/policy-changes';
import { NoAnswer } from '../ui/NoAnswer';
import { Options } from './Options';
import type { OptionsHandlers } from './section';

// The options page: asks the background for the settings, sends each change at once, and
// follows changes made elsewhere (another options tab, an import, the organisation's policy)
// through storage.local.onChanged and storage.managed.onChanged.

function Page() {
  const [reply, setReply] = useState<SettingsReply | null>(null);
  const [stats, setStats] = useState<MemoryStats | null>(null);
  const [failed, setFailed] = useState(false);

  const reload = async (): Promise<void> => {
    try {
      const [settings, memory] = await Promise.all([
        ask('get-settings', {}),
        ask('memory-stats', {}),
      ]);
      setReply(settings);
      setStats(memory);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };
  /** A change the background did not take: the page says so rather than show it as done. */
  const fail = (): void => setFailed(true);

  useEffect(() => {
    void reload();
    // storage.local's own event: storage.onChanged would also bring every tab-state write.
    const onChanged = (): void => void reload();
    browser.storage.local.onChanged.addListener(onChanged);
    // An organisation's policy changing while Chrome runs (Firefox reads it once, at start).
    policyChanges(browser)?.addListener(onChanged);
    browser.permissions.onAdded.addListener(reload);
    browser.permissions.onRemoved.addListener(reload);
    return () => {
      browser.storage.local.onChanged.removeListener(onChanged);
      policyChanges(browser)?.removeListener(onChanged);
      browser.permissions.onAdded.removeListener(reload);
      browser.permissions.onRemoved.removeListener(reload);
    };
  }, []);

  useEffect(() => {
    if (reply) document.documentElement.dataset.ready = 'true';
  }, [reply]);

  if (failed) return <NoAnswer t={t} retry={() => void reload()} />;
  if (!reply) return <p class="pending">{t('popup_waiting')}</p>;

  const handlers: OptionsHandlers = {
    change: (change: Partial<CoreSettings>) =>
      void ask('set-settings', { settings: { ...reply.settings, ...change } }).then(setReply, fail),
    checkPattern: (input) => ask('check-pattern', { input }),
    clearMemory: (kind) => void ask('clear-memory', { kind }).then(setStats, fail),
    exportSettings: () =>
      download('portwatch-settings.json', settingsToFile(reply.settings), 'application/json'),
    importSettings: async (text) => {
      const result = await ask('import-settings', { text });
      if (!result.ok) return result.error;
      setReply(result.settings);
      return null;
    },
    reset: () => void ask('reset-settings', {}).then(setReply, fail),
    // Called straight from the click: the browser grants a permission only in a user gesture.
    grantDebugger: () =>
      void browser.permissions.request({ permissions: DEBUGGER_PERMISSION }).then(reload),
    removeDebugger: () =>
      void browser.permissions.remove({ permissions: DEBUGGER_PERMISSION }).then(reload),
    openHistory: () => void browser.tabs.create({ url: browser.runtime.getURL('history.html') }),
  };
  return <Options reply={reply} stats={stats} t={t} handlers={handlers} />;
}

const app = prepareDocument('options_title');
if (app) render(<Page />, app);
