import type { Translate } from '../core/message';

// What the options and history pages show when the background does not answer them (it failed
// to start, or was stopped mid-request): why the page is empty, and a way to ask again, rather
// than "waiting" for ever.

export function NoAnswer({ t, retry }: { t: Translate; retry: () => void }) {
  return (
    <main class="page">
      <p class="error" role="alert" data-field="no-answer">
        {t('page_no_answer')}
      </p>
      <div class="buttons">
        <button type="button" data-action="retry" onClick={retry}>
          {t('page_retry')}
        </button>
      </div>
    </main>
  );
}
