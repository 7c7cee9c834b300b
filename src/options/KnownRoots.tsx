import { useRef } from 'preact/hooks';
import { useFocusAfterRemoval } from '../ui/use-focus-after-removal';
import { Clamp } from '../ui/Clamp';
import type { SectionProps } from './section';
import { ManagedNote } from './Managed';

// The roots the person said they know (the popup's "I know this authority" on a local-root
// finding): each by name and key, removable. A removed root raises local-root again.

export function KnownRoots({ settings, locked, t, handlers }: SectionProps) {
  const isLocked = locked.includes('knownRoots');
  const roots = settings.knownRoots;
  const heading = useRef<HTMLHeadingElement>(null);
  const { list, removing } = useFocusAfterRemoval(heading, roots.length);
  return (
    <section class="section" aria-labelledby="h-roots" data-section="known-roots">
      {/* Focusable from script only: where focus goes once the last root is removed. */}
      <h2 id="h-roots" ref={heading} tabIndex={-1}>
        {t('options_known_roots')}
      </h2>
      <p class="hint">{t('options_known_roots_hint')}</p>
      {isLocked && <ManagedNote field="known-roots" t={t} />}
      {roots.length === 0 ? (
        <p class="missing">{t('options_known_roots_empty')}</p>
      ) : (
        <ul class="patterns" ref={list}>
          {roots.map((root, index) => (
            <li key={root.spki} data-root={root.spki}>
              <span class="grow">
                {/* The root's own name, chosen by whoever made it: isolated text, like the popup's. */}
                <Clamp text={root.name} />
                <br />
                <code class="fingerprint">{root.spki}</code>
              </span>
              {!isLocked && (
                <button
                  type="button"
                  aria-label={t('options_known_roots_remove', [root.name])}
                  onClick={() => {
                    removing(index);
                    handlers.change({ knownRoots: roots.filter((r) => r.spki !== root.spki) });
                  }}
                >
                  {t('options_remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
