// Stands in for src/background/tab-store in the recorder's build of the background: the same
// store, telling the recording which tab each update (and so each reduced event) is for.
import { TabStore as Store } from '../../src/background/tab-store';
import type { TabState } from '../../src/core/tab-state';
import { setCurrentTab } from './recording';

export * from '../../src/background/tab-store';

export class TabStore extends Store {
  override update(tabId: number, change: (state: TabState) => TabState): Promise<void> {
    return super.update(tabId, (state) => {
      setCurrentTab(tabId);
      try {
        return change(state);
      } finally {
        setCurrentTab(undefined);
      }
    });
  }
}
