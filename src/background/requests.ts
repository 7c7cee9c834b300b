import { checkPattern, withPattern } from '../core/allowlist';
import type { HistoryEntry } from '../core/history';
import { readKnownRoot, withKnownRoot } from '../core/known-roots';
import type { TlsSource } from '../core/report';
import { lockedKeys, type ManagedPolicy } from '../core/managed';
import { msg } from '../core/message';
import { readSettings, type CoreSettings, type SettingKey } from '../core/settings';
import { settingsFromFile } from '../core/settings-file';
import type {
  DebuggerPermission,
  MemoryStats,
  PageReply,
  PageRequest,
  PageRequestType,
  SettingsReply,
} from '../shared/messages';
import type { HistoryStore } from './history-store';
import type { HostMemoryStore } from './host-memory';

// Answers the options and history pages. Everything that decides (validation, what a file
// means) happens here or in the core; the pages only show the replies.

export interface RequestDeps {
  settings: () => Promise<CoreSettings>;
  /** Stores the person's settings; resolves with the settings in force after it. */
  saveSettings: (settings: CoreSettings) => Promise<CoreSettings>;
  resetSettings: () => Promise<CoreSettings>;
  /** The organisation's policy, read afresh. */
  policy: () => Promise<ManagedPolicy>;
  tlsSource: () => Promise<TlsSource>;
  memory: HostMemoryStore;
  history: HistoryStore;
  now: () => number;
}

function permissionOf(source: TlsSource): DebuggerPermission {
  if (source === 'chrome-debugger') return 'granted';
  return source === 'chrome-needs-permission' ? 'not-granted' : 'not-offered';
}

async function settingsReply(deps: RequestDeps, saved?: CoreSettings): Promise<SettingsReply> {
  const policy = await deps.policy();
  return {
    settings: saved ?? (await deps.settings()),
    debugger: permissionOf(await deps.tlsSource()),
    managed: { locked: lockedKeys(policy), ignored: policy.ignored },
  };
}

async function save(deps: RequestDeps, settings: CoreSettings): Promise<SettingsReply> {
  return settingsReply(deps, await deps.saveSettings(settings));
}

/** Whether the organisation's policy sets `key`: the person's changes to it are refused. */
async function isLocked(deps: RequestDeps, key: SettingKey): Promise<boolean> {
  return lockedKeys(await deps.policy()).includes(key);
}

async function stats(deps: RequestDeps): Promise<MemoryStats> {
  return deps.memory.count();
}

type Handlers = { [K in PageRequestType]: (r: PageRequest<K>) => Promise<PageReply<K>> };

function handlers(deps: RequestDeps): Handlers {
  return {
    'get-settings': () => settingsReply(deps),
    // Whatever a page sends is read like stored data: a bad field keeps its default.
    'set-settings': (r) => save(deps, readSettings(r.settings)),
    'reset-settings': async () => settingsReply(deps, await deps.resetSettings()),
    'import-settings': async (r) => {
      const result = settingsFromFile(r.text, await deps.settings());
      if ('error' in result) return { ok: false, error: result.error };
      return { ok: true, settings: await save(deps, result.settings) };
    },
    'check-pattern': (r) => Promise.resolve(checkPattern(r.input)),
    'allowlist-add': async (r) => {
      const checked = checkPattern(r.input);
      if ('error' in checked) return checked;
      if (await isLocked(deps, 'allowlist')) return { error: msg('managed_locked') };
      const settings = await deps.settings();
      const allowlist = withPattern(settings.allowlist, checked.pattern);
      if (allowlist !== settings.allowlist)
        await deps.saveSettings({ ...settings, allowlist: [...allowlist] });
      return checked;
    },
    'know-root': async (r) => {
      const root = readKnownRoot(r);
      const settings = await deps.settings();
      const knownRoots = root ? withKnownRoot(settings.knownRoots, root) : null;
      if (!knownRoots || (await isLocked(deps, 'knownRoots'))) return { ok: false };
      await deps.saveSettings({ ...settings, knownRoots });
      return { ok: true };
    },
    'memory-stats': () => stats(deps),
    'clear-memory': async (r) => {
      const s = await deps.settings();
      await deps.memory.prune(deps.now(), s.rememberDays, {
        https: r.kind !== 'https',
        certificates: r.kind !== 'certificates',
      });
      return stats(deps);
    },
    'get-history': () => deps.history.all(),
    'clear-history': async (): Promise<HistoryEntry[]> => {
      await deps.history.clear();
      return [];
    },
  };
}

export function answer(deps: RequestDeps, request: PageRequest): Promise<unknown> {
  const handle = handlers(deps)[request.type] as (r: PageRequest) => Promise<unknown>;
  return handle(request);
}
