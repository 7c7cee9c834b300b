// The HTTP version a page was loaded over, as the browsers tell it: the page's own navigation
// timing (`nextHopProtocol`, an ALPN protocol id, from the content script) in both, and the
// response's status line in Firefox only (Chrome writes HTTP/1.1 there for an HTTP/2 response).
// Both reach the background from outside: only the known forms are read, anything else is none.

export const HTTP_VERSIONS = ['h3', 'h2', 'http/1.1', 'http/1.0'] as const;
export type HttpVersion = (typeof HTTP_VERSIONS)[number];

/** Longer than any form read here: a longer text is none, whatever it holds. */
const MAX_TOKEN = 16;

/** `nextHopProtocol` values (ALPN protocol ids, RFC 7301 registry). */
const PROTOCOLS: ReadonlyMap<string, HttpVersion> = new Map([
  ['h3', 'h3'],
  ['h2', 'h2'],
  ['http/1.1', 'http/1.1'],
  ['http/1.0', 'http/1.0'],
]);

/** The version field of a status line (`HTTP/2.0 200 OK`, `HTTP/2 200`), lower-cased. */
const STATUS_LINE_VERSIONS: ReadonlyMap<string, HttpVersion> = new Map([
  ['http/3', 'h3'],
  ['http/3.0', 'h3'],
  ['http/2', 'h2'],
  ['http/2.0', 'h2'],
  ['http/1.1', 'http/1.1'],
  ['http/1.0', 'http/1.0'],
]);

export function isHttpVersion(value: unknown): value is HttpVersion {
  return HTTP_VERSIONS.includes(value as HttpVersion);
}

/** A navigation's `nextHopProtocol` as a version: undefined for '' (unknown) and anything else. */
export function httpVersionOfProtocol(token: unknown): HttpVersion | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN) return undefined;
  return PROTOCOLS.get(token.trim().toLowerCase());
}

/** The version a response's status line starts with (`HTTP/2.0 200 OK`), or undefined. */
export function httpVersionOfStatusLine(line: unknown): HttpVersion | undefined {
  if (typeof line !== 'string') return undefined;
  // Only the head is looked at: a status line of 1 MB costs what a short one does.
  const head = line.slice(0, MAX_TOKEN + 1);
  const space = head.indexOf(' ');
  const version = space === -1 ? head : head.slice(0, space);
  return STATUS_LINE_VERSIONS.get(version.toLowerCase());
}

/** How a version is written for people (the same in every language): `HTTP/2`, `HTTP/1.1`. */
export const HTTP_VERSION_NAMES: Readonly<Record<HttpVersion, string>> = {
  h3: 'HTTP/3',
  h2: 'HTTP/2',
  'http/1.1': 'HTTP/1.1',
  'http/1.0': 'HTTP/1.0',
};
