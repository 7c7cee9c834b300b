import { render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { browser } from '../shared/ext';
import type { TabReport } from '../core/report';
import type { InspectTab } from '../shared/messages';
import type { ActionHandlers } from './Actions';
import { App, Pending } from './App';
import { ask } from '../shared/ask';
import { t } from '../shared/i18n';
import { prepareDocument } from '../shared/page-document';
import { DEBUGGER_PERMISSION } from '../shared/permissions';
import { readOpenSections, rememberSection } from './open-sections';
import { watchReport } from './report-connection';
import { resolveTabId, tabIdFromSearch } from './tab-id';

// The popup and full-report page: finds the tab, follows its report, and wires the view's
// actions to the browser. Everything shown is decided by the report (see App.tsx).

let marked = false;

/** Tells tests (and people timing the popup) that the first report is on screen. */
function markRendered(): void {
  if (marked) return;
  marked = true;
  document.documentElement.dataset.ready = 'true';
  performance.mark('portwatch-report-rendered');
}

function handlersFor(tabId: number, inTab: boolean): ActionHandlers {
  const openTab = async (): Promise<void> => {
    await browser.tabs.create({ url: browser.runtime.getURL(`popup.html?tab=${tabId}`) });
    window.close();
  };
  const inspect = async (ask: boolean): Promise<'started' | 'refused'> => {
    if (ask && !(await browser.permissions.request({ permissions: DEBUGGER_PERMISSION })))
      return 'refused';
    await browser.runtime.sendMessage({ type: 'inspect', tabId } satisfies InspectTab);
    return 'started';
  };
  return {
    copy: (text) => navigator.clipboard.writeText(text),
    ...(inTab ? {} : { openTab: () => void openTab() }),
    version: browser.runtime.getManifest().version,
    inspect,
    allowlist: async (pattern) => {
      const checked = await ask('allowlist-add', { input: pattern });
      if ('error' in checked) throw new Error(checked.error.key);
    },
    knowRoot: async (root) => {
      const reply = await ask('know-root', root);
      if (!reply.ok) throw new Error('known roots full');
    },
    openHistory: () => {
      void browser.tabs.create({ url: browser.runtime.getURL('history.html') });
      if (!inTab) window.close();
    },
    openOptions: () => {
      void browser.runtime.openOptionsPage();
      if (!inTab) window.close();
    },
  };
}

/** localStorage, or undefined where the browser refuses it (then nothing is remembered). */
function pageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const storage = pageStorage();
const openSections = readOpenSections(storage);
const onToggle = (id: string, open: boolean): void =>
  rememberSection(storage, openSections, id, open);

function Live({ tabId, inTab }: { tabId: number; inTab: boolean }) {
  const [report, setReport] = useState<TabReport | null>(null);
  useLayoutEffect(() => watchReport(tabId, setReport), [tabId]);
  useLayoutEffect(() => {
    if (report) markRendered();
  }, [report]);
  if (!report) return <Pending text={t('popup_waiting')} />;
  return (
    <App
      report={report}
      t={t}
      handlers={handlersFor(tabId, inTab)}
      open={openSections}
      onToggle={onToggle}
    />
  );
}

async function main(): Promise<void> {
  const inTab = tabIdFromSearch(location.search) !== null;
  // `&view=popup`: a tab's report laid out as the toolbar popup is (tests and screenshots).
  const asPopup = new URLSearchParams(location.search).get('view') === 'popup';
  document.documentElement.dataset.view = inTab && !asPopup ? 'tab' : 'popup';
  const app = prepareDocument('popup_title');
  if (!app) return;
  const tabId = await resolveTabId(location.search);
  render(
    tabId === null ? <Pending text={t('popup_no_tab')} /> : <Live tabId={tabId} inTab={inTab} />,
    app,
  );
}

void main();
