import { Clamp } from '../ui/Clamp';
import type { SectionProps } from './section';

// The roots the person said they know (the popup's "I know this authority" on a local-root
// finding): each by name and key, removable. A removed root raises local-root again.

export function KnownRoots({ settings, t, handlers }: SectionProps) {
  const roots = settings.knownRoots;
  return (
    <section class="section" aria-labelledby="h-roots" data-section="known-roots">
      <h2 id="h-roots">{t('options_known_roots')}</h2>
      <p class="hint">{t('options_known_roots_hint')}</p>
      {roots.length === 0 ? (
        <p class="missing">{t('options_known_roots_empty')}</p>
      ) : (
        <ul class="patterns">
          {roots.map((root) => (
            <li key={root.spki} data-root={root.spki}>
              <span class="grow">
                {/* The root's own name, chosen by whoever made it: isolated text, like the popup's. */}
                <Clamp text={root.name} />
                <br />
                <code class="fingerprint">{root.spki}</code>
              </span>
              <button
                type="button"
                aria-label={t('options_known_roots_remove', [root.name])}
                onClick={() =>
                  handlers.change({ knownRoots: roots.filter((r) => r.spki !== root.spki) })
                }
              >
                {t('options_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
