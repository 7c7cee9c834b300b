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

/**
 * `<link>` types that fetch the resource they name (HTML, "Link types":
 * https://html.spec.whatwg.org/multipage/links.html#linkTypes). `rel` is a set of tokens
 * separated by ASCII whitespace, ASCII case-insensitive, so `alternate stylesheet` and
 * `shortcut icon` load.
 * The resource hints `dns-prefetch` and `preconnect` only resolve a name or open a connection,
 * and hyperlinks and metadata (`canonical`, `alternate`, `next`…) fetch nothing: none of them is
 * mixed content.
 */
const LOADING_RELS = new Set([
  'stylesheet',
  'icon',
  'preload',
  'modulepreload',
  'prefetch',
  'manifest',
]);

/** Elements read per selector: each kind has its own budget, so a flood of one cannot hide another. */
const MAX_PER_KIND = 5000;

function loadsResource(link: Element): boolean {
  const rel = (link.getAttribute('rel') ?? '').toLowerCase();
  return rel.split(/[\t\n\f\r ]+/).some((token) => LOADING_RELS.has(token));
}

function urlsOf(element: Element, attribute: string): string[] {
  const value = element.getAttribute(attribute) ?? '';
  if (attribute !== 'srcset') return [value];
  return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
}

/** Absolute plain-HTTP URLs the document loads from, at most `max`, without duplicates. */
export function findInsecureReferences(doc: Document, max: number): string[] {
  const found = new Set<string>();
  for (const [selector, attribute] of LOADERS) {
    let seen = 0;
    for (const element of doc.querySelectorAll(selector)) {
      if (found.size >= max) return [...found];
      if (++seen > MAX_PER_KIND) break;
      if (element.localName === 'link' && !loadsResource(element)) continue;
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
