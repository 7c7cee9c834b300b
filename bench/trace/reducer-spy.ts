// Stands in for src/core/reducer in the recorder's build of the background: records each event
// the background reduces, then reduces it as ever.
import type { TabEvent } from '../../src/core/events';
import { reduceTab as reduce } from '../../src/core/reducer';
import type { TabState } from '../../src/core/tab-state';
import { record } from './recording';

export function reduceTab(state: TabState, event: TabEvent): TabState {
  record(event);
  return reduce(state, event);
}
