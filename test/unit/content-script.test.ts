import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReferencesMessage } from '../../src/shared/messages';
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

async function runScript(doc: FakeDocument): Promise<Page> {
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
});
