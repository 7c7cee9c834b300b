import type { ComponentChildren } from 'preact';
import type { Finding } from '../core/findings';
import { findingText } from '../core/finding-text';
import { msg, renderMessage, type Translate } from '../core/message';
import { severityMessage } from '../core/report-words';
import { Clamp } from '../ui/Clamp';
import { isolating } from '../ui/isolate';
import { Icon } from './Icon';

// Every finding's title and severity, most severe first (the core's order), each opening to
// what happened, why it matters and what to do. Allowlisted ones stay listed, greyed, so the
// user can see what they chose to accept.

export function SeverityBadge({ severity, t }: { severity: Finding['severity']; t: Translate }) {
  return (
    <span class="badge" data-severity={severity}>
      <Icon kind={severity} />
      {renderMessage(severityMessage(severity), t)}
    </span>
  );
}

function EvidenceUrls({ urls, t }: { urls: readonly string[]; t: Translate }) {
  return (
    <details class="evidence">
      <summary>{renderMessage(msg('label_insecure_urls', urls.length), t)}</summary>
      <ul>
        {urls.map((u, i) => (
          <li key={i}>
            <Clamp text={u} />
          </li>
        ))}
      </ul>
    </details>
  );
}

interface ItemProps {
  f: Finding;
  t: Translate;
  /** What the person can do about this finding here (allowlist the port, know the root). */
  action?: ComponentChildren;
}

function FindingItem({ f, t, action }: ItemProps) {
  const text = findingText(f);
  const urls = f.evidence.urls ?? [];
  return (
    <li
      class={f.allowlisted ? 'finding allowlisted' : 'finding'}
      data-finding={f.id}
      data-severity={f.severity}
      data-where={f.evidence.where}
      data-hop={f.evidence.hop}
    >
      <details>
        <summary class="finding-head">
          <SeverityBadge severity={f.severity} t={t} />
          <h3>{renderMessage(text.title, t)}</h3>
          {f.allowlisted && <span class="finding-label">{t('label_allowlisted')}</span>}
          {f.softened && <span class="finding-label">{t('label_softened')}</span>}
        </summary>
        <div class="finding-body">
          <p class="finding-detail">
            <Clamp text={renderMessage(text.detail, isolating(t))} />
          </p>
          <p class="finding-why">
            <strong>{t('label_why')}</strong> {renderMessage(text.why, t)}
          </p>
          <p class="finding-todo">
            <strong>{t('label_todo')}</strong> {renderMessage(text.todo, t)}
          </p>
          {urls.length > 0 && <EvidenceUrls urls={urls} t={t} />}
          {action}
        </div>
      </details>
    </li>
  );
}

export function Findings({
  findings,
  t,
  actionFor,
}: {
  findings: readonly Finding[];
  t: Translate;
  actionFor?: (f: Finding) => ComponentChildren;
}) {
  return (
    <section class="section" aria-labelledby="h-findings">
      <h2 id="h-findings">{t('label_findings')}</h2>
      <ul class="findings">
        {findings.map((f, i) => (
          <FindingItem f={f} t={t} key={`${f.id}-${i}`} action={actionFor?.(f)} />
        ))}
      </ul>
    </section>
  );
}
