import { ConfirmButton } from '../ui/ConfirmButton';
import { SEVERITIES, type Severity } from '../core/findings';
import {
  ALL_FINDINGS,
  entryText,
  filterHistory,
  type HistoryEntry,
  type HistoryFilter,
} from '../core/history';
import type { Translate } from '../core/message';
import { Clamp } from '../ui/Clamp';
import { isolating } from '../ui/isolate';
import { utcMinute } from '../core/time';

// The history page: every finding kept, newest first, filtered by least severity and by host.
// Props in, markup out; export and clear come in as handlers.

export interface HistoryHandlers {
  setFilter: (filter: HistoryFilter) => void;
  exportJson: (entries: HistoryEntry[]) => void;
  exportCsv: (entries: HistoryEntry[]) => void;
  clear: () => void;
}

interface Props {
  entries: readonly HistoryEntry[];
  filter: HistoryFilter;
  days: number;
  t: Translate;
  handlers: HistoryHandlers;
}

/** The most the page lists at once; the exports hold every entry the filter keeps. */
export const SHOWN = 500;

/** The time as the popup shows certificate dates: to the minute, in UTC, unambiguous. */
function when(time: number): string {
  return utcMinute(time) ?? '';
}

/** The last time it was raised, and the first when it was raised more than once that day. */
function Times({ e, t }: { e: HistoryEntry; t: Translate }) {
  return (
    <td class="nowrap">
      <time dateTime={new Date(e.time).toISOString()}>{when(e.time)}</time>
      {e.count > 1 && (
        <div class="hint" data-field="first">
          {t('history_first', [when(e.first)])}
        </div>
      )}
    </td>
  );
}

function Row({ e, t }: { e: HistoryEntry; t: Translate }) {
  // The words embed the page's and the certificate's text: each isolated (src/ui/isolate.ts).
  const text = entryText(e, isolating(t));
  return (
    <tr data-finding={e.id} data-severity={e.severity} data-count={e.count}>
      <Times e={e} t={t} />
      <td class="nowrap" data-field="count">
        {t('history_times', [String(e.count)])}
      </td>
      <td>
        <span class={`chip ${e.severity}`}>{t(`severity_${e.severity}`)}</span>
      </td>
      <td>
        <strong>{text.title}</strong>
        <Clamp text={text.detail} class="detail" />
      </td>
      <td>
        <Clamp text={e.page} class="value" />
      </td>
    </tr>
  );
}

export function History({ entries, filter, days, t, handlers }: Props) {
  const shown = filterHistory(entries, filter);
  // What the page can show at all: an entry with an impossible time is left out of both.
  const total = filterHistory(entries, ALL_FINDINGS).length;
  return (
    <main class="page">
      <h1>{t('history_title')}</h1>
      <p class="hint">{days > 0 ? t('history_kept', [String(days)]) : t('history_off')}</p>
      <form class="row filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('history_filter_severity')}{' '}
          <select
            data-field="filter-severity"
            value={filter.severity}
            onChange={(e) =>
              handlers.setFilter({
                ...filter,
                severity: (e.target as HTMLSelectElement).value as Severity,
              })
            }
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`history_at_least_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          {t('history_filter_host')}{' '}
          <input
            type="search"
            data-field="filter-host"
            value={filter.host}
            maxLength={300}
            onInput={(e) =>
              handlers.setFilter({ ...filter, host: (e.target as HTMLInputElement).value })
            }
          />
        </label>
      </form>
      <div class="buttons">
        <button type="button" data-action="export-json" onClick={() => handlers.exportJson(shown)}>
          {t('history_export_json')}
        </button>
        <button type="button" data-action="export-csv" onClick={() => handlers.exportCsv(shown)}>
          {t('history_export_csv')}
        </button>
        <ConfirmButton
          action="clear-history"
          label={t('history_clear')}
          question={t('history_clear_question')}
          confirm={t('history_clear_confirm')}
          cancel={t('confirm_cancel')}
          onConfirm={handlers.clear}
        />
      </div>
      <p class="status" role="status" data-field="history-count">
        {t('history_count', [String(shown.length), String(total)])}
      </p>
      {shown.length > 0 && (
        <table class="history">
          <thead>
            <tr>
              <th scope="col">{t('history_col_time')}</th>
              <th scope="col">{t('history_col_count')}</th>
              <th scope="col">{t('history_col_severity')}</th>
              <th scope="col">{t('history_col_finding')}</th>
              <th scope="col">{t('history_col_page')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, SHOWN).map((e, i) => (
              <Row key={`${e.time}-${i}`} e={e} t={t} />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
