import type { ComponentChildren } from 'preact';
import type { Finding } from '../core/findings';
import type { KnownRoot } from '../core/known-roots';
import type { Translate } from '../core/message';
import type { TabReport } from '../core/report';
import { reportToMarkdown } from '../core/report-markdown';
import { reportToJson } from '../core/report-json';
import { isolating } from '../ui/isolate';
import { useAnnouncer } from './announce';
import type { Inspect } from './Tls';

// What the user can do with the report, and the steps a finding offers beside it. The browser side (clipboard, tabs) comes in as
// handlers, so this view renders and is tested without a browser.

export interface ActionHandlers {
  /** Puts text on the clipboard; rejects when it could not. */
  copy: (text: string) => Promise<void>;
  /** Opens this report in a tab; absent when the report is already in one. */
  openTab?: () => void;
  /** The extension's version, written into the JSON report. */
  version?: string;
  /** Adds the page's host:port to the allowlist. */
  allowlist?: (pattern: string) => Promise<void>;
  /** Marks the root a local-root finding names as known; rejects when it could not. */
  knowRoot?: (root: KnownRoot) => Promise<void>;
  /** Open the history and the settings pages. */
  openHistory?: () => void;
  openOptions?: () => void;
  /** Reads the certificate through Chrome's debugger; absent where that cannot be. */
  inspect?: Inspect;
}

interface Props {
  report: TabReport;
  t: Translate;
  handlers: ActionHandlers;
}

/** The step a finding offers in the popup, beside its words; null when it offers none. */
export function FindingAction({ f, report, t, handlers }: Props & { f: Finding }) {
  const [status, announce] = useAnnouncer();
  let button: ComponentChildren = null;
  const pattern = report.allowlistCandidate;
  const root = report.rootCandidate;
  if (
    f.id === 'nonstandard-port' &&
    f.evidence.where === 'page' &&
    handlers.allowlist &&
    pattern !== undefined
  ) {
    button = (
      <button
        type="button"
        data-action="allowlist"
        onClick={() => {
          handlers.allowlist?.(pattern).then(
            () => announce(t('allowlist_done', [pattern])),
            () => announce(t('allowlist_failed')),
          );
        }}
      >
        {t('allowlist_this', [pattern])}
      </button>
    );
  } else if (f.id === 'local-root' && handlers.knowRoot && root !== undefined) {
    button = (
      <button
        type="button"
        data-action="know-root"
        onClick={() => {
          handlers.knowRoot?.(root).then(
            () => announce(isolating(t)('know_root_done', [root.name])),
            () => announce(t('know_root_failed')),
          );
        }}
      >
        {t('know_root_this')}
      </button>
    );
  }
  if (button === null) return null;
  return (
    <div class="finding-action">
      {button}
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

/** Copy, open in a tab, history, settings: last, compact, the same on every page. */
export function Actions({ report, t, handlers }: Props) {
  const [status, announce] = useAnnouncer();
  const copy = async (kind: 'markdown' | 'json'): Promise<void> => {
    // Built at click time, from the report on screen, so the copy matches what is shown.
    const text =
      kind === 'markdown' ? reportToMarkdown(report, t) : reportToJson(report, handlers.version);
    try {
      await handlers.copy(text);
      announce(t(kind === 'markdown' ? 'copy_done_markdown' : 'copy_done_json'));
    } catch {
      announce(t('copy_failed'));
    }
  };
  return (
    <section class="actions" aria-label={t('popup_actions')}>
      <div class="buttons">
        <button type="button" data-action="copy-markdown" onClick={() => void copy('markdown')}>
          {t('copy_markdown')}
        </button>
        <button type="button" data-action="copy-json" onClick={() => void copy('json')}>
          {t('copy_json')}
        </button>
        {handlers.openTab && (
          <button type="button" data-action="open-tab" onClick={handlers.openTab}>
            {t('popup_open_tab')}
          </button>
        )}
        {handlers.openHistory && (
          <button type="button" data-action="open-history" onClick={handlers.openHistory}>
            {t('popup_open_history')}
          </button>
        )}
        {handlers.openOptions && (
          <button type="button" data-action="open-options" onClick={handlers.openOptions}>
            {t('popup_open_options')}
          </button>
        )}
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
