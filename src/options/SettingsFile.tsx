import { useState } from 'preact/hooks';
import { renderMessage } from '../core/message';
import type { SectionProps } from './section';

// Export, import (a bad file refused whole, with its reason) and reset of the settings.

export function SettingsFile({ t, handlers }: Omit<SectionProps, 'settings'>) {
  const [status, setStatus] = useState('');
  const [failed, setFailed] = useState(false);
  const onFile = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // Read at most a little past the limit: the background refuses anything larger.
    const text = await file.slice(0, 128 * 1024 + 1).text();
    const error = await handlers.importSettings(text);
    setFailed(error !== null);
    setStatus(error ? renderMessage(error, t) : t('options_import_done'));
  };
  return (
    <section class="section" aria-labelledby="h-file" data-section="settings-file">
      <h2 id="h-file">{t('options_file')}</h2>
      <div class="buttons">
        <button type="button" data-action="export-settings" onClick={handlers.exportSettings}>
          {t('options_export')}
        </button>
        <label class="button">
          {t('options_import')}
          <input
            type="file"
            accept="application/json,.json"
            data-field="import-file"
            class="visually-hidden"
            onChange={(e) => void onFile(e)}
          />
        </label>
        <button
          type="button"
          data-action="reset-settings"
          onClick={() => {
            handlers.reset();
            setFailed(false);
            setStatus(t('options_reset_done'));
          }}
        >
          {t('options_reset')}
        </button>
      </div>
      <p
        class={failed ? 'error' : 'status'}
        role={failed ? 'alert' : 'status'}
        data-field="import-status"
        data-state={failed ? 'refused' : 'ok'}
      >
        {status}
      </p>
    </section>
  );
}
