import { msg, renderMessage, type Message, type Translate } from '../core/message';
import { sanLabel, type CertificateInfo, type San } from '../core/cert/model';
import type { CertificateView } from '../core/report';
import {
  builtInRootMessage,
  CERT_NOT_AVAILABLE,
  daysLeftMessage,
  displayName,
  keyMessage,
  roleMessage,
  sanRaw,
} from '../core/report-words';
import { useAnnouncer } from './announce';
import { Clamp } from '../ui/Clamp';
import { Fact } from '../ui/Fact';
import { isolating } from '../ui/isolate';
import { utcMinute } from '../core/time';

// The site's certificate, then its chain folded away: every string in them came from a server,
// so each is text, clamped. A field the browser did not give says so rather than stay blank.

/** SANs listed before the rest fold behind "show all". */
const SANS_SHOWN = 20;

type Copy = (text: string) => Promise<void>;

function NotAvailable({ t }: { t: Translate }) {
  return <span class="missing">{renderMessage(CERT_NOT_AVAILABLE, t)}</span>;
}

/** An untrusted value, or "not available in this browser". */
function Value({
  text,
  t,
  mono,
}: {
  text: string | null | undefined;
  t: Translate;
  mono?: boolean;
}) {
  if (text === undefined || text === null || text === '') return <NotAvailable t={t} />;
  return <Clamp text={text} class={mono ? 'value mono' : 'value'} />;
}

/** A message that may be the "not available" one, styled as such. */
function Said({ m, t }: { m: Message; t: Translate }) {
  const missing = m.key === CERT_NOT_AVAILABLE.key;
  return <span class={missing ? 'missing' : 'value'}>{renderMessage(m, t)}</span>;
}

/** A distinguished name by its common name, with the whole name beside it when it says more. */
function Name({ cn, dn, t }: { cn: string | undefined; dn: string; t: Translate }) {
  if (dn === '' && (cn === undefined || cn === '')) return <NotAvailable t={t} />;
  const shown = displayName(cn, dn);
  return (
    <>
      <Clamp text={shown} class="value" />
      {shown !== dn && dn !== `CN=${shown}` && <Clamp text={dn} class="aside" />}
    </>
  );
}

function SanItem({ san, t }: { san: San; t: Translate }) {
  return (
    <li data-san={sanRaw(san)}>
      <Clamp text={sanLabel(san)} class="value" />
      {san.unicode !== undefined && (
        <span class="aside">
          {' '}
          {t('label_punycode')} <Clamp text={san.value} />
        </span>
      )}
    </li>
  );
}

function Sans({ cert, t }: { cert: CertificateInfo; t: Translate }) {
  const { sans, sansDropped } = cert;
  if (sans.length === 0) {
    if (cert.source === 'browser') return <NotAvailable t={t} />;
    return <span class="value">{t('label_cert_sans_none')}</span>;
  }
  const first = sans.slice(0, SANS_SHOWN);
  const rest = sans.slice(SANS_SHOWN);
  return (
    <div class="sans">
      <span class="aside">
        {renderMessage(msg('label_cert_sans_count', sans.length + sansDropped), t)}
      </span>
      <ul class="san-list">
        {first.map((s, i) => (
          <SanItem key={i} san={s} t={t} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details class="more-sans">
          <summary>{renderMessage(msg('label_cert_sans_show_all', sans.length), t)}</summary>
          <ul class="san-list">
            {rest.map((s, i) => (
              <SanItem key={i} san={s} t={t} />
            ))}
          </ul>
        </details>
      )}
      {sansDropped > 0 && (
        <p class="aside" data-field="cert-sans-dropped">
          {renderMessage(msg('label_cert_sans_dropped', sansDropped), t)}
        </p>
      )}
    </div>
  );
}

function DaysLeft({ v, t }: { v: CertificateView; t: Translate }) {
  const m = daysLeftMessage(v.daysLeft, v.cert.source);
  const expired = v.daysLeft !== undefined && v.daysLeft < 0;
  return (
    <span
      class={m.key === CERT_NOT_AVAILABLE.key ? 'missing' : expired ? 'value expired' : 'value'}
    >
      {renderMessage(m, t)}
    </span>
  );
}

function BrowserSummary({ cert, t }: { cert: CertificateInfo; t: Translate }) {
  if (cert.source !== 'browser') return null;
  return (
    <p class="missing cert-summary">
      {t('label_cert_browser_summary')}
      {cert.parseError !== undefined && (
        <>
          {' '}
          <Clamp
            text={renderMessage(msg('label_cert_parse_error', cert.parseError), isolating(t))}
          />
        </>
      )}
    </p>
  );
}

function Leaf({ v, root, t }: { v: CertificateView; root?: CertificateInfo; t: Translate }) {
  const c = v.cert;
  return (
    <>
      <BrowserSummary cert={c} t={t} />
      <dl class="facts">
        <Fact label={t('label_cert_subject')} field="cert-subject">
          <Name cn={c.subjectCn} dn={c.subject} t={t} />
        </Fact>
        <Fact label={t('label_cert_sans')} field="cert-sans">
          <Sans cert={c} t={t} />
        </Fact>
        <Fact label={t('label_cert_issuer')} field="cert-issuer">
          <Name cn={c.issuerCn} dn={c.issuer} t={t} />
        </Fact>
        <Fact label={t('label_cert_not_before')} field="cert-not-before">
          <Value text={utcMinute(c.notBefore)} t={t} />
        </Fact>
        <Fact label={t('label_cert_not_after')} field="cert-not-after">
          <Value text={utcMinute(c.notAfter)} t={t} />
        </Fact>
        <Fact label={t('label_cert_days_left')} field="cert-days-left">
          <DaysLeft v={v} t={t} />
        </Fact>
        <Fact label={t('label_cert_sha256')} field="cert-sha256">
          <Value text={c.sha256} t={t} mono />
        </Fact>
        <Fact label={t('label_cert_serial')} field="cert-serial">
          <Value text={c.serialNumber} t={t} mono />
        </Fact>
        <Fact label={t('label_cert_key')} field="cert-key">
          <Said m={keyMessage(c)} t={t} />
        </Fact>
        <Fact label={t('label_cert_signature')} field="cert-signature">
          <Value text={c.signatureAlgorithm} t={t} />
        </Fact>
        {root && (
          <Fact
            label={t('label_cert_built_in')}
            field="cert-built-in-root"
            state={root.builtInRoot === undefined ? 'unknown' : root.builtInRoot ? 'yes' : 'no'}
          >
            <span class="value">{renderMessage(builtInRootMessage(root.builtInRoot), t)}</span>
          </Fact>
        )}
      </dl>
    </>
  );
}

interface ChainItemProps {
  v: CertificateView;
  index: number;
  t: Translate;
  copyPem?: (pem: string) => void;
}

function ChainItem({ v, index, t, copyPem }: ChainItemProps) {
  const c = v.cert;
  const name = displayName(c.subjectCn, c.subject);
  const pem = c.pem;
  return (
    <li class="cert" data-role={v.role} data-index={index}>
      <h3>
        <span class="note">{renderMessage(roleMessage(v.role), t)}</span>{' '}
        <Clamp text={name} class="value" />
      </h3>
      <BrowserSummary cert={c} t={t} />
      <dl class="facts">
        <Fact label={t('label_cert_issuer')} field="chain-issuer">
          <Value text={displayName(c.issuerCn, c.issuer)} t={t} />
        </Fact>
        <Fact label={t('label_cert_key')} field="chain-key">
          <Said m={keyMessage(c)} t={t} />
        </Fact>
        <Fact label={t('label_cert_signature')} field="chain-signature">
          <Value text={c.signatureAlgorithm} t={t} />
        </Fact>
        <Fact label={t('label_cert_days_left')} field="chain-days-left">
          <DaysLeft v={v} t={t} />
        </Fact>
        <Fact label={t('label_cert_sha256')} field="chain-sha256">
          <Value text={c.sha256} t={t} mono />
        </Fact>
        {c.builtInRoot !== undefined && v.role === 'root' && (
          <Fact label={t('label_cert_built_in')} field="chain-built-in-root">
            <span class="value">{renderMessage(builtInRootMessage(c.builtInRoot), t)}</span>
          </Fact>
        )}
      </dl>
      {pem !== undefined && copyPem && (
        <button
          type="button"
          class="copy-pem"
          aria-label={t('copy_pem_label', [name])}
          onClick={() => copyPem(pem)}
        >
          {t('copy_pem')}
        </button>
      )}
    </li>
  );
}

interface Props {
  certificates: readonly CertificateView[];
  /** Certificates beyond the kept chain. */
  dropped: number;
  t: Translate;
  /** The clipboard, from ActionHandlers; absent in a view that only shows the report. */
  copy?: Copy;
}

export function Certificate({ certificates, dropped, t, copy }: Props) {
  const [status, announce] = useAnnouncer();
  const leaf = certificates[0];
  if (!leaf) return null;
  const last = certificates[certificates.length - 1];
  const root = last?.role === 'root' ? last.cert : undefined;
  const copyPem = copy
    ? (pem: string): void => {
        copy(pem).then(
          () => announce(t('copy_pem_done')),
          () => announce(t('copy_pem_failed')),
        );
      }
    : undefined;
  return (
    <div data-section="certificate">
      <Leaf v={leaf} root={root} t={t} />
      <details class="cert-chain" data-field="cert-chain">
        <summary>
          {renderMessage(msg('label_cert_chain_count', certificates.length + dropped), t)}
        </summary>
        <ol class="certs">
          {certificates.map((v, i) => (
            <ChainItem key={i} v={v} index={i} t={t} copyPem={copyPem} />
          ))}
        </ol>
        {dropped > 0 && (
          <p class="aside">{renderMessage(msg('label_cert_chain_dropped', dropped), t)}</p>
        )}
      </details>
      {copyPem && (
        <p class="status" role="status" aria-live="polite">
          {status}
        </p>
      )}
    </div>
  );
}
