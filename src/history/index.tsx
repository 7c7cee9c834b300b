import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../shared/ext';
import {
  ALL_FINDINGS,
  historyToCsv,
  historyToJson,
  type HistoryEntry,
  type HistoryFilter,
} from '../core/history';
import { ask } from '../shared/ask';
import { download } from '../shared/download';
import { t } from '../shared/i18n';
import { prepareDocument } from '../shared/page-document';
import { NoAnswer } from '../ui/NoAnswer';
import { History, type HistoryHandlers } from './History';

// The history page: asks the background for the entries and follows new ones through
// storage.local.onChanged.

function Page() {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [days, setDays] = useState(0);
  const [filter, setFilter] = useState<HistoryFilter>(ALL_FINDINGS);
  const [failed, setFailed] = useState(false);

  const reload = async (): Promise<void> => {
    try {
      const [list, reply] = await Promise.all([ask('get-history', {}), ask('get-settings', {})]);
      setEntries(list);
      setDays(reply.settings.historyDays);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };

  useEffect(() => {
    void reload();
    // storage.local's own event: storage.onChanged would also bring every tab-state write.
    const onChanged = (changes: Record<string, unknown>): void => {
      if (Object.keys(changes).some((k) => k.startsWith('history:') || k === 'settings'))
        void reload();
    };
    browser.storage.local.onChanged.addListener(onChanged);
    return () => browser.storage.local.onChanged.removeListener(onChanged);
  }, []);

  useEffect(() => {
    if (entries) document.documentElement.dataset.ready = 'true';
  }, [entries]);

  if (failed) return <NoAnswer t={t} retry={() => void reload()} />;
  if (!entries) return <p class="pending">{t('popup_waiting')}</p>;
  const handlers: HistoryHandlers = {
    setFilter,
    exportJson: (list) =>
      download('portwatch-history.json', historyToJson(list), 'application/json'),
    exportCsv: (list) => download('portwatch-history.csv', historyToCsv(list, t), 'text/csv'),
    clear: () => void ask('clear-history', {}).then(setEntries, () => setFailed(true)),
  };
  return <History entries={entries} filter={filter} days={days} t={t} handlers={handlers} />;
}

const app = prepareDocument('history_title');
if (app) render(<Page />, app);
