import { describe, expect, it } from 'vitest';
import { findInsecureReferences } from '../../src/content/find-references';
import { MAX_REFERENCES } from '../../src/shared/messages';
import { asDocument, element, fakeDocument, type FakeElement } from './fake-dom';

// What the content script reports of a page's markup: the plain-HTTP resources it loads, which
// the popup lists as mixed content. A hostile page must not be able to hide one.

const PAGE = 'https://shop.example/';

function found(elements: FakeElement[]): string[] {
  return findInsecureReferences(asDocument(fakeDocument(PAGE, elements)), MAX_REFERENCES);
}

const link = (rel: string, href: string) => element('link', { rel, href });

describe('insecure references', () => {
  it('lists plain-HTTP sources, resolved against the page, once each', () => {
    expect(
      found([
        element('img', { src: 'http://cdn.example/a.png' }),
        element('img', { src: 'https://cdn.example/b.png' }),
        element('img', { srcset: 'http://cdn.example/a.png 1x, http://cdn.example/c.png 2x' }),
        element('script', { src: '//shop.example/app.js' }),
        element('input', { type: 'IMAGE', src: 'http://cdn.example/go.png' }),
      ]),
    ).toEqual([
      'http://cdn.example/a.png',
      'http://cdn.example/c.png',
      'http://cdn.example/go.png',
    ]);
  });

  it('still finds an http script after 5,000 https images: each kind of element has its own budget', () => {
    const images = Array.from({ length: 5000 }, (_, i) =>
      element('img', { src: `https://cdn.example/${i}.png` }),
    );
    const script = element('script', { src: 'http://cdn.example/tracker.js' });
    expect(found([...images, script])).toEqual(['http://cdn.example/tracker.js']);
  });

  it('does not read past the budget of one kind: a flood costs the page, not Portwatch', () => {
    const images = Array.from({ length: 5000 }, (_, i) =>
      element('img', { src: `https://cdn.example/${i}.png` }),
    );
    const late = element('img', { src: 'http://cdn.example/late.png' });
    expect(found([...images, late])).toEqual([]);
  });

  it('counts link types that fetch what they name, as rel tokens in any case', () => {
    const rels = [
      'stylesheet',
      'alternate stylesheet',
      'ICON',
      'shortcut icon',
      'preload',
      'modulepreload',
      'prefetch',
      'manifest',
    ];
    const links = rels.map((rel, i) => link(rel, `http://cdn.example/${i}`));
    expect(found(links)).toEqual(rels.map((_, i) => `http://cdn.example/${i}`));
  });

  it('ignores link types that load nothing: resource hints, plain links, metadata', () => {
    const rels = [
      'dns-prefetch',
      'DNS-Prefetch',
      'preconnect',
      'canonical',
      'alternate',
      'author',
      'next',
      'apple-touch-icon',
      'x-prefetch',
      '',
    ];
    // Each its own URL, so a failure names the link types wrongly counted.
    expect(found(rels.map((rel) => link(rel, `http://cdn.example/${rel}`)))).toEqual([]);
  });
});
