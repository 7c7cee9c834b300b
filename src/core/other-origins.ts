import type { OriginFacts, PageFacts } from './tab-state';
import { originOf, parseUrl, type UrlInfo } from './url';

/**
 * The other origins a page talked to, each with its parsed URL. The page's own origin (its
 * favicon, its same-origin frames) is the page's connection, judged and shown as such: taken as
 * "another origin" it showed every finding twice. An origin that does not parse is left out.
 */
export function otherOrigins(page: PageFacts): Array<{ facts: OriginFacts; url: UrlInfo }> {
  const own = originOf(page.url);
  const out: Array<{ facts: OriginFacts; url: UrlInfo }> = [];
  for (const facts of page.origins) {
    if (facts.origin === own) continue;
    const url = parseUrl(facts.origin);
    if (url) out.push({ facts, url });
  }
  return out;
}
