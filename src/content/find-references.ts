// Finds a page's plain-HTTP references. Chrome upgrades or blocks mixed content before any
// request leaves, so webRequest never sees the http URL; the page's own markup still names it.

/** Elements and the attribute that makes each one load something. */
const LOADERS: ReadonlyArray<readonly [selector: string, attribute: string]> = [
  ['img[src]', 'src'],
  ['img[srcset]', 'srcset'],
  ['source[src]', 'src'],
  ['source[srcset]', 'srcset'],
  ['script[src]', 'src'],
  ['iframe[src]', 'src'],
  ['frame[src]', 'src'],
  ['link[href]', 'href'],
  ['audio[src]', 'src'],
  ['video[src]', 'src'],
  ['video[poster]', 'poster'],
  ['track[src]', 'src'],
  ['object[data]', 'data'],
  ['embed[src]', 'src'],
  ['input[type="image" i][src]', 'src'],
];

/** `<link>` relations that load a resource (a plain `rel=canonical` link loads nothing). */
const LOADING_RELS = /\b(stylesheet|icon|preload|modulepreload|prefetch|manifest)\b/i;

const MAX_ELEMENTS = 5000;

function urlsOf(element: Element, attribute: string): string[] {
  const value = element.getAttribute(attribute) ?? '';
  if (attribute !== 'srcset') return [value];
  return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
}

/** Absolute plain-HTTP URLs the document loads from, at most `max`, without duplicates. */
export function findInsecureReferences(doc: Document, max: number): string[] {
  const found = new Set<string>();
  let seen = 0;
  for (const [selector, attribute] of LOADERS) {
    for (const element of doc.querySelectorAll(selector)) {
      if (++seen > MAX_ELEMENTS || found.size >= max) return [...found];
      if (element.localName === 'link' && !LOADING_RELS.test(element.getAttribute('rel') ?? '')) {
        continue;
      }
      for (const raw of urlsOf(element, attribute)) {
        let url: URL;
        try {
          url = new URL(raw, doc.baseURI);
        } catch {
          continue;
        }
        if (url.protocol === 'http:' && found.size < max) found.add(url.href.slice(0, 2048));
      }
    }
  }
  return [...found];
}
