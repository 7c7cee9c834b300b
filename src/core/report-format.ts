import type { FindingId, Finding, Severity } from './findings';
import { findingText, hopLabel, tlsFailureLabel } from './finding-text';
import { msg, renderMessage, type Message, type Translate } from './message';
import type { CertificateInfo, CtStatus, OverriddenError, San, TlsInfo } from './cert/model';
import type {
  CertificateView,
  ConnectionView,
  Headline,
  OriginView,
  TabReport,
  TlsView,
} from './report';
import type { HstsView } from './hsts';
import type { Hop } from './tab-state';
import { bound } from './text';
import { DAY_SECONDS, utcMinute } from './time';

// The words a report is shown with, shared by the popup and the copied reports so both say the
// same thing, and the copied reports themselves (Markdown and JSON). Pure: no browser, no view.

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

/** What a TLS failure means, when the connection failed with one. */
/** Why a fact of the load (IP, status) is missing: the request was never seen, or never answered. */
export function unseenMessage(c: ConnectionView): Message {
  return msg(c.observed === 'none' ? 'label_unseen_restored' : 'label_unseen_no_response');
}

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

/** What a Firefox root is: built into the browser, or added (by the user, or by software). */
export function builtInRootMessage(builtIn: boolean): Message {
  return msg(builtIn ? 'label_cert_built_in_yes' : 'label_cert_built_in_no');
}

// ---- Markdown ------------------------------------------------------------------------------

/** Longest untrusted value (URL, host, error) written into a copied report. */
export const MAX_MD_TEXT = 512;
/** Most items of any one list (URLs, hops, origins) written into a copied report. */
export const MAX_MD_ITEMS = 50;

// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const LINE_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidirectional controls can make text read differently from what it is ("Trojan Source"). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters that open Markdown (or GitHub's math) constructs, or end a table cell. */
const MD_SPECIAL = /[\\`*_~[\]<>|$]/g;
/** An ampersand that would be read as a character reference (`&lt;`) rather than shown. */
const ENTITY_START = /&(?=#?[a-z0-9]+;)/gi;

/**
 * Makes text safe as inline Markdown, in a paragraph, list item or table cell: one line, every
 * special character shown as itself, at most `max` characters before escaping.
 */
export function mdText(text: string, max = MAX_MD_TEXT): string {
  return bound(text, max)
    .replace(LINE_BREAKS, ' ')
    .replace(BIDI_CONTROLS, '\uFFFD')
    .replace(MD_SPECIAL, '\\$&')
    .replace(ENTITY_START, '\\&');
}

/** Bounds every untrusted substitution of a message, however deeply nested. */
function boundSubs(m: Message): Message {
  if (!m.subs) return m;
  return {
    key: m.key,
    subs: m.subs.map((s) => (typeof s === 'string' ? bound(s, MAX_MD_TEXT) : boundSubs(s))),
  };
}

/** A message rendered as one line of Markdown: its substitutions are untrusted, so all is escaped. */
function mdMessage(m: Message, t: Translate): string {
  return mdText(renderMessage(boundSubs(m), t), 4 * MAX_MD_TEXT);
}

function mdList(ms: readonly Message[], t: Translate): string {
  return ms.map((m) => mdMessage(m, t)).join(', ');
}

function mdWith(value: string, notes: readonly Message[], t: Translate): string {
  return notes.length === 0 ? mdText(value) : `${mdText(value)} (${mdList(notes, t)})`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: readonly string[], rows: readonly string[][]): string[] {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)];
}

function isoTime(ms: number): string | null {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) && ms > 0 ? date.toISOString() : null;
}

function hostCell(c: ConnectionView, t: Translate): string {
  if (c.host === c.hostUnicode) return mdText(c.host);
  return `${mdText(c.hostUnicode)} (${mdMessage(msg('label_punycode'), t)}: ${mdText(c.host)})`;
}

function connectionRows(c: ConnectionView, t: Translate): string[][] {
  const label = (key: string): string => mdMessage(msg(key), t);
  const notRecorded = mdMessage(unseenMessage(c), t);
  const rows: string[][] = [
    [label('label_address'), mdText(c.url)],
    [label('label_origin'), mdText(c.origin)],
    [label('label_scheme'), mdWith(c.scheme, [schemeMessage(c)], t)],
    [label('label_host'), hostCell(c, t)],
    [label('label_port'), mdWith(String(c.port), portMessages(c), t)],
    [label('label_server_ip'), c.ip !== undefined ? mdWith(c.ip, ipMessages(c), t) : notRecorded],
    [label('label_http_status'), c.statusCode !== undefined ? String(c.statusCode) : notRecorded],
    [label('label_hsts'), mdList(hstsMessages(c.hsts), t)],
  ];
  if (c.error !== undefined) {
    const meaning = errorClassMessage(c);
    rows.push([label('label_error'), mdWith(c.error, meaning ? [meaning] : [], t)]);
  }
  const loaded = isoTime(c.committedAt);
  if (loaded) rows.push([label('label_loaded'), loaded]);
  return rows;
}

/** The chain as the URLs requested in turn, each with the redirect it answered, then the last. */
function redirectLines(c: ConnectionView, t: Translate): string[] {
  if (c.redirects.length === 0) return [];
  const hops: Hop[] = c.redirects.slice(0, MAX_MD_ITEMS);
  const lines = hops.map((h, i) => `${i + 1}. ${mdText(h.from)} — ${mdMessage(hopLabel(h), t)}`);
  const dropped = c.redirectsDropped + (c.redirects.length - hops.length);
  if (dropped > 0)
    lines.push(`${lines.length + 1}. ${mdMessage(msg('label_hops_dropped', dropped), t)}`);
  const last = dropped > 0 ? c.url : hops[hops.length - 1]!.to;
  lines.push(`${lines.length + 1}. ${mdText(last)} — ${mdMessage(msg('label_final'), t)}`);
  return ['', `### ${mdMessage(msg('label_redirects'), t)}`, '', ...lines];
}

function sanCell(cert: CertificateInfo, t: Translate): string {
  if (cert.sans.length === 0)
    return mdMessage(
      cert.source === 'browser' ? CERT_NOT_AVAILABLE : msg('label_cert_sans_none'),
      t,
    );
  const shown = cert.sans
    .slice(0, MAX_MD_ITEMS)
    .map((s) =>
      s.unicode !== undefined
        ? `${mdText(`${s.kind}:${s.unicode}`)} (${mdText(s.value)})`
        : mdText(sanRaw(s)),
    );
  const more = cert.sansDropped + (cert.sans.length - Math.min(cert.sans.length, MAX_MD_ITEMS));
  if (more > 0) shown.push(mdMessage(msg('label_cert_sans_more', more), t));
  return `${mdMessage(msg('label_cert_sans_count', cert.sans.length + cert.sansDropped), t)}: ${shown.join(', ')}`;
}

function tlsRows(tls: TlsInfo, t: Translate): string[][] {
  const label = (key: string): string => mdMessage(msg(key), t);
  const given = (v: string | undefined): string =>
    v !== undefined ? mdText(v) : mdMessage(TLS_NOT_AVAILABLE, t);
  const cipher =
    tls.mac !== undefined ? `${given(tls.cipher)} (${mdText(tls.mac)})` : given(tls.cipher);
  const rows: string[][] = [];
  if (tls.overriddenError !== undefined)
    rows.push([
      label('label_tls_overridden'),
      mdMessage(overriddenMessage(tls.overriddenError), t),
    ]);
  rows.push(
    [label('label_tls_version'), given(tls.protocol)],
    [label('label_tls_cipher'), cipher],
    [label('label_tls_key_exchange'), mdMessage(keyExchangeMessage(tls), t)],
    [label('label_tls_signature_scheme'), given(tls.signatureScheme)],
    [label('label_tls_ech'), mdMessage(echMessage(tls.ech), t)],
    [label('label_tls_ct'), mdMessage(ctMessage(tls.ct), t)],
  );
  return rows;
}

function certificateRows(v: CertificateView, t: Translate): string[][] {
  const c = v.cert;
  const label = (key: string): string => mdMessage(msg(key), t);
  const na = mdMessage(CERT_NOT_AVAILABLE, t);
  const given = (s: string | null | undefined): string => (s != null ? mdText(s) : na);
  const rows: string[][] = [
    [label('label_cert_subject'), mdText(c.subject)],
    [label('label_cert_sans'), sanCell(c, t)],
    [label('label_cert_issuer'), mdText(c.issuer)],
    [label('label_cert_not_before'), given(utcMinute(c.notBefore))],
    [label('label_cert_not_after'), given(utcMinute(c.notAfter))],
    [label('label_cert_days_left'), mdMessage(daysLeftMessage(v.daysLeft, c.source), t)],
    [label('label_cert_sha256'), given(c.sha256)],
    [label('label_cert_serial'), given(c.serialNumber)],
    [label('label_cert_key'), mdMessage(keyMessage(c), t)],
    [label('label_cert_signature'), given(c.signatureAlgorithm)],
  ];
  return rows;
}

function chainLines(certs: readonly CertificateView[], dropped: number, t: Translate): string[] {
  const lines = certs.map((v, i) => {
    const c = v.cert;
    const parts = [
      `${mdMessage(roleMessage(v.role), t)}: ${mdText(displayName(c.subjectCn, c.subject))}`,
      mdMessage(msg('label_cert_issued_by', displayName(c.issuerCn, c.issuer)), t),
      mdMessage(keyMessage(c), t),
      mdMessage(daysLeftMessage(v.daysLeft, c.source), t),
      ...(c.sha256 !== undefined ? [mdText(c.sha256)] : []),
    ];
    return `${i + 1}. ${parts.join(' — ')}`;
  });
  if (dropped > 0)
    lines.push(`${lines.length + 1}. ${mdMessage(msg('label_cert_chain_dropped', dropped), t)}`);
  return ['', `### ${mdMessage(msg('label_cert_chain'), t)}`, '', ...lines];
}

/** The TLS and Certificate sections, or the one line saying why there are none. */
function tlsLines(v: TlsView | undefined, head: string[], t: Translate): string[] {
  if (v === undefined || v.state === 'not-encrypted') return [];
  const tlsHeading = `## ${mdMessage(msg('label_tls'), t)}`;
  if (v.state !== 'available') {
    const why = tlsStateMessage(v);
    return why ? ['', tlsHeading, '', mdMessage(why, t)] : [];
  }
  const lines = ['', tlsHeading, '', ...table(head, tlsRows(v.tls, t))];
  const leaf = v.certificates[0];
  if (leaf) {
    lines.push(
      '',
      `## ${mdMessage(msg('label_cert'), t)}`,
      '',
      ...table(head, certificateRows(leaf, t)),
      ...chainLines(v.certificates, v.tls.chainDropped, t),
    );
  }
  return lines;
}

function findingNotes(f: Finding): Message[] {
  return [
    ...(f.allowlisted ? [msg('label_allowlisted')] : []),
    ...(f.softened ? [msg('label_softened')] : []),
  ];
}

function findingLines(f: Finding, t: Translate): string[] {
  const text = findingText(f);
  const notes = findingNotes(f);
  const title = `${mdMessage(severityMessage(f.severity), t)}: ${mdMessage(text.title, t)}`;
  const lines = [
    `### ${notes.length > 0 ? `${title} (${mdList(notes, t)})` : title}`,
    '',
    mdMessage(text.detail, t),
    '',
    `${mdMessage(msg('label_why'), t)} ${mdMessage(text.why, t)}`,
  ];
  const urls = f.evidence.urls ?? [];
  if (urls.length > 0) {
    lines.push('', mdMessage(msg('label_insecure_urls', urls.length), t), '');
    lines.push(...urls.slice(0, MAX_MD_ITEMS).map((u) => `- ${mdText(u)}`));
  }
  return ['', ...lines];
}

function originRow(o: OriginView, t: Translate): string[] {
  const flags = o.flags.map(
    (f) => `${mdMessage(severityMessage(f.severity), t)}: ${mdMessage(findingTitle(f.id), t)}`,
  );
  return [mdText(o.scheme), mdText(o.host), String(o.port), String(o.requests), flags.join('; ')];
}

function originLines(r: TabReport, t: Translate): string[] {
  if (r.origins.length === 0) return [];
  const label = (key: string): string => mdMessage(msg(key), t);
  const head = ['label_scheme', 'label_host', 'label_port', 'label_requests_column', 'label_flags'];
  const shown = r.origins.slice(0, MAX_MD_ITEMS);
  const lines = [
    '',
    `## ${label('label_other_origins')}`,
    '',
    ...table(
      head.map(label),
      shown.map((o) => originRow(o, t)),
    ),
  ];
  const dropped = r.originsDropped + (r.origins.length - shown.length);
  if (dropped > 0) lines.push('', mdMessage(msg('label_origins_dropped', dropped), t));
  return lines;
}

/** The report as Markdown, for pasting into an issue or a chat: every untrusted value escaped. */
export function reportToMarkdown(report: TabReport, t: Translate): string {
  const { headline, subhead } = headlineMessages(report.headline);
  const lines = [`# ${mdMessage(msg('copy_heading', headline), t)}`, '', mdMessage(subhead, t)];
  const c = report.connection;
  if (c) {
    const head = [mdMessage(msg('copy_field'), t), mdMessage(msg('copy_value'), t)];
    lines.push(
      '',
      `## ${mdMessage(msg('label_connection'), t)}`,
      '',
      ...table(head, connectionRows(c, t)),
    );
    lines.push(...redirectLines(c, t));
    lines.push(...tlsLines(report.tls, head, t));
  }
  if (report.findings.length > 0) {
    lines.push('', `## ${mdMessage(msg('label_findings'), t)}`);
    for (const f of report.findings) lines.push(...findingLines(f, t));
  }
  lines.push(...originLines(report, t));
  return `${lines.join('\n')}\n`;
}

// ---- JSON ----------------------------------------------------------------------------------

/**
 * The report as pretty JSON. `<`, `>` and the JavaScript line separators are written as escapes
 * (still the same JSON), so the text stays inert if someone pastes it into HTML or a script.
 */
export function reportToJson(report: TabReport, version?: string): string {
  const doc = { generator: 'Portwatch', ...(version !== undefined ? { version } : {}), ...report };
  return JSON.stringify(doc, null, 2).replace(
    /[<>\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
