// A page's elements as the content script reads them, without a DOM library: the unit tests
// run in node, and the script only ever asks for elements by simple selectors
// (`tag[attr]`, `tag[attr="value" i][attr]`) and for their attributes.

export interface FakeElement {
  localName: string;
  attrs: Record<string, string>;
  getAttribute(name: string): string | null;
}

export function element(localName: string, attrs: Record<string, string>): FakeElement {
  return { localName, attrs, getAttribute: (name) => attrs[name] ?? null };
}

interface AttributeTest {
  name: string;
  value?: string;
  caseless: boolean;
}

/** One compound selector: a tag name and its attribute tests. */
function parseSelector(selector: string): { tag: string; tests: AttributeTest[] } {
  const tag = /^[a-z]+/.exec(selector)?.[0];
  if (tag === undefined) throw new Error(`unsupported selector ${selector}`);
  const tests = [...selector.slice(tag.length).matchAll(/\[([a-z-]+)(?:="([^"]*)"( i)?)?\]/g)].map(
    (m) => ({ name: m[1]!, value: m[2], caseless: m[3] !== undefined }),
  );
  return { tag, tests };
}

function passes(e: FakeElement, test: AttributeTest): boolean {
  const actual = e.getAttribute(test.name);
  if (actual === null) return false;
  if (test.value === undefined) return true;
  return test.caseless ? actual.toLowerCase() === test.value.toLowerCase() : actual === test.value;
}

export interface FakeDocument {
  baseURI: string;
  readyState: string;
  documentElement: object;
  elements: FakeElement[];
  querySelectorAll(selector: string): FakeElement[];
}

/** A loaded document at `baseURI` holding `elements`, in document order; change them freely. */
export function fakeDocument(baseURI: string, elements: FakeElement[]): FakeDocument {
  const doc: FakeDocument = {
    baseURI,
    readyState: 'complete',
    documentElement: {},
    elements,
    querySelectorAll(selector) {
      const { tag, tests } = parseSelector(selector);
      return doc.elements.filter((e) => e.localName === tag && tests.every((t) => passes(e, t)));
    },
  };
  return doc;
}

/** The type the content script's functions take; the fake holds all they use of it. */
export function asDocument(doc: FakeDocument): Document {
  return doc as unknown as Document;
}
