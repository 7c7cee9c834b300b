import { renderMessage, type Translate } from '../core/message';
import type { TabReport } from '../core/report';
import { headlineMessages } from '../core/report-words';
import { Clamp } from '../ui/Clamp';
import { Icon } from './Icon';

// The verdict in colour, shape and words; `data-verdict` is the stable hook for tests.

export function Verdict({ report, t }: { report: TabReport; t: Translate }) {
  const { headline, subhead } = headlineMessages(report.headline);
  const c = report.connection;
  return (
    <header class="verdict" data-verdict={report.verdict}>
      <Icon kind={report.verdict} />
      <div class="verdict-words">
        <h1>{renderMessage(headline, t)}</h1>
        <p>{renderMessage(subhead, t)}</p>
        {c && (
          // Unicode, with the punycode beside a look-alike: "аpple.com (xn--pple-43d.com)". Each
          // form in its own isolated element, so a right-to-left name cannot reorder the other.
          <p class="verdict-host" data-field="verdict-host">
            <Clamp text={c.hostUnicode} />
            {c.hostUnicode !== c.host && (
              <>
                {' ('}
                <Clamp text={c.host} />
                {')'}
              </>
            )}
          </p>
        )}
      </div>
    </header>
  );
}
