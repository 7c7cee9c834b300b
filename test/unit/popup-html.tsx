import { renderToString } from 'preact-render-to-string';
import type { Translate } from '../../src/core/message';
import type { TabReport } from '../../src/core/report';
import { App } from '../../src/popup/App';
import { t as english } from './translate';

/**
 * The popup's markup for `report`, in English unless `t` says otherwise; with `copy`, the
 * actions that copy the report are there too.
 */
export function popupHtml(
  report: TabReport,
  options: { t?: Translate; copy?: (text: string) => Promise<void> } = {},
): string {
  const handlers = options.copy ? { copy: options.copy } : undefined;
  return renderToString(<App report={report} t={options.t ?? english} handlers={handlers} />);
}
