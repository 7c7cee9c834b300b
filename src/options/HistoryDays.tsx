import type { SectionProps } from './section';
import { Days } from './controls';

// How long the history keeps findings, and a way to the history page.

export function HistoryDays({ settings, locked, t, handlers }: SectionProps) {
  return (
    <section class="section" aria-labelledby="h-history" data-section="history">
      <h2 id="h-history">{t('options_history')}</h2>
      <Days
        field="historyDays"
        value={settings.historyDays}
        label={t('options_history_days')}
        locked={locked}
        t={t}
        handlers={handlers}
      />
      <div class="buttons">
        <button type="button" data-action="open-history" onClick={handlers.openHistory}>
          {t('options_open_history')}
        </button>
      </div>
    </section>
  );
}
