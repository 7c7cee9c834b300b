import { HTTP_VERSION_NAMES } from './http-version';
import { msg, type Message } from './message';
import type { TabReport } from './report';
import { CERT_NOT_AVAILABLE, daysLeftMessage, displayName, tlsStateMessage } from './report-words';
import { bound } from './text';

// The popup's first screen says how the page is connected in one line and what vouches for it
// in another, before the findings; the sections below hold every detail. Pure: the same report
// gives the same lines (the popup renders them, the copied reports may too).

/** One part of the connection line: a value as given (`text`), words (`words`), or both. */
export interface SummaryPart {
  part: 'scheme' | 'tls' | 'http' | 'port' | 'ip';
  text?: string;
  words?: Message;
  /** For the `http` part: the token as the browser gives it (h2, http/1.1), for tests. */
  token?: string;
}

/**
 * Scheme, TLS version, HTTP version, port (its service named when it is not the scheme's
 * default), server address and family: each only when known, the address saying why when not.
 */
export function connectionSummary(report: TabReport): SummaryPart[] {
  const c = report.connection;
  if (!c) return [];
  const parts: SummaryPart[] = [{ part: 'scheme', text: c.scheme.toUpperCase() }];
  const tls = report.tls;
  if (tls?.state === 'available' && tls.tls.protocol !== undefined)
    parts.push({ part: 'tls', text: tls.tls.protocol });
  if (c.httpVersion !== undefined)
    parts.push({ part: 'http', text: HTTP_VERSION_NAMES[c.httpVersion], token: c.httpVersion });
  const usual = c.port === (c.scheme === 'https' ? 443 : 80);
  const service = usual ? undefined : c.portService;
  parts.push({
    part: 'port',
    words:
      service === undefined
        ? msg('label_port_number', c.port)
        : msg('summary_port_service', c.port, msg(`port_${service}`)),
  });
  if (c.ip !== undefined) {
    const family = c.ipFamily && msg(c.ipFamily === 'IPv4' ? 'label_ipv4' : 'label_ipv6');
    parts.push({ part: 'ip', text: c.ip, ...(family ? { words: family } : {}) });
  } else if (c.error === undefined) {
    // Why, at length, is in the Connection section; the line only says it is missing.
    parts.push({ part: 'ip', words: msg('summary_ip_unseen') });
  }
  return parts;
}

/** Characters of the issuer's name on the certificate line. */
const ISSUER_CHARS = 80;

/** The certificate line: who issued it and the days it has left, or why that is not known. */
export interface CertificateSummary {
  /** The issuing authority as its certificate names it (server-given text). */
  issuer?: string;
  /** Days left, or why it is not known. */
  words: Message;
  expired: boolean;
}

export function certificateSummary(report: TabReport): CertificateSummary | null {
  const tls = report.tls;
  if (!report.connection || !tls) return null;
  if (tls.state === 'not-encrypted') return { words: msg('summary_cert_none'), expired: false };
  if (tls.state !== 'available') {
    return { words: tlsStateMessage(tls) ?? CERT_NOT_AVAILABLE, expired: false };
  }
  const leaf = tls.certificates[0];
  if (!leaf) return { words: CERT_NOT_AVAILABLE, expired: false };
  const c = leaf.cert;
  const issuer = c.issuerOrg ?? displayName(c.issuerCn, c.issuer);
  return {
    // One line: the certificate section below has the whole name.
    ...(issuer !== '' ? { issuer: bound(issuer, ISSUER_CHARS) } : {}),
    words: daysLeftMessage(leaf.daysLeft, c.source),
    expired: leaf.daysLeft !== undefined && leaf.daysLeft < 0,
  };
}
