import { ConfirmButton } from '../ui/ConfirmButton';
import { useState } from 'preact/hooks';
import { msg, renderMessage, type Message } from '../core/message';
import { MAX_SETTINGS_FILE, sizeError } from '../core/settings-file';
import type { OptionsHandlers, SectionProps } from './section';

// Export, import (a bad file refused whole, with its reason) and reset of the settings.

/** The file's text, or null when it cannot be read (it changed or went away since it was picked). */
async function readText(file: Blob): Promise<string | null> {
  try {
    // Never more than the limit and one: that is enough for the background to refuse it too.
    return await file.slice(0, MAX_SETTINGS_FILE + 1).text();
  } catch {
    return null;
  }
}

/**
 * Imports a picked file: what is wrong with it, or null when it was applied. Never throws: the
 * page has to say something whatever happens. A file over the limit is refused here with the
 * background's own words, as it would be there, without sending it.
 */
export async function importFile(
  file: Blob,
  send: OptionsHandlers['importSettings'],
): Promise<Message | null> {
  if (file.size > MAX_SETTINGS_FILE) return sizeError();
  const text = await readText(file);
  if (text === null) return msg('import_error_read');
  try {
    return await send(text);
  } catch {
    // No reply, or not one the page can read: the background may or may not have applied it.
    return msg('import_error_no_answer');
  }
}

export function SettingsFile({ t, handlers }: Pick<SectionProps, 't' | 'handlers'>) {
  const [status, setStatus] = useState('');
  const [failed, setFailed] = useState(false);
  const onFile = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const error = await importFile(file, handlers.importSettings);
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
        <ConfirmButton
          action="reset-settings"
          label={t('options_reset')}
          question={t('options_reset_question')}
          confirm={t('options_reset_confirm')}
          cancel={t('confirm_cancel')}
          onConfirm={() => {
            handlers.reset();
            setFailed(false);
            setStatus(t('options_reset_done'));
          }}
        />
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
