import type { ComponentChildren } from 'preact';
import type { Translate } from '../core/message';
import type { TabReport } from '../core/report';
import { Disclosure } from '../ui/Disclosure';
import { Actions, FindingAction, type ActionHandlers } from './Actions';
import { Certificate } from './Certificate';
import { Connection } from './Connection';
import { Findings } from './Findings';
import { Origins } from './Origins';
import { RedirectChain } from './RedirectChain';
import { CertificateLine, ConnectionLine } from './Summary';
import { Tls } from './Tls';
import { Verdict } from './Verdict';

// The report view: props in, markup out. No browser calls here (they live in index.tsx), so it
// renders the same in the popup, in a tab and in tests. First what a glance needs (the verdict,
// the connection and the certificate in a line each, every finding's title, worst first), then
// the details as sections a person opens, then the actions.

export interface AppProps {
  report: TabReport;
  t: Translate;
  /** Absent in a view that only shows the report. */
  handlers?: ActionHandlers;
  /** The sections the person keeps open (by Disclosure id). */
  open?: ReadonlySet<string>;
  onToggle?: (id: string, open: boolean) => void;
}

/** A section title with how many it holds. */
function Counted({ label, n }: { label: string; n: number }) {
  return (
    <>
      {label} <span class="count">{n}</span>
    </>
  );
}

export function App({ report, t, handlers, open = new Set(), onToggle }: AppProps) {
  const c = report.connection;
  const tls = report.tls;
  // Without a connection (not a web page, nothing recorded) the headline is all there is to say.
  if (!c) {
    return (
      <main class="report">
        <Verdict report={report} t={t} />
      </main>
    );
  }
  const section = (id: string, title: ComponentChildren, body: ComponentChildren) => (
    <Disclosure id={id} title={title} open={open.has(id)} {...(onToggle ? { onToggle } : {})}>
      {body}
    </Disclosure>
  );
  const hops = c.redirects.length + c.redirectsDropped;
  return (
    <main class="report">
      <Verdict report={report} t={t} />
      <div class="summary">
        <ConnectionLine report={report} t={t} />
        <CertificateLine
          report={report}
          t={t}
          {...(handlers?.inspect ? { inspect: handlers.inspect } : {})}
        />
      </div>
      {report.findings.length > 0 && (
        <Findings
          findings={report.findings}
          t={t}
          {...(handlers
            ? {
                actionFor: (f) => <FindingAction f={f} report={report} t={t} handlers={handlers} />,
              }
            : {})}
        />
      )}
      <div class="details">
        {section('connection', t('label_connection'), <Connection c={c} t={t} />)}
        {tls &&
          tls.state !== 'not-encrypted' &&
          section('tls', t('label_tls'), <Tls view={tls} t={t} />)}
        {tls?.state === 'available' &&
          tls.certificates.length > 0 &&
          section(
            'certificate',
            t('label_cert_and_chain'),
            <Certificate
              certificates={tls.certificates}
              dropped={tls.tls.chainDropped}
              t={t}
              {...(handlers ? { copy: handlers.copy } : {})}
            />,
          )}
        {hops > 0 &&
          section(
            'redirects',
            <Counted label={t('label_redirects')} n={hops} />,
            <RedirectChain c={c} t={t} />,
          )}
        {report.origins.length > 0 &&
          section(
            'origins',
            <Counted
              label={t('label_other_origins')}
              n={report.origins.length + report.originsDropped}
            />,
            <Origins origins={report.origins} dropped={report.originsDropped} t={t} />,
          )}
      </div>
      {handlers && <Actions report={report} t={t} handlers={handlers} />}
    </main>
  );
}

/** What the popup shows before it has a report: waiting, or no tab to report on. */
export function Pending({ text }: { text: string }) {
  return (
    <main class="report">
      <p class="pending" aria-live="polite">
        {text}
      </p>
    </main>
  );
}
