import { readFileSync } from 'node:fs';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { raise, type Finding } from '../../src/core/findings';
import { historyEntry } from '../../src/core/history';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { History } from '../../src/history/History';
import { Options } from '../../src/options/Options';
import { NOOP_OPTIONS_HANDLERS } from './options-handlers';
import { Findings } from '../../src/popup/Findings';
import { NO_MANAGED } from '../../src/shared/messages';
import { load, report } from './events';
import { popupHtml } from './popup-html';
import { t } from './translate';

// A right-to-left string from a page or a certificate must not reorder the text around it:
// a host or an authority's name in Hebrew, followed by digits, would otherwise pull the
// neighbouring numbers and punctuation into its own order and change what the report says.
// Each such value is shown either as the whole text of an element the page's stylesheets
// isolate (`unicode-bidi: isolate`, or `<bdi>`), or, inside a sentence, between the plain-text
// isolates LRI (U+2066) and PDI (U+2069), Unicode's equivalent of that element (UAX #9).

const LRI = '\u2066';
const PDI = '\u2069';

const css = (path: string): string =>
  readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
/** What each page loads (popup.html; options.html and history.html). */
const POPUP_CSS = css('src/popup/popup.css');
const PAGES_CSS = POPUP_CSS + css('src/shared/pages.css');

/** Classes a stylesheet isolates: rules of lone class selectors that set `unicode-bidi: isolate`. */
function isolatingClasses(sheet: string): Set<string> {
  const out = new Set<string>();
  const rules = sheet.replace(/\/\*[^]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g);
  for (const [, selectors, body] of rules) {
    if (!/(^|;)\s*unicode-bidi:\s*isolate\s*(;|$)/.test(body!.trim())) continue;
    for (const s of selectors!.split(',')) {
      const m = /^\.([\w-]+)$/.exec(s.trim());
      if (m) out.add(m[1]!);
    }
  }
  return out;
}

interface Open {
  tag: string;
  classes: string[];
}

const VOID = new Set(['br', 'img', 'input', 'meta', 'link', 'hr', 'source', 'wbr']);

/** Every text node of the markup (attributes left out) with the elements it sits in. */
function textNodes(markup: string): Array<{ text: string; inside: Open[] }> {
  const out: Array<{ text: string; inside: Open[] }> = [];
  const stack: Open[] = [];
  for (const [token] of markup.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith('<')) out.push({ text: token, inside: [...stack] });
    else if (token.startsWith('</')) stack.pop();
    else {
      const tag = /^<([a-z0-9]+)/.exec(token)![1]!;
      if (token.endsWith('/>') || VOID.has(tag)) continue;
      const classes = /\sclass="([^"]*)"/.exec(token)?.[1]?.split(/\s+/) ?? [];
      stack.push({ tag, classes });
    }
  }
  return out;
}

/** Where `value` is shown in `markup` and is not isolated, in words; empty when it always is. */
function unisolated(markup: string, value: string, sheet: string): string[] {
  const isolating = isolatingClasses(sheet);
  const isolates = (e: Open | undefined) =>
    e !== undefined && (e.tag === 'bdi' || e.classes.some((c) => isolating.has(c)));
  const nodes = textNodes(markup).filter((n) => n.text.includes(value));
  expect(nodes.length, `${value} is shown`).toBeGreaterThan(0);
  return nodes
    .filter((n) => {
      const whole = n.text === value && isolates(n.inside[n.inside.length - 1]);
      const inSentence =
        n.text.split(value).length - 1 === n.text.split(LRI + value + PDI).length - 1;
      return !whole && !inSentence;
    })
    .map(
      (n) => `"${n.text}" in <${n.inside.map((e) => `${e.tag}.${e.classes.join('.')}`).join(' ')}>`,
    );
}

// Hebrew for "bank", as a host and as a certificate's name, next to digits.
const HOST = 'בנק.example';
const NAME = 'בנק 2048';

/** A weak key in a certificate named in Hebrew: its name is embedded in the finding's sentence. */
const weakKey: Finding = raise('weak-key', 'warning', {
  certificate: NAME,
  algorithm: 'RSA',
  keySize: 1024,
});

describe('right-to-left values from pages and certificates', () => {
  it('the popup shows a Hebrew host, in the verdict and the connection, isolated', () => {
    const url = new URL(`https://${HOST}:8443/login`).href;
    const markup = popupHtml(report(load({ chain: [url] }), DEFAULT_SETTINGS));
    expect(unisolated(markup, HOST, POPUP_CSS)).toEqual([]);
  });

  it('a finding embeds a Hebrew certificate name isolated within its sentence', () => {
    const markup = renderToString(<Findings findings={[weakKey]} t={t} />);
    expect(unisolated(markup, NAME, POPUP_CSS)).toEqual([]);
    expect(markup).toContain(`The certificate “${LRI}${NAME}${PDI}” has a key of only 1024 bits`);
  });

  it('leaves the sentences of left-to-right values exactly as they were', () => {
    const ascii = raise('weak-key', 'warning', {
      certificate: 'bank.example',
      algorithm: 'RSA',
      keySize: 1024,
    });
    const markup = renderToString(<Findings findings={[ascii]} t={t} />);
    expect(markup).toContain('The certificate “bank.example” has a key of only 1024 bits (RSA).');
    expect(markup).not.toMatch(/[\u2066-\u2069]/);
  });

  it('a value cannot close its isolate early: bidi controls in it are shown as escapes', () => {
    const hostile = raise('weak-key', 'warning', {
      certificate: `${NAME}${PDI}\u202E`,
      algorithm: 'RSA',
      keySize: 1024,
    });
    const markup = renderToString(<Findings findings={[hostile]} t={t} />);
    expect(markup).toContain(`“${LRI}${NAME}\\E2\\81\\A9\\E2\\80\\AE${PDI}”`);
  });

  it('the history page shows a Hebrew name in a finding isolated', () => {
    const noop = () => undefined;
    const entry = historyEntry(weakKey, new URL(`https://${HOST}/`).href, Date.UTC(2026, 0, 1));
    const markup = renderToString(
      <History
        entries={[entry]}
        filter={{ severity: 'info', host: '' }}
        days={30}
        t={t}
        handlers={{ setFilter: noop, exportJson: noop, exportCsv: noop, clear: noop }}
      />,
    );
    expect(unisolated(markup, NAME, PAGES_CSS)).toEqual([]);
  });

  it('the options page lists a known root named in Hebrew isolated', () => {
    const root = { spki: `${'A'.repeat(43)}=`, name: NAME };
    const markup = renderToString(
      <Options
        reply={{
          settings: { ...DEFAULT_SETTINGS, knownRoots: [root] },
          debugger: 'not-offered',
          managed: NO_MANAGED,
        }}
        stats={null}
        t={t}
        handlers={NOOP_OPTIONS_HANDLERS}
      />,
    );
    expect(unisolated(markup, NAME, PAGES_CSS)).toEqual([]);
  });
});
