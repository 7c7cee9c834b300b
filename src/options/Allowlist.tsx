import { withPattern } from '../core/allowlist';
import { useRef, useState } from 'preact/hooks';
import { useFocusAfterRemoval } from '../ui/use-focus-after-removal';
import { renderMessage } from '../core/message';
import type { SectionProps } from './section';
import { Switch } from './controls';
import { ManagedNote, managedNoteId } from './Managed';

// The allowlist: host, host:port and *.host patterns, each checked before it is added.

export function Allowlist({ settings, locked, t, handlers }: SectionProps) {
  const isLocked = locked.includes('allowlist');
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const { list, removing } = useFocusAfterRemoval(inputRef, settings.allowlist.length);
  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    const checked = await handlers.checkPattern(input);
    if ('error' in checked) {
      setError(renderMessage(checked.error, t));
      return;
    }
    setError('');
    setInput('');
    const allowlist = withPattern(settings.allowlist, checked.pattern);
    if (allowlist !== settings.allowlist) handlers.change({ allowlist: [...allowlist] });
  };
  return (
    <section class="section" aria-labelledby="h-allow" data-section="allowlist">
      <h2 id="h-allow">{t('options_allowlist')}</h2>
      <p class="hint">{t('options_allowlist_hint')}</p>
      {isLocked ? (
        <ManagedNote field="allowlist" t={t} />
      ) : (
        <>
          <form class="row" onSubmit={(e) => void add(e)}>
            <label class="grow">
              <span class="visually-hidden">{t('options_allowlist_pattern')}</span>
              <input
                type="text"
                ref={inputRef}
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
        </>
      )}
      {settings.allowlist.length === 0 ? (
        <p class="missing">{t('options_allowlist_empty')}</p>
      ) : (
        <ul
          class="patterns"
          ref={list}
          aria-describedby={isLocked ? managedNoteId('allowlist') : undefined}
        >
          {settings.allowlist.map((pattern, index) => (
            <li key={pattern} data-pattern={pattern}>
              <code>{pattern}</code>
              {!isLocked && (
                <button
                  type="button"
                  aria-label={t('options_allowlist_remove', [pattern])}
                  onClick={() => {
                    removing(index);
                    handlers.change({ allowlist: settings.allowlist.filter((p) => p !== pattern) });
                  }}
                >
                  {t('options_remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Switch
        setting="softenLoopback"
        field="soften-loopback"
        settings={settings}
        label={t('options_soften_loopback')}
        locked={locked}
        t={t}
        handlers={handlers}
      />
    </section>
  );
}
