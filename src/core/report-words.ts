import type { CertificateInfo, CtStatus, OverriddenError, San, TlsInfo } from './cert/model';
import type { FindingId, Severity } from './findings';
import { tlsFailureLabel } from './finding-text';
import type { HstsView } from './hsts';
import { msg, type Message } from './message';
import type { CertificateView, ConnectionView, Headline, TlsView } from './report';
import { DAY_SECONDS } from './time';

// The words a report is shown with, shared by the popup and the copied reports so both say the
// same thing (report-markdown.ts, report-json.ts write the copies). Pure: no browser, no view.

export function headlineMessages(h: Headline): { headline: Message; subhead: Message } {
  const key = h.replaceAll('-', '_');
  return { headline: msg(`headline_${key}`), subhead: msg(`subhead_${key}`) };
}

export function severityMessage(s: Severity): Message {
  return msg(`severity_${s}`);
}

/** The title of a finding known only by id, as in an origin's flags. */
export function findingTitle(id: FindingId): Message {
  return msg(`finding_${id.replaceAll('-', '_')}`);
}

export function schemeMessage(c: ConnectionView): Message {
  return msg(c.secure ? 'label_encrypted' : 'label_not_encrypted');
}

/** Whether the port is the scheme's default or written out, then its usual service if known. */
export function portMessages(c: ConnectionView): Message[] {
  const kind = msg(c.portExplicit ? 'label_port_explicit' : 'label_port_default');
  return c.portService !== undefined ? [kind, msg(`port_${c.portService}`)] : [kind];
}

/** Family and scope of the server address; empty when the address could not be classified. */
export function ipMessages(c: ConnectionView): Message[] {
  const out: Message[] = [];
  if (c.ipFamily !== undefined) out.push(msg(c.ipFamily === 'IPv4' ? 'label_ipv4' : 'label_ipv6'));
  if (c.ipScope !== undefined) out.push(msg(`label_scope_${c.ipScope.replaceAll('-', '_')}`));
  return out;
}

/** The HSTS state in words, then the directives it carries. */
export function hstsMessages(h: HstsView): Message[] {
  const days = Math.floor((h.maxAge ?? 0) / DAY_SECONDS);
  switch (h.state) {
    case 'present':
    case 'short': {
      const main = msg(h.state === 'present' ? 'label_hsts_present' : 'label_hsts_short', days);
      const flags = [
        ...(h.includeSubDomains ? [msg('label_hsts_include_subdomains')] : []),
        ...(h.preload ? [msg('label_hsts_preload')] : []),
      ];
      return [main, ...flags];
    }
    case 'not-applicable':
      return [msg('label_hsts_not_applicable')];
    default:
      return [msg(`label_hsts_${h.state}`)];
  }
}

/** Why a fact of the load (IP, status) is missing: the request was never seen, or never answered. */
export function unseenMessage(c: ConnectionView): Message {
  return msg(c.observed === 'none' ? 'label_unseen_restored' : 'label_unseen_no_response');
}

/** What a TLS failure means, when the connection failed with one. */
export function errorClassMessage(c: ConnectionView): Message | null {
  if (c.errorClass?.kind !== 'tls') return null;
  return tlsFailureLabel(c.errorClass.reason);
}

export function kindMessage(kind: string): Message {
  const known = ['main_frame', 'sub_frame', 'websocket'];
  return msg(`label_kind_${known.includes(kind) ? kind : 'other'}`);
}

// ---- TLS and certificates ------------------------------------------------------------------

/** Shown for a field this browser does not give extensions, rather than a blank. */
export const TLS_NOT_AVAILABLE = msg('label_tls_not_available');
export const CERT_NOT_AVAILABLE = msg('label_cert_not_available');

/** Why there are no TLS details to show; null when there are (or the page is plain http). */
export function tlsStateMessage(v: TlsView): Message | null {
  if (v.state === 'available' || v.state === 'not-encrypted') return null;
  const key = v.state === 'inspect-failed' ? `inspect_failed_${v.reason}` : v.state;
  return msg(`tls_state_${key.replaceAll('-', '_')}`);
}

export function echMessage(ech: boolean | undefined): Message {
  return msg(
    ech === undefined ? 'label_tls_ech_unknown' : ech ? 'label_tls_ech_yes' : 'label_tls_ech_no',
  );
}

export function ctMessage(ct: CtStatus | undefined): Message {
  return msg(`label_tls_ct_${(ct ?? 'unknown').replaceAll('-', '_')}`);
}

/** The certificate error the user clicked through, in words. */
export function overriddenMessage(e: OverriddenError): Message {
  return msg(`label_tls_overridden_${e.replaceAll('-', '_')}`);
}

/** The key exchange: a TLS 1.2 method and its group, or the group alone (TLS 1.3). */
export function keyExchangeMessage(tls: TlsInfo): Message {
  const group = tls.keyExchangeGroup;
  if (tls.keyExchange !== undefined && group !== undefined)
    return msg('label_tls_kx_method_group', tls.keyExchange, group);
  if (tls.keyExchange !== undefined) return msg('label_tls_kx_plain', tls.keyExchange);
  if (group !== undefined) return msg('label_tls_kx_plain', group);
  return TLS_NOT_AVAILABLE;
}

/** The public key: algorithm with its size or curve. */
export function keyMessage(cert: CertificateInfo): Message {
  const alg = cert.keyAlgorithm;
  if (alg === 'unknown')
    return cert.source === 'browser' ? CERT_NOT_AVAILABLE : msg('label_cert_key_unknown');
  if (alg === 'EC' && cert.curve !== undefined) return msg('label_cert_key_curve', alg, cert.curve);
  if (cert.keySize !== undefined) return msg('label_cert_key_bits', alg, cert.keySize);
  return msg('label_cert_key_plain', alg);
}

/**
 * Days left in words. `daysLeft` is floored: 0 is under a day left; -N means it expired during
 * the Nth day before the report (exactly N days ago, or less), said as "N days ago".
 */
export function daysLeftMessage(
  daysLeft: number | undefined,
  source: CertificateInfo['source'],
): Message {
  if (daysLeft === undefined)
    return source === 'browser' ? CERT_NOT_AVAILABLE : msg('label_cert_days_unknown');
  if (daysLeft > 1) return msg('label_cert_expires_in_days', daysLeft);
  if (daysLeft === 1) return msg('label_cert_expires_in_one_day');
  if (daysLeft === 0) return msg('label_cert_expires_within_day');
  if (daysLeft === -1) return msg('label_cert_expired_one_day_ago');
  return msg('label_cert_expired_days_ago', -daysLeft);
}

export function roleMessage(role: CertificateView['role']): Message {
  return msg(`label_cert_role_${role}`);
}

/** The name to show for a subject or issuer: its common name, else the whole name. */
export function displayName(cn: string | undefined, dn: string): string {
  return cn !== undefined && cn !== '' ? cn : dn;
}

/** A SAN as written (punycode), the stable form: `DNS:xn--bcher-kva.example`. */
export function sanRaw(san: San): string {
  return `${san.kind}:${san.value}`;
}

/**
 * What a root is: built into Firefox, or added (by the user, or by software); undefined where the
 * browser does not say (Chrome's debugger gives no such flag: the local-root check is Firefox's).
 */
export function builtInRootMessage(builtIn: boolean | undefined): Message {
  if (builtIn === undefined) return msg('label_cert_built_in_unknown');
  return msg(builtIn ? 'label_cert_built_in_yes' : 'label_cert_built_in_no');
}
