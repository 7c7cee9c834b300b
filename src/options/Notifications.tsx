import type { NotifyLevel } from '../core/settings';
import type { SectionProps } from './section';
import { ManagedNote, managedNoteId } from './Managed';

// When desktop notifications are shown: never, for dangers, or for warnings too.

const LEVELS: readonly NotifyLevel[] = ['off', 'danger', 'warning'];

export function Notifications({ settings, locked, t, handlers }: SectionProps) {
  const isLocked = locked.includes('notify');
  return (
    <section class="section" aria-labelledby="h-notify" data-section="notifications">
      <h2 id="h-notify">{t('options_notifications')}</h2>
      <fieldset
        disabled={isLocked}
        aria-describedby={isLocked ? managedNoteId('notify') : undefined}
      >
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
      {isLocked && <ManagedNote field="notify" t={t} />}
    </section>
  );
}
