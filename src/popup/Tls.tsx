import { renderMessage, type Translate } from '../core/message';
import type { TlsInfo } from '../core/cert/model';
import type { TlsView } from '../core/report';
import {
  ctMessage,
  echMessage,
  keyExchangeMessage,
  overriddenMessage,
  TLS_NOT_AVAILABLE,
  tlsStateMessage,
} from '../core/report-words';
import { useAnnouncer } from './announce';
import { Clamp } from '../ui/Clamp';
import { Fact } from '../ui/Fact';

// The TLS connection as the browser reported it: version, cipher, key exchange, signature
// scheme, ECH, CT, and a certificate warning the user clicked through, first and prominent.
// Chrome's read through the debugger starts from the certificate line (InspectButton).

/** A server-given value, or the words saying this browser did not give it: never a blank. */
export function Given({ value, t }: { value: string | undefined; t: Translate }) {
  if (value === undefined)
    return <span class="missing">{renderMessage(TLS_NOT_AVAILABLE, t)}</span>;
  return <Clamp text={value} class="value" />;
}

function TlsFacts({ tls, t }: { tls: TlsInfo; t: Translate }) {
  return (
    <>
      {tls.overriddenError !== undefined && (
        <p
          class="tls-override"
          role="alert"
          data-field="tls-overridden"
          data-state={tls.overriddenError}
        >
          <strong>{t('label_tls_overridden')}</strong>{' '}
          {renderMessage(overriddenMessage(tls.overriddenError), t)}
        </p>
      )}
      <dl class="facts">
        <Fact label={t('label_tls_version')} field="tls-protocol">
          <Given value={tls.protocol} t={t} />
        </Fact>
        <Fact label={t('label_tls_cipher')} field="tls-cipher">
          <Given value={tls.cipher} t={t} />
          {tls.mac !== undefined && <span class="aside">{t('label_tls_mac', [tls.mac])}</span>}
        </Fact>
        <Fact label={t('label_tls_key_exchange')} field="tls-group">
          <span class={(tls.keyExchangeGroup ?? tls.keyExchange) ? 'value' : 'missing'}>
            {renderMessage(keyExchangeMessage(tls), t)}
          </span>
        </Fact>
        <Fact label={t('label_tls_signature_scheme')} field="tls-signature">
          <Given value={tls.signatureScheme} t={t} />
        </Fact>
        <Fact
          label={t('label_tls_ech')}
          field="tls-ech"
          state={tls.ech === undefined ? 'unknown' : tls.ech ? 'yes' : 'no'}
        >
          <span class="value">{renderMessage(echMessage(tls.ech), t)}</span>
        </Fact>
        <Fact label={t('label_tls_ct')} field="tls-ct" state={tls.ct ?? 'unknown'}>
          <span class="value">{renderMessage(ctMessage(tls.ct), t)}</span>
        </Fact>
      </dl>
    </>
  );
}

/** Chrome's debugger read: `ask` first requests the optional permission (needs the click). */
export type Inspect = (ask: boolean) => Promise<'started' | 'refused'>;

/** The button that starts a read through Chrome's debugger, for the states that offer one. */
export function InspectButton({
  view,
  inspect,
  t,
}: {
  view: TlsView;
  inspect: Inspect;
  t: Translate;
}) {
  const [status, announce] = useAnnouncer();
  const label =
    view.state === 'needs-permission'
      ? 'tls_allow_inspect'
      : view.state === 'can-inspect'
        ? 'tls_inspect'
        : view.state === 'inspect-failed'
          ? 'tls_inspect_again'
          : null;
  if (label === null) return null;
  const onClick = (): void => {
    // Called straight from the click: Chrome grants a permission request only in a user gesture.
    inspect(view.state === 'needs-permission').then(
      (outcome) => outcome === 'refused' && announce(t('tls_permission_refused')),
      () => announce(t('tls_permission_refused')),
    );
  };
  return (
    <div class="inspect">
      <button type="button" data-action="inspect" onClick={onClick}>
        {t(label)}
      </button>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

/** The TLS facts, or why there are none; the certificate line offers the read (Summary.tsx). */
export function Tls({ view, t }: { view: TlsView; t: Translate }) {
  if (view.state === 'not-encrypted') return null;
  const why = tlsStateMessage(view);
  return (
    <div data-section="tls" data-tls-state={view.state}>
      {view.state === 'available' ? (
        <TlsFacts tls={view.tls} t={t} />
      ) : (
        why && <p class="missing tls-state">{renderMessage(why, t)}</p>
      )}
    </div>
  );
}
