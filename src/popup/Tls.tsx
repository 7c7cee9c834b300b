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
} from '../core/report-format';
import { Clamp } from './Clamp';
import { Fact } from './Connection';

// The TLS connection as the browser reported it: version, cipher, key exchange, signature
// scheme, ECH, CT, and a certificate warning the user clicked through, first and prominent.

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

export function Tls({ view, t }: { view: TlsView; t: Translate }) {
  if (view.state === 'not-encrypted') return null;
  const why = tlsStateMessage(view);
  return (
    <section class="section" aria-labelledby="h-tls" data-section="tls" data-tls-state={view.state}>
      <h2 id="h-tls">{t('label_tls')}</h2>
      {view.state === 'available' ? (
        <TlsFacts tls={view.tls} t={t} />
      ) : (
        why && <p class="missing tls-state">{renderMessage(why, t)}</p>
      )}
    </section>
  );
}
