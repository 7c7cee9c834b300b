import { getDomain } from 'tldts';

/**
 * The registrable domain ("site") of a host, from the public-suffix list, so that
 * `www.example.co.uk` and `shop.example.co.uk` are one site and `a.github.io` and `b.github.io`
 * are two. IP literals and hosts without a registrable domain are their own site.
 */
export function siteOf(host: string): string {
  const bare = host.startsWith('[') ? host : host.replace(/\.$/, '');
  const domain = getDomain(bare, { allowPrivateDomains: true });
  return domain ?? bare;
}

export function sameSite(a: string, b: string): boolean {
  return siteOf(a) === siteOf(b);
}
