// The shape of a lab scenario: what the servers do, how a person gets there, and what Portwatch
// must then show in each browser. Data only, so the lab's index page and the end-to-end tests
// read the same facts (see scenarios.ts).
import type { FindingId, Severity } from '../../src/core/findings';
import type { HstsView } from '../../src/core/hsts';
import type { Verdict } from '../../src/core/report';
import type { Route } from './servers';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** How a person reaches the scenario's end URL from its start URL. */
export type Reach =
  /**
   * Types (or pastes, or opens from a bookmark) the start URL; the rest happens by itself.
   * With `over`, the tab first shows that page and the URL is typed over it.
   */
  | { by: 'typed'; over?: string }
  /** Opens the start URL, then clicks the element `selector` (a link or button). */
  | { by: 'click'; selector: string }
  /** Opens the start URL, fills in `fields` (name → value), then clicks `selector` to submit. */
  | { by: 'submit'; selector: string; fields: Record<string, string> };

export interface FindingExpectation {
  severity: Severity;
  /** `data-where` of the finding: which connection it is about. */
  where?: 'page' | 'frame' | 'websocket' | 'resource';
  /** `data-hop`: the 1-based hop of the chain that went from https to http. */
  hop?: number;
  /** Text the finding's one-line detail contains (English). */
  detail?: string;
}

/** Facts of the Connection section (`data-field` hooks in the popup). */
export interface FieldExpectation {
  port?: number;
  /** Whether the port is the scheme's default or written in the URL. */
  portKind?: 'default' | 'explicit';
  ip?: string;
  /** Redirect hops in the chain (0: loaded without a redirect). */
  hops?: number;
  hsts?: HstsView['state'];
  /** The page's HTTP version as the browser gives it (`data-state` of the http-version fact). */
  httpVersion?: 'h3' | 'h2' | 'http/1.1' | 'http/1.0';
  /** Texts the Error fact contains: what the failure means in words (English), the raw error. */
  error?: string[];
}

export interface Expectation {
  /** `data-verdict` of the popup. */
  verdict: Verdict;
  /** The toolbar badge text ('' for none). */
  badge: string;
  /** Exactly the findings listed in the popup, by id. */
  findings: Partial<Record<FindingId, FindingExpectation>>;
  /** Findings a naive reading of the events would raise here, and that must not be shown. */
  absent: FindingId[];
  fields: FieldExpectation;
  /** What the page wrote into `document.body.dataset` (for example a WebSocket's fate). */
  page?: Record<string, string>;
}

/** How one browser differs from the common expectation: the fields it replaces, and why. */
export interface BrowserDifference {
  why: string;
  /** Where the tab ends in this browser, when not the scenario's `endUrl`. */
  endUrl?: string;
  expect?: Partial<Expectation>;
  /**
   * The browser shows its own warning page first; the test clicks `proceed` on it, as a person
   * who reads the warning and goes on anyway would.
   */
  interstitial?: { proceed: string; what: string };
  /**
   * Firefox prefs this scenario needs changed from Firefox's defaults (`why` says why): the
   * scenario then runs in a browser of its own, so every other one meets the defaults.
   */
  firefoxPrefs?: Record<string, string | number | boolean>;
}

export interface Scenario {
  id: string;
  group: 'connection' | 'hsts' | 'redirect' | 'navigation' | 'content' | 'upgrade';
  title: string;
  reach: Reach;
  startUrl: string;
  /** The URL the tab ends on (browsers normalise `:443` away, for instance). */
  endUrl: string;
  /** The load ends on the browser's error page (a navigation that rejects is expected). */
  fails?: boolean;
  expect: Expectation;
  browsers?: Partial<Record<BrowserName, BrowserDifference>>;
  /** What both browsers do that a reader might not expect (shown on the lab index page). */
  note?: string;
  /**
   * What the lab serves for this scenario: absolute URL (path without query) → route. `ws:` and
   * `wss:` URLs are served by the http and https servers of the same port.
   */
  serves: Record<string, Route>;
  /**
   * A TLS fault the lab's port 443 produces for one host name: the handshake dropped, a
   * certificate from a CA no browser trusts, or one from the lab's CA for another name.
   */
  tlsFault?: { host: string; fault: 'drop-handshake' | 'untrusted-certificate' | 'name-mismatch' };
}

/** The URL the tab ends on in one browser. */
export function endUrlFor(s: Scenario, browser: BrowserName): string {
  return s.browsers?.[browser]?.endUrl ?? s.endUrl;
}

/** The expectation for one browser: the common one with that browser's differences applied. */
export function expectationFor(s: Scenario, browser: BrowserName): Expectation {
  const diff = s.browsers?.[browser]?.expect;
  if (!diff) return s.expect;
  return { ...s.expect, ...diff, fields: { ...s.expect.fields, ...diff.fields } };
}
