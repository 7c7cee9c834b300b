import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { renderMessage, type Translate } from '../core/message';
import type { TabReport } from '../core/report';
import { certificateSummary, connectionSummary } from '../core/report-summary';
import { InspectButton, type Inspect } from './Tls';

// The first screen under the verdict: the connection in one line, the certificate in one line.
// Every part comes from the report (core/report-summary.ts); the sections below have the rest.

export function ConnectionLine({ report, t }: { report: TabReport; t: Translate }) {
  const parts = connectionSummary(report);
  if (parts.length === 0) return null;
  return (
    <p class="summary-line" data-field="summary">
      {parts.map((p, i) => (
        <Fragment key={p.part}>
          {i > 0 && (
            <span class="sep" aria-hidden="true">
              {' '}
              ·{' '}
            </span>
          )}
          <span data-part={p.part} data-token={p.token}>
            {p.text !== undefined &&
              (p.part === 'ip' ? <span class="value">{p.text}</span> : p.text)}
            {p.text !== undefined && p.words && ' '}
            {p.words && (
              <span class={p.part === 'ip' && p.text === undefined ? 'missing' : 'aside'}>
                {p.part === 'ip' && p.text !== undefined
                  ? `(${renderMessage(p.words, t)})`
                  : renderMessage(p.words, t)}
              </span>
            )}
          </span>
        </Fragment>
      ))}
    </p>
  );
}

export function CertificateLine({
  report,
  t,
  inspect,
}: {
  report: TabReport;
  t: Translate;
  inspect?: Inspect;
}) {
  const s = certificateSummary(report);
  const line = useRef<HTMLDivElement>(null);
  const state = report.tls?.state;
  // The read button goes away once clicked (the read is under way, then done): focus, which
  // was on it, would fall to the body; it goes to this line, which says what is happening.
  const before = useRef(state);
  useEffect(() => {
    const hadButton = ['needs-permission', 'can-inspect', 'inspect-failed'].includes(
      before.current ?? '',
    );
    const changed = before.current !== state;
    before.current = state;
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (hadButton && changed && lost) line.current?.focus();
  }, [state]);
  if (!s || !report.tls) return null;
  return (
    <div class="summary-line cert-line" data-field="cert-summary" ref={line} tabIndex={-1}>
      <p>
        <span class="summary-label">{t('summary_cert')}</span>{' '}
        {s.issuer !== undefined && (
          <>
            <span class="value">{s.issuer}</span>
            <span class="sep" aria-hidden="true">
              {' · '}
            </span>
          </>
        )}
        <span
          class={s.expired ? 'expired' : s.issuer !== undefined ? undefined : 'missing'}
          {...(report.tls.state === 'inspecting' ? { role: 'status', 'aria-live': 'polite' } : {})}
        >
          {renderMessage(s.words, t)}
        </span>
      </p>
      {inspect && <InspectButton view={report.tls} inspect={inspect} t={t} />}
    </div>
  );
}
