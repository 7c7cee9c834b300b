import type { Translate } from '../core/message';
import type { TabReport } from '../core/report';
import { Actions, type ActionHandlers } from './Actions';
import { Certificate } from './Certificate';
import { Connection } from './Connection';
import { Findings } from './Findings';
import { Origins } from './Origins';
import { Tls } from './Tls';
import { Verdict } from './Verdict';

// The report view: props in, markup out. No browser calls here (they live in index.tsx), so it
// renders the same in the popup, in a tab and in tests.

export interface AppProps {
  report: TabReport;
  t: Translate;
  /** Absent in a view that only shows the report. */
  handlers?: ActionHandlers;
}

export function App({ report, t, handlers }: AppProps) {
  const c = report.connection;
  const tls = report.tls;
  // Without a connection (not a web page, nothing recorded) the headline is all there is to say.
  return (
    <main class="report">
      <Verdict report={report} t={t} />
      {c && <Connection c={c} t={t} />}
      {c && tls && (
        <Tls view={tls} t={t} {...(handlers?.inspect ? { inspect: handlers.inspect } : {})} />
      )}
      {c && tls?.state === 'available' && (
        <Certificate
          certificates={tls.certificates}
          dropped={tls.tls.chainDropped}
          t={t}
          {...(handlers ? { copy: handlers.copy } : {})}
        />
      )}
      {c && report.findings.length > 0 && <Findings findings={report.findings} t={t} />}
      {c && report.origins.length > 0 && (
        <Origins origins={report.origins} dropped={report.originsDropped} t={t} />
      )}
      {c && handlers && <Actions report={report} t={t} handlers={handlers} />}
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
