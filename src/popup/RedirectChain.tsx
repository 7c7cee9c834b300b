import { hopLabel } from '../core/finding-text';
import { msg, renderMessage, type Translate } from '../core/message';
import type { ConnectionView } from '../core/report';
import { Clamp } from '../ui/Clamp';

// The redirect chain as the URLs requested in turn (in the section headed `h-redirects`), each with the status that sent the browser
// on, ending with the page that loaded. Hops past the kept ones are counted, not invented.

export function RedirectChain({ c, t }: { c: ConnectionView; t: Translate }) {
  const last = c.redirects[c.redirects.length - 1];
  const final = c.redirectsDropped > 0 || !last ? c.url : last.to;
  return (
    <div class="chain" data-field="redirects" data-hops={c.redirects.length + c.redirectsDropped}>
      <ol class="hops" aria-labelledby="h-redirects">
        {c.redirects.map((hop, i) => (
          <li class="hop" key={i} data-status={hop.status} data-browser={hop.browser}>
            <Clamp text={hop.from} class="value" />
            <span class="hop-status">{renderMessage(hopLabel(hop), t)}</span>
          </li>
        ))}
        {c.redirectsDropped > 0 && (
          <li class="hop hop-dropped">
            {renderMessage(msg('label_hops_dropped', c.redirectsDropped), t)}
          </li>
        )}
        <li class="hop hop-final">
          <Clamp text={final} class="value" />
          <span class="hop-status">{t('label_final')}</span>
        </li>
      </ol>
    </div>
  );
}
