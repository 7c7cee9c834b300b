import { useState } from 'preact/hooks';
import type { PatternCheck } from '../core/allowlist';
import { renderMessage, type Message, type Translate } from '../core/message';
import { RANGES, type BooleanSetting, type CoreSettings, type NotifyLevel } from '../core/settings';
import type { MemoryStats, SettingsReply } from '../shared/messages';

// The options page: every setting, applied the moment it changes. Props in, markup out; the
// browser side (the background's replies, files, permissions) comes in as handlers.

export interface OptionsHandlers {
  /** Stores the settings with `change` applied. */
  change: (change: Partial<CoreSettings>) => void;
  checkPattern: (input: string) => Promise<PatternCheck>;
  clearMemory: (kind: 'https' | 'certificates') => void;
  exportSettings: () => void;
  /** Imports a file's text; resolves with what is wrong, or null when it was applied. */
  importSettings: (text: string) => Promise<Message | null>;
  reset: () => void;
  grantDebugger: () => void;
  removeDebugger: () => void;
  openHistory: () => void;
}

interface Props {
  reply: SettingsReply;
  stats: MemoryStats | null;
  t: Translate;
  handlers: OptionsHandlers;
}

const LEVELS: readonly NotifyLevel[] = ['off', 'danger', 'warning'];

function Notifications({ settings, t, handlers }: SectionProps) {
  return (
    <section class="section" aria-labelledby="h-notify" data-section="notifications">
      <h2 id="h-notify">{t('options_notifications')}</h2>
      <fieldset>
        <legend>{t('options_notifications_legend')}</legend>
        {LEVELS.map((level) => (
          <label key={level} class="choice">
            <input
              type="radio"
              name="notify"
              value={level}
              checked={settings.notify === level}
              onChange={() => handlers.change({ notify: level })}
            />
            {t(`options_notify_${level}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

interface SectionProps {
  settings: CoreSettings;
  t: Translate;
  handlers: OptionsHandlers;
}

function Allowlist({ settings, t, handlers }: SectionProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    const checked = await handlers.checkPattern(input);
    if ('error' in checked) {
      setError(renderMessage(checked.error, t));
      return;
    }
    setError('');
    setInput('');
    if (!settings.allowlist.includes(checked.pattern))
      handlers.change({ allowlist: [...settings.allowlist, checked.pattern] });
  };
  return (
    <section class="section" aria-labelledby="h-allow" data-section="allowlist">
      <h2 id="h-allow">{t('options_allowlist')}</h2>
      <p class="hint">{t('options_allowlist_hint')}</p>
      <form class="row" onSubmit={(e) => void add(e)}>
        <label class="grow">
          <span class="visually-hidden">{t('options_allowlist_pattern')}</span>
          <input
            type="text"
            data-field="allowlist-input"
            value={input}
            maxLength={300}
            spellcheck={false}
            autocomplete="off"
            aria-invalid={error !== ''}
            aria-describedby="allow-error"
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" data-action="allowlist-add">
          {t('options_allowlist_add')}
        </button>
      </form>
      <p id="allow-error" class="error" role="alert" data-field="allowlist-error">
        {error}
      </p>
      {settings.allowlist.length === 0 ? (
        <p class="missing">{t('options_allowlist_empty')}</p>
      ) : (
        <ul class="patterns">
          {settings.allowlist.map((pattern) => (
            <li key={pattern} data-pattern={pattern}>
              <code>{pattern}</code>
              <button
                type="button"
                aria-label={t('options_allowlist_remove', [pattern])}
                onClick={() =>
                  handlers.change({ allowlist: settings.allowlist.filter((p) => p !== pattern) })
                }
              >
                {t('options_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Switch
        setting="softenLoopback"
        field="soften-loopback"
        settings={settings}
        label={t('options_soften_loopback')}
        handlers={handlers}
      />
    </section>
  );
}

/** One on/off setting, applied as it is clicked. */
function Switch(props: {
  setting: BooleanSetting;
  field: string;
  settings: CoreSettings;
  label: string;
  handlers: OptionsHandlers;
  disabled?: boolean;
}) {
  return (
    <label class="choice">
      <input
        type="checkbox"
        data-field={props.field}
        checked={props.settings[props.setting]}
        disabled={props.disabled ?? false}
        onChange={(e) =>
          props.handlers.change({ [props.setting]: (e.target as HTMLInputElement).checked })
        }
      />
      {props.label}
    </label>
  );
}

/** A whole number of days, sent only when the browser finds it within its bounds. */
function Days(props: {
  field: 'rememberDays' | 'historyDays';
  value: number;
  label: string;
  handlers: OptionsHandlers;
}) {
  const { min, max } = RANGES[props.field];
  return (
    <label class="choice">
      {props.label}{' '}
      <input
        type="number"
        data-field={props.field}
        min={min}
        max={max}
        step={1}
        value={props.value}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          if (input.validity.valid && input.value !== '')
            props.handlers.change({ [props.field]: Number(input.value) });
        }}
      />
    </label>
  );
}

function Memory({
  settings,
  t,
  handlers,
  stats,
  debugger: permission,
}: SectionProps & { stats: MemoryStats | null; debugger: SettingsReply['debugger'] }) {
  return (
    <section class="section" aria-labelledby="h-memory" data-section="memory">
      <h2 id="h-memory">{t('options_memory')}</h2>
      <p class="hint">{t('options_memory_hint')}</p>
      <Switch
        setting="rememberHttps"
        field="remember-https"
        settings={settings}
        label={t('options_remember_https')}
        handlers={handlers}
      />
      <Switch
        setting="rememberCertificates"
        field="remember-certificates"
        settings={settings}
        label={t('options_remember_certificates')}
        handlers={handlers}
      />
      {permission === 'not-granted' && (
        <p class="hint" data-field="certificates-need-permission">
          {t('options_remember_certificates_chrome')}
        </p>
      )}
      <Days
        field="rememberDays"
        value={settings.rememberDays}
        label={t('options_remember_days')}
        handlers={handlers}
      />
      <p class="status" role="status" data-field="memory-stats">
        {stats ? t('options_memory_stats', [String(stats.https), String(stats.certificates)]) : ''}
      </p>
      <div class="buttons">
        <button
          type="button"
          data-action="forget-https"
          onClick={() => handlers.clearMemory('https')}
        >
          {t('options_forget_https')}
        </button>
        <button
          type="button"
          data-action="forget-certificates"
          onClick={() => handlers.clearMemory('certificates')}
        >
          {t('options_forget_certificates')}
        </button>
      </div>
    </section>
  );
}

function History({ settings, t, handlers }: SectionProps) {
  return (
    <section class="section" aria-labelledby="h-history" data-section="history">
      <h2 id="h-history">{t('options_history')}</h2>
      <Days
        field="historyDays"
        value={settings.historyDays}
        label={t('options_history_days')}
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

function ChromeCertificates({
  reply,
  t,
  handlers,
}: { reply: SettingsReply } & Omit<SectionProps, 'settings'>) {
  if (reply.debugger === 'not-offered') return null;
  const granted = reply.debugger === 'granted';
  return (
    <section class="section" aria-labelledby="h-debugger" data-section="debugger">
      <h2 id="h-debugger">{t('options_debugger')}</h2>
      <p class="hint">{t('tls_state_needs_permission')}</p>
      <p data-field="debugger-state" data-state={reply.debugger}>
        {t(granted ? 'options_debugger_granted' : 'options_debugger_not_granted')}
      </p>
      <div class="buttons">
        {granted ? (
          <button type="button" data-action="remove-debugger" onClick={handlers.removeDebugger}>
            {t('options_debugger_remove')}
          </button>
        ) : (
          <button type="button" data-action="grant-debugger" onClick={handlers.grantDebugger}>
            {t('options_debugger_grant')}
          </button>
        )}
      </div>
      <Switch
        setting="alwaysInspect"
        field="always-inspect"
        settings={reply.settings}
        label={t('options_always_inspect')}
        handlers={handlers}
        disabled={!granted}
      />
      <p class="hint warning-text">{t('options_always_inspect_warning')}</p>
    </section>
  );
}

function SettingsFile({ t, handlers }: Omit<SectionProps, 'settings'>) {
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

export function Options({ reply, stats, t, handlers }: Props) {
  const settings = reply.settings;
  return (
    <main class="page">
      <h1>{t('options_title')}</h1>
      <Notifications settings={settings} t={t} handlers={handlers} />
      <Allowlist settings={settings} t={t} handlers={handlers} />
      <Memory
        settings={settings}
        t={t}
        handlers={handlers}
        stats={stats}
        debugger={reply.debugger}
      />
      <History settings={settings} t={t} handlers={handlers} />
      <ChromeCertificates reply={reply} t={t} handlers={handlers} />
      <SettingsFile t={t} handlers={handlers} />
    </main>
  );
}
