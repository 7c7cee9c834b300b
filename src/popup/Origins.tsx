import { msg, renderMessage, type Translate } from '../core/message';
import type { OriginView } from '../core/report';
import { findingTitle, kindMessage } from '../core/report-words';
import { Clamp } from '../ui/Clamp';
import { SeverityBadge } from './Findings';
import { Notes } from './Notes';

// Every other origin the page talked to, flagged ones first (the core's order), each with the
// server address it answered from and whether it was encrypted. A long list shows its head and
// folds the rest, but never folds away a flagged origin.

/** Origins shown before the rest are folded into a disclosure. */
const SHOWN = 6;

function OriginItem({ o, t }: { o: OriginView; t: Translate }) {
  return (
    <li
      class={o.flags.length > 0 ? 'origin flagged' : 'origin'}
      data-origin={o.origin}
      data-ip={o.ip}
    >
      <div class="origin-line">
        <Clamp text={o.host} class="value origin-host" />
        {o.ip !== undefined ? (
          <span class="value origin-ip">{o.ip}</span>
        ) : (
          <span class="missing origin-ip">{t('label_origin_ip_unseen')}</span>
        )}
      </div>
      <span class="origin-meta">
        <Notes
          items={[
            msg(o.secure ? 'label_encrypted' : 'label_not_encrypted'),
            ...(o.ipFamily ? [msg(o.ipFamily === 'IPv4' ? 'label_ipv4' : 'label_ipv6')] : []),
            msg('label_port_number', o.port),
            msg('label_requests', o.requests),
            ...o.kinds.map(kindMessage),
          ]}
          t={t}
        />
      </span>
      {o.flags.length > 0 && (
        <ul class="flags">
          {o.flags.map((f, i) => (
            <li key={`${f.id}-${i}`} data-flag={f.id}>
              <SeverityBadge severity={f.severity} t={t} /> {renderMessage(findingTitle(f.id), t)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function OriginList({ origins, t }: { origins: readonly OriginView[]; t: Translate }) {
  return (
    <ul class="origins">
      {origins.map((o) => (
        <OriginItem o={o} t={t} key={o.origin} />
      ))}
    </ul>
  );
}

export function Origins({
  origins,
  dropped,
  t,
}: {
  origins: readonly OriginView[];
  dropped: number;
  t: Translate;
}) {
  const flagged = origins.filter((o) => o.flags.length > 0).length;
  const shown = Math.max(SHOWN, flagged);
  const rest = origins.slice(shown);
  return (
    <>
      <OriginList origins={origins.slice(0, shown)} t={t} />
      {rest.length > 0 && (
        <details class="more-origins">
          <summary>{renderMessage(msg('label_show_more_origins', rest.length), t)}</summary>
          <OriginList origins={rest} t={t} />
        </details>
      )}
      {dropped > 0 && (
        <p class="missing">{renderMessage(msg('label_origins_dropped', dropped), t)}</p>
      )}
    </>
  );
}
