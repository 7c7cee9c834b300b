import type { CertificateInfo, TlsInfo } from './cert/model';
import type { InspectFailure } from './events';
import type { Inspection, PageFacts } from './tab-state';
import { DAY_MS } from './time';

// The report's TLS and certificate part: what this browser can show of the page's connection,
// and why when it cannot (no TLS, no details in this browser, Chrome's debugger not granted…).

/** What the popup's TLS and Certificate sections can show, and why when they cannot. */
export type TlsView =
  | { state: 'available'; tls: TlsInfo; certificates: CertificateView[] }
  /** A plain http page: there is no TLS to show. */
  | { state: 'not-encrypted' }
  /** The browser gives TLS details, but not for this load (restored from cache, or it failed). */
  | { state: 'not-seen' }
  /** This browser gives extensions no TLS details at all. */
  | { state: 'not-in-browser' }
  /** Chrome gives them only through its debugger, whose optional permission is not granted. */
  | { state: 'needs-permission' }
  /** Chrome, permission granted: reading them means a reload with the debugger attached. */
  | { state: 'can-inspect' }
  /** That reload is under way. */
  | { state: 'inspecting' }
  /** The page answered a form: the reload a read needs would send the form again (wouldResubmit). */
  | { state: 'cannot-inspect-form' }
  | { state: 'inspect-failed'; reason: InspectFailure };

export interface CertificateView {
  cert: CertificateInfo;
  role: 'leaf' | 'intermediate' | 'root';
  /** Whole days until notAfter (negative once expired), from the report's time. */
  daysLeft?: number;
}

/**
 * Where this browser gets TLS details from: the background knows, by feature detection and, in
 * Chrome, by whether the optional `debugger` permission is granted.
 */
export type TlsSource = 'firefox' | 'chrome-debugger' | 'chrome-needs-permission' | 'none';

/** A running inspection older than this is taken as lost (the background stopped mid-way). */
export const INSPECTION_STALE_MS = 30_000;

function certificateViews(tls: TlsInfo, now: number): CertificateView[] {
  const last = tls.chain.length - 1;
  return tls.chain.map((cert, i) => ({
    cert,
    role: i === 0 ? 'leaf' : i === last && cert.selfSigned ? 'root' : 'intermediate',
    ...(cert.notAfter !== undefined
      ? { daysLeft: Math.floor((cert.notAfter - now) / DAY_MS) }
      : {}),
  }));
}

/**
 * Whether reloading the page would send a form again: it was reached by POST, and no redirect
 * turned that into a GET (301, 302 and 303 do; 307, 308 and the browser's own steps keep the
 * method). Chrome's debugger reloads without the browser's "resend the form?" warning, so
 * Portwatch never reloads such a page to read its certificate.
 */
export function wouldResubmit(page: PageFacts): boolean {
  return (
    page.method === 'POST' &&
    page.hops.every((h) => h.status === 0 || h.status === 307 || h.status === 308)
  );
}

/** What the report says of the page's TLS, at `context.now` in a browser with `tlsSource`. */
export function tlsView(
  page: PageFacts,
  secure: boolean,
  inspection: Inspection | undefined,
  context: { now: number; tlsSource: TlsSource },
): TlsView {
  if (!secure) return { state: 'not-encrypted' };
  if (page.tls !== undefined) {
    return {
      state: 'available',
      tls: page.tls,
      certificates: certificateViews(page.tls, context.now),
    };
  }
  // A load that failed has no connection to read: never offer a read that cannot work.
  if (page.error !== undefined) return { state: 'not-seen' };
  switch (context.tlsSource) {
    case 'firefox':
      return { state: 'not-seen' };
    case 'none':
      return { state: 'not-in-browser' };
    case 'chrome-needs-permission':
      return { state: 'needs-permission' };
    case 'chrome-debugger':
      if (wouldResubmit(page) && inspection?.state !== 'running')
        return { state: 'cannot-inspect-form' };
      return inspectionView(inspection, context.now);
  }
}

function inspectionView(inspection: Inspection | undefined, now: number): TlsView {
  if (inspection?.state === 'failed') return { state: 'inspect-failed', reason: inspection.reason };
  if (inspection?.state === 'running') {
    return now - inspection.since <= INSPECTION_STALE_MS
      ? { state: 'inspecting' }
      : { state: 'inspect-failed', reason: 'timeout' };
  }
  return { state: 'can-inspect' };
}
