import type { Evidence, Finding } from './findings';
import { msg, type Message } from './message';
import { classifyNetError, type TlsFailure } from './net-error';
import type { Hop } from './tab-state';
import { DAY_SECONDS, utcDay, utcMinute } from './time';

// Chooses, for each finding, the sentences that explain it: a title, one line saying what
// happened with the evidence filled in, why it matters, and what to do about it.

export interface FindingText {
  title: Message;
  detail: Message;
  why: Message;
  /** A concrete step for the person, for this finding: where the evidence changes it, its own. */
  todo: Message;
}

/** Why a secure connection failed, in words. */
export function tlsFailureLabel(reason: TlsFailure = 'other'): Message {
  return msg(`label_tls_${reason.replaceAll('-', '_')}`);
}

/** What sent the chain on at this hop: the server's redirect, or the browser's own step. */
export function hopLabel(hop: Hop): Message {
  if (hop.browser === 'upgrade') return msg('label_hop_upgrade');
  if (hop.browser === 'fallback') {
    if (!hop.error) return msg('label_hop_fallback');
    return msg('label_hop_fallback_error', tlsFailureMessage({ error: hop.error, url: hop.from }));
  }
  return msg('label_redirect_status', hop.status);
}

/** The readable reason for a failed secure connection, from the browser's error text. */
function tlsFailureMessage(e: Evidence): Message {
  return tlsFailureLabel(classifyNetError(e.error ?? '', e.url ?? '').reason);
}

function detailOf(f: Finding): Message {
  const e = f.evidence;
  switch (f.id) {
    case 'downgrade-redirect':
      if (e.where === 'frame')
        return msg('detail_downgrade_redirect_frame', e.from ?? '', e.to ?? '');
      return e.fallback !== undefined
        ? msg(
            'detail_downgrade_redirect_fallback',
            e.from ?? '',
            e.to ?? '',
            e.hop ?? 1,
            e.status ?? 0,
          )
        : msg('detail_downgrade_redirect', e.from ?? '', e.to ?? '', e.hop ?? 1, e.status ?? 0);
    case 'downgrade-prevented':
      return msg('detail_downgrade_prevented', e.from ?? '', e.to ?? '', e.hop ?? 1, e.status ?? 0);
    case 'downgrade-navigation':
      return msg(
        e.sameSite ? 'detail_downgrade_navigation_same_site' : 'detail_downgrade_navigation',
        e.from ?? '',
        e.to ?? '',
      );
    case 'insecure-form':
      return msg('detail_insecure_form', e.from ?? '', e.to ?? '');
    case 'connection-error':
      return msg('detail_connection_error', e.url ?? '', tlsFailureMessage(e), e.error ?? '');
    case 'plaintext-on-443':
      return msg('detail_plaintext_on_443', e.url ?? '');
    case 'insecure-page':
      return msg(f.softened ? 'detail_insecure_page_local' : 'detail_insecure_page', e.url ?? '');
    case 'mixed-content':
      return msg(e.more ? 'detail_mixed_content_more' : 'detail_mixed_content', e.count ?? 0);
    case 'nonstandard-port':
      return e.service !== undefined
        ? msg('detail_nonstandard_port_service', e.port ?? 0, msg(`port_${e.service}`), e.url ?? '')
        : msg('detail_nonstandard_port', e.port ?? 0, e.url ?? '');
    case 'no-hsts':
      return e.maxAge === null || e.maxAge === undefined
        ? msg('detail_no_hsts')
        : msg('detail_hsts_short', Math.floor(e.maxAge / DAY_SECONDS));
    case 'weak-protocol':
      return msg('detail_weak_protocol', e.protocol ?? '');
    case 'weak-cipher':
      return msg('detail_weak_cipher', e.cipher ?? '', msg(`cipher_reason_${reasonKey(e)}`));
    case 'certificate-expiring':
      return expiringDetail(e);
    case 'weak-signature':
      return (e.count ?? 1) > 1
        ? msg(
            'detail_weak_signature_more',
            e.certificate ?? '',
            e.algorithm ?? '',
            (e.count ?? 1) - 1,
          )
        : msg('detail_weak_signature', e.certificate ?? '', e.algorithm ?? '');
    case 'weak-key':
      return msg('detail_weak_key', e.certificate ?? '', e.algorithm ?? '', e.keySize ?? 0);
    case 'ct-not-compliant':
      return msg('detail_ct_not_compliant');
    case 'https-stripped':
      return msg('detail_https_stripped', e.url ?? '', utcMinute(e.since) ?? '');
    case 'certificate-changed':
      return certificateChanged(e);
    case 'certificate-renewed':
      return msg(
        'detail_certificate_renewed',
        e.certificate ?? '',
        e.issuer ?? '',
        validity(e.validFrom, e.validUntil),
        validity(e.oldValidFrom, e.oldValidUntil),
        utcMinute(e.since) ?? '',
      );
    case 'local-root':
      if (f.severity === 'warning')
        return msg('detail_local_root_appeared', e.certificate ?? '', utcMinute(e.since) ?? '');
      return msg('detail_local_root', e.certificate ?? '');
  }
}

/** "2026-03-01 to 2026-09-17", or "?" for a date not known. */
function validity(from: number | undefined, until: number | undefined): Message {
  return msg('label_validity', utcDay(from) ?? '?', utcDay(until) ?? '?');
}

/** A new CA: its dates and the old one's, and how much of its life the old one had used. */
function certificateChanged(e: Evidence): Message {
  const subs = [
    e.certificate ?? '',
    e.issuer ?? '',
    validity(e.validFrom, e.validUntil),
    e.oldIssuer ?? '',
    validity(e.oldValidFrom, e.oldValidUntil),
    utcMinute(e.since) ?? '',
  ];
  if (e.reason === 'unknown') return msg('detail_certificate_changed_unknown', ...subs);
  const key =
    e.reason === 'young' ? 'detail_certificate_changed' : 'detail_certificate_changed_late';
  return msg(key, ...subs, e.lifeUsed ?? 0);
}

function reasonKey(e: Evidence): string {
  return (e.reason ?? 'non-aead').replaceAll('-', '_');
}

function expiringDetail(e: Evidence): Message {
  const name = e.certificate ?? '';
  const when = utcMinute(e.notAfter) ?? '';
  const days = e.days ?? 0;
  if (days < 0) return msg('detail_certificate_expired', name, when);
  if (days === 0) return msg('detail_certificate_expiring_today', name, when);
  return msg('detail_certificate_expiring', name, days, when);
}

/** Ciphers that leave the traffic as good as unencrypted, not merely weaker than they should be. */
const BROKEN_CIPHERS: ReadonlySet<string> = new Set(['null', 'export', 'rc4']);

/** What to do about a failed secure connection: it depends on why it failed. */
function connectionErrorTodo(e: Evidence): Message {
  switch (classifyNetError(e.error ?? '', e.url ?? '').reason) {
    case 'expired':
    case 'not-yet-valid':
      return msg('todo_connection_error_clock');
    case 'client-certificate':
      return msg('todo_connection_error_client_certificate');
    case 'interception':
      return msg('todo_connection_error_interception');
    case 'handshake':
    case 'protocol':
      return msg('todo_connection_error_handshake');
    default:
      return msg('todo_connection_error');
  }
}

/**
 * What the person can do about the finding: one step, in their words. A variant only where the
 * evidence changes the step (a frame, the browser's failed fallback, a development server, a
 * host on the allowlist, a certificate already expired).
 */
function todoOf(f: Finding): Message {
  const e = f.evidence;
  switch (f.id) {
    case 'downgrade-redirect':
      if (e.where === 'frame') return msg('todo_downgrade_redirect_frame');
      return msg(
        e.fallback !== undefined ? 'todo_downgrade_redirect_fallback' : 'todo_downgrade_redirect',
      );
    case 'connection-error':
      return connectionErrorTodo(e);
    case 'plaintext-on-443':
      return msg(
        e.where === undefined || e.where === 'page'
          ? 'todo_plaintext_on_443'
          : 'todo_plaintext_on_443_embedded',
      );
    case 'insecure-page':
      return msg(f.softened ? 'todo_insecure_page_local' : 'todo_insecure_page');
    case 'nonstandard-port':
      if (f.allowlisted) return msg('todo_nonstandard_port_allowlisted');
      return msg(f.softened ? 'todo_nonstandard_port_local' : 'todo_nonstandard_port');
    case 'weak-cipher':
      return msg(
        BROKEN_CIPHERS.has(e.reason ?? '') ? 'todo_weak_cipher_broken' : 'todo_weak_cipher',
      );
    case 'certificate-expiring':
      return msg((e.days ?? 0) < 0 ? 'todo_certificate_expired' : 'todo_certificate_expiring');
    case 'certificate-changed':
      return msg(
        e.reason === 'young' ? 'todo_certificate_changed' : 'todo_certificate_changed_late',
      );
    case 'local-root':
      if (f.severity === 'warning') return msg('todo_local_root_appeared');
      return msg(f.softened ? 'todo_local_root_local' : 'todo_local_root');
    default:
      return msg(`todo_${f.id.replaceAll('-', '_')}`);
  }
}

const TLS_FINDINGS: ReadonlySet<Finding['id']> = new Set([
  'weak-protocol',
  'weak-cipher',
  'certificate-expiring',
  'weak-signature',
  'weak-key',
  'ct-not-compliant',
]);

export function findingText(f: Finding): FindingText {
  const id = f.id.replaceAll('-', '_');
  const detail = detailOf(f);
  // A frame's connection: the same sentence, said of the frame.
  const inFrame = f.evidence.where === 'frame' && TLS_FINDINGS.has(f.id);
  return {
    title: msg(`finding_${id}`),
    detail: inFrame ? msg('detail_in_frame', f.evidence.url ?? '', detail) : detail,
    why: msg(`why_${id}`),
    todo: todoOf(f),
  };
}
