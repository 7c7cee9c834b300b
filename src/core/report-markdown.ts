import type { CertificateInfo, TlsInfo } from './cert/model';
import type { Finding } from './findings';
import { findingText, hopLabel } from './finding-text';
import { HTTP_VERSION_NAMES } from './http-version';
import { mdList, mdMessage, mdText, mdWith, MAX_MD_ITEMS, table } from './markdown';
import { msg, type Message, type Translate } from './message';
import type { CertificateView, ConnectionView, OriginView, TabReport, TlsView } from './report';
import {
  CERT_NOT_AVAILABLE,
  TLS_NOT_AVAILABLE,
  ctMessage,
  daysLeftMessage,
  displayName,
  echMessage,
  errorClassMessage,
  findingTitle,
  headlineMessages,
  hstsMessages,
  ipMessages,
  keyExchangeMessage,
  keyMessage,
  overriddenMessage,
  portMessages,
  roleMessage,
  sanRaw,
  schemeMessage,
  severityMessage,
  tlsStateMessage,
  unseenMessage,
} from './report-words';
import type { Hop } from './tab-state';
import { utcMinute } from './time';

// The report as Markdown, for pasting into an issue or a chat, in the popup's words
// (report-words.ts), every untrusted value escaped (markdown.ts).

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
  if (c.httpVersion !== undefined)
    rows.splice(7, 0, [label('label_http_version'), HTTP_VERSION_NAMES[c.httpVersion]]);
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
    '',
    `${mdMessage(msg('label_todo'), t)} ${mdMessage(text.todo, t)}`,
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
  const family = o.ipFamily && msg(o.ipFamily === 'IPv4' ? 'label_ipv4' : 'label_ipv6');
  const ip =
    o.ip !== undefined
      ? mdWith(o.ip, family ? [family] : [], t)
      : mdMessage(msg('label_origin_ip_unseen'), t);
  return [
    mdText(o.scheme),
    mdText(o.host),
    String(o.port),
    ip,
    String(o.requests),
    flags.join('; '),
  ];
}

function originLines(r: TabReport, t: Translate): string[] {
  if (r.origins.length === 0) return [];
  const label = (key: string): string => mdMessage(msg(key), t);
  const head = [
    'label_scheme',
    'label_host',
    'label_port',
    'label_server_ip',
    'label_requests_column',
    'label_flags',
  ];
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
