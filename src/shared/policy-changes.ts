import type { Browser, Events, Storage } from 'webextension-polyfill';

// Where the browser tells of a change to an organisation's policy while it runs. Chrome re-reads
// its policies and fires storage.managed.onChanged. Firefox reads them once, at start: its
// storage.managed.onChanged is an unimplemented stub that logs a warning when listened to, so
// nothing listens there. Firefox is told apart by runtime.getBrowserInfo, which only it has.

type ManagedChanges = Events.Event<(changes: Record<string, Storage.StorageChange>) => void>;

export function policyChanges(api: Browser): ManagedChanges | undefined {
  if (typeof api.runtime.getBrowserInfo === 'function') return undefined;
  return api.storage.managed.onChanged as ManagedChanges | undefined;
}
