import type { SettingsReply } from '../shared/messages';
import type { SectionProps } from './section';
import { Switch } from './controls';

// Chrome only: the debugger permission for certificate details, and "always inspect".

export function ChromeCertificates({
  reply,
  locked,
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
        locked={locked}
        t={t}
        handlers={handlers}
        disabled={!granted}
      />
      <p class="hint warning-text">{t('options_always_inspect_warning')}</p>
    </section>
  );
}
