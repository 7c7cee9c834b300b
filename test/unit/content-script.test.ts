import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_PROTOCOL, type ReferencesMessage } from '../../src/shared/messages';
import { element, fakeDocument, type FakeDocument } from './fake-dom';

// The content script as a page runs it: it tells the background the page's plain-HTTP
// references when idle, and again when the page changes them. Only the browser around it is
// stood in for (its API, the document, the mutation observer); the script itself is the real one.

const PAGE = 'https://shop.example/';

interface Page {
  doc: FakeDocument;
  sent: ReferencesMessage[];
  /** The page changes its markup: the observer fires and the script's one-second wait passes. */
  mutate(change: () => void): void;
}

/**
 * Runs the script in `doc`; `protocol` is the navigation timing's nextHopProtocol ('' where the
 * browser does not know it; null: no navigation entry at all).
 */
async function runScript(doc: FakeDocument, protocol: string | null = ''): Promise<Page> {
  const sent: ReferencesMessage[] = [];
  let observed: (() => void) | undefined;
  vi.stubGlobal('chrome', {
    runtime: {
      sendMessage: (m: ReferencesMessage) => {
        sent.push(structuredClone(m));
        return Promise.resolve();
      },
    },
  });
  vi.stubGlobal('document', doc);
  vi.stubGlobal('location', { href: PAGE });
  vi.stubGlobal('performance', {
    getEntriesByType: (type: string) =>
      type === 'navigation' && protocol !== null ? [{ nextHopProtocol: protocol }] : [],
  });
  vi.stubGlobal('window', { addEventListener: () => undefined, setTimeout });
  vi.stubGlobal(
    'MutationObserver',
    class {
      constructor(callback: () => void) {
        observed = callback;
      }
      observe(): void {}
    },
  );
  await import('../../src/content/index');
  return {
    doc,
    sent,
    mutate(change) {
      change();
      observed?.();
      vi.advanceTimersByTime(1000);
    },
  };
}

const img = (src: string) => element('img', { src });

describe('content script', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reports the page again when it swaps one insecure URL for another', async () => {
    const page = await runScript(fakeDocument(PAGE, [img('http://cdn.example/a.png')]));
    expect(page.sent.map((m) => m.urls)).toEqual([['http://cdn.example/a.png']]);
    page.mutate(() => {
      page.doc.elements = [img('http://cdn.example/b.png')];
    });
    expect(page.sent.map((m) => m.urls)).toEqual([
      ['http://cdn.example/a.png'],
      ['http://cdn.example/b.png'],
    ]);
    expect(page.sent[1]).toMatchObject({ type: 'references', pageUrl: PAGE });
  });

  it('stays quiet while the page changes but its insecure URLs do not, in any order', async () => {
    const a = img('http://cdn.example/a.png');
    const b = img('http://cdn.example/b.png');
    const page = await runScript(fakeDocument(PAGE, [a, b]));
    page.mutate(() => {
      page.doc.elements = [b, img('https://cdn.example/new.png'), a];
    });
    expect(page.sent).toHaveLength(1);
  });

  it('sends nothing for a page without insecure references', async () => {
    const page = await runScript(fakeDocument(PAGE, [img('https://cdn.example/a.png')]));
    page.mutate(() => page.doc.elements.push(img('/b.png')));
    expect(page.sent).toEqual([]);
  });

  it('tells the protocol the page was loaded over with each message', async () => {
    const page = await runScript(fakeDocument(PAGE, [img('http://cdn.example/a.png')]), 'h2');
    page.mutate(() => {
      page.doc.elements = [img('http://cdn.example/b.png')];
    });
    expect(page.sent.map((m) => m.protocol)).toEqual(['h2', 'h2']);
  });

  it('tells it once for a page without insecure references', async () => {
    const page = await runScript(fakeDocument(PAGE, [img('https://cdn.example/a.png')]), 'h3');
    page.mutate(() => page.doc.elements.push(img('/b.png')));
    expect(page.sent).toEqual([{ type: 'references', pageUrl: PAGE, urls: [], protocol: 'h3' }]);
  });

  it('sends no protocol where the browser knows none, and a long one cut', async () => {
    for (const protocol of [null, '']) {
      vi.resetModules();
      const page = await runScript(fakeDocument(PAGE, [img('http://cdn.example/a.png')]), protocol);
      expect(page.sent).toHaveLength(1);
      expect(page.sent[0]).not.toHaveProperty('protocol');
    }
    vi.resetModules();
    const page = await runScript(fakeDocument(PAGE, []), 'x'.repeat(10_000));
    expect(page.sent[0]!.protocol).toHaveLength(MAX_PROTOCOL);
  });
});
