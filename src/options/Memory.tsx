import { ConfirmButton } from '../ui/ConfirmButton';
import type { MemoryStats, SettingsReply } from '../shared/messages';
import type { SectionProps } from './section';
import { Switch, Days } from './controls';

// What Portwatch remembers of sites (HTTPS seen, recent certificates), for how long, and clearing it.

export function Memory({
  settings,
  locked,
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
        locked={locked}
        t={t}
        handlers={handlers}
      />
      <Switch
        setting="rememberCertificates"
        field="remember-certificates"
        settings={settings}
        label={t('options_remember_certificates')}
        locked={locked}
        t={t}
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
        locked={locked}
        t={t}
        handlers={handlers}
      />
      <p class="status" role="status" data-field="memory-stats">
        {stats ? t('options_memory_stats', [String(stats.https), String(stats.certificates)]) : ''}
      </p>
      <div class="buttons">
        <ConfirmButton
          action="forget-https"
          label={t('options_forget_https')}
          question={t('options_forget_https_question')}
          confirm={t('options_forget_https_confirm')}
          cancel={t('confirm_cancel')}
          onConfirm={() => handlers.clearMemory('https')}
        />
        <ConfirmButton
          action="forget-certificates"
          label={t('options_forget_certificates')}
          question={t('options_forget_certificates_question')}
          confirm={t('options_forget_certificates_confirm')}
          cancel={t('confirm_cancel')}
          onConfirm={() => handlers.clearMemory('certificates')}
        />
      </div>
    </section>
  );
}
