import type { MemoryStats, SettingsReply } from '../shared/messages';
import type { SectionProps } from './section';
import { Switch, Days } from './controls';

// What Portwatch remembers of sites (HTTPS seen, recent certificates), for how long, and clearing it.

export function Memory({
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
