import type { Translate } from '../core/message';
import type { SettingsReply } from '../shared/messages';

// What the organisation's policy sets (core/managed.ts): a note at the top of the page, and one
// beside each setting it locks, which that setting's control names as its description.

/** The id of the note beside a locked setting, for the control's aria-describedby. */
export const managedNoteId = (field: string): string => `managed-${field}`;

/** "Set by your organisation", beside the control of a locked setting. */
export function ManagedNote({ field, t }: { field: string; t: Translate }) {
  return (
    <p id={managedNoteId(field)} class="managed-note" data-managed={field}>
      {t('options_managed_setting')}
    </p>
  );
}

/** At the top of the page: that some settings are the organisation's, and what it could not set. */
export function ManagedBanner({ managed, t }: { managed: SettingsReply['managed']; t: Translate }) {
  if (managed.locked.length === 0 && managed.ignored.length === 0) return null;
  return (
    <div class="managed-banner" role="note" data-field="managed-banner">
      {managed.locked.length > 0 && <p>{t('options_managed_banner')}</p>}
      {managed.ignored.length > 0 && (
        <p data-field="managed-ignored">
          {t('options_managed_ignored', [managed.ignored.join(', ')])}
        </p>
      )}
    </div>
  );
}
