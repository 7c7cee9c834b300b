import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { msg, renderMessage, type Translate } from '../../src/core/message';
import type { TabReport } from '../../src/core/report';
import { reportToMarkdown } from '../../src/core/report-markdown';
import { load, report as reportOf, resource } from './events';
import { popupHtml } from './popup-html';

// Every word a user sees comes from _locales, in every language Portwatch ships:
// - each locale has exactly the keys of English, each message with English's substitutions;
// - the views (every .tsx under src/, found when the test runs) hold no words of their own;
// - every message key named by a literal in src/ exists.
// Failures name the locale and key, or the file, line and text, to fix.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
const LOCALES = join(SRC, '_locales');

interface Placeholder {
  content: string;
  example?: string;
}

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, Placeholder>;
}

type Messages = Record<string, Entry>;

function readLocale(lang: string): Messages {
  const file = join(LOCALES, lang, 'messages.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Messages;
  } catch (e) {
    throw new Error(`${relative(ROOT, file)}: ${(e as Error).message}`, { cause: e });
  }
}

const LANGS = readdirSync(LOCALES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const CATALOG = new Map(LANGS.map((lang) => [lang, readLocale(lang)]));
const EN = CATALOG.get('en') ?? {};
const EN_KEYS = Object.keys(EN);

/** The substitutions a message uses: `$1`…`$9` and named `$placeholder$` (case-insensitive). */
function substitutions(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\$(\$|[A-Za-z_@][A-Za-z0-9_@]*\$|[1-9])/g)) {
    const token = m[1]!;
    if (token !== '$') found.add(`$${token.toLowerCase()}`);
  }
  return [...found].sort();
}

function placeholders(entry: Entry): Record<string, Placeholder> {
  const out: Record<string, Placeholder> = {};
  for (const [name, p] of Object.entries(entry.placeholders ?? {})) out[name.toLowerCase()] = p;
  return out;
}

const show = (list: readonly string[]): string => (list.length ? list.join(', ') : 'none');

describe('locales', () => {
  it('include English, the default locale, and German', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as {
      default_locale?: string;
    };
    expect(manifest.default_locale).toBe('en');
    expect(LANGS).toContain('en');
    expect(LANGS).toContain('de');
    expect(EN_KEYS.length).toBeGreaterThan(100);
  });

  it('each have exactly the keys of English', () => {
    const problems: string[] = [];
    for (const [lang, messages] of CATALOG) {
      if (lang === 'en') continue;
      const keys = Object.keys(messages);
      const missing = EN_KEYS.filter((k) => !(k in messages));
      const extra = keys.filter((k) => !(k in EN));
      if (missing.length) problems.push(`${lang}: missing ${show(missing)}`);
      if (extra.length) problems.push(`${lang}: extra (not in en) ${show(extra)}`);
    }
    expect(problems).toEqual([]);
  });

  it('are well-formed: valid key names, a string message, only the fields browsers read', () => {
    const problems: string[] = [];
    for (const [lang, messages] of CATALOG) {
      for (const [key, entry] of Object.entries(messages)) {
        const where = `${lang}: ${key}`;
        if (!/^[A-Za-z0-9_]+$/.test(key))
          problems.push(`${where}: key has characters i18n rejects`);
        if (typeof entry !== 'object' || entry === null) {
          problems.push(`${where}: not an object`);
          continue;
        }
        if (typeof entry.message !== 'string') problems.push(`${where}: message is not a string`);
        for (const field of Object.keys(entry)) {
          if (!['message', 'description', 'placeholders'].includes(field))
            problems.push(`${where}: unknown field "${field}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('have no empty message', () => {
    const problems: string[] = [];
    for (const [lang, messages] of CATALOG) {
      for (const [key, entry] of Object.entries(messages)) {
        if (typeof entry.message === 'string' && entry.message.trim() === '')
          problems.push(`${lang}: ${key}: empty message`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use the same substitutions and placeholders as English in every message', () => {
    const problems: string[] = [];
    for (const [lang, messages] of CATALOG) {
      for (const [key, entry] of Object.entries(messages)) {
        const en = EN[key];
        if (!en || typeof entry.message !== 'string') continue; // reported above
        const where = `${lang}: ${key}`;
        const mine = substitutions(entry.message);
        const theirs = substitutions(en.message);
        if (mine.join() !== theirs.join())
          problems.push(`${where}: uses ${show(mine)}, but en uses ${show(theirs)}`);
        const own = placeholders(entry);
        const english = placeholders(en);
        for (const name of mine.filter((s) => s.endsWith('$'))) {
          if (!(name.slice(1, -1) in own)) problems.push(`${where}: ${name} has no placeholder`);
        }
        const names = Object.keys(own).sort();
        const enNames = Object.keys(english).sort();
        if (names.join() !== enNames.join()) {
          problems.push(`${where}: placeholders ${show(names)}, but en has ${show(enNames)}`);
          continue;
        }
        for (const name of names) {
          if (own[name]!.content !== english[name]!.content)
            problems.push(
              `${where}: placeholder ${name} is "${own[name]!.content}", en "${english[name]!.content}"`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('hold every message the manifest names (__MSG_key__)', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [lang, messages] of CATALOG) {
      for (const key of keys) if (!(key in messages)) problems.push(`${lang}: ${key}`);
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Source scans, with the TypeScript compiler's parser (no type checking, so it is quick).

function sourceFiles(ext: '.ts' | '.tsx'): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts'))
    .map((f) => join(SRC, f))
    .sort();
}

function parse(file: string, text = readFileSync(file, 'utf8')): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/** `src/popup/App.tsx:12:5`, 1-based, for failure messages. */
function at(sf: ts.SourceFile, node: ts.Node): string {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${relative(ROOT, sf.fileName)}:${line + 1}:${character + 1}`;
}

type StringNode = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

/**
 * The strings an expression can evaluate to, as far as the syntax shows: through parentheses,
 * casts, `a ? b : c`, `a && b`, `a || b`, `a ?? b` and array literals. Calls (`t('key')`) and
 * names are not strings written here, so they are not followed.
 */
function stringsOf(expr: ts.Expression | undefined): StringNode[] {
  if (expr === undefined) return [];
  if (
    ts.isStringLiteral(expr) ||
    ts.isNoSubstitutionTemplateLiteral(expr) ||
    ts.isTemplateExpression(expr)
  )
    return [expr];
  if (
    ts.isParenthesizedExpression(expr) ||
    ts.isAsExpression(expr) ||
    ts.isSatisfiesExpression(expr) ||
    ts.isNonNullExpression(expr) ||
    ts.isTypeAssertionExpression(expr)
  )
    return stringsOf(expr.expression);
  if (ts.isConditionalExpression(expr))
    return [...stringsOf(expr.whenTrue), ...stringsOf(expr.whenFalse)];
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken)
      return stringsOf(expr.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
      return [...stringsOf(expr.left), ...stringsOf(expr.right)];
    return [];
  }
  if (ts.isArrayLiteralExpression(expr))
    return expr.elements.flatMap((e) => stringsOf(ts.isSpreadElement(e) ? e.expression : e));
  return [];
}

/** The words written in a string node; for a template, its fixed parts. */
function writtenText(node: StringNode): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
}

/** Letters in any script; an HTML entity in JSX (`&middot;`, `&#183;`) counts as what it stands for. */
const hasLetters = (text: string): boolean =>
  /\p{L}/u.test(
    text
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&#x([0-9a-f]+);/gi, (_, x: string) => String.fromCodePoint(parseInt(x, 16)))
      // Named entities in views are punctuation and spacing (&nbsp; &middot; &rarr;), not words.
      .replace(/&[a-z]+\d*;/gi, '·'),
  );

/** Attributes and props whose value a user reads or hears, on any element or component. */
const USER_VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label', // <option label>, <track label>, and components' label props (Fact)
  'text', // components' text props (Pending, Clamp)
]);

/** `value` is shown only on buttons and inputs (a hidden input's is not). */
const VALUE_SHOWN_ON = new Set(['button', 'input']);

/**
 * Strings with letters that a view may hold as they are. Each entry needs its reason; keep it
 * short. Product names and the like belong in _locales as well (`extName`), so this starts empty.
 */
const ALLOWED: ReadonlyArray<{ text: string; why: string }> = [];

interface Hit {
  where: string;
  what: string;
  text: string;
}

function attributeName(attr: ts.JsxAttribute | ts.PropertyAssignment): string {
  const name = attr.name;
  if (ts.isStringLiteral(name) || ts.isIdentifier(name)) return name.text;
  return name.getText();
}

function isUserVisible(name: string, tag: string, attrs: ts.JsxAttributes): boolean {
  if (USER_VISIBLE_ATTRIBUTES.has(name)) return true;
  if (name !== 'value' || !VALUE_SHOWN_ON.has(tag)) return false;
  const type = attrs.properties.find(
    (p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && attributeName(p) === 'type',
  );
  const init = type?.initializer;
  return !(init && ts.isStringLiteral(init) && init.text === 'hidden');
}

/** The object literals a spread (`{...(cond ? { title: 'x' } : {})}`) can put on an element. */
function objectsOf(expr: ts.Expression): ts.ObjectLiteralExpression[] {
  if (ts.isObjectLiteralExpression(expr)) return [expr];
  if (ts.isParenthesizedExpression(expr)) return objectsOf(expr.expression);
  if (ts.isConditionalExpression(expr))
    return [...objectsOf(expr.whenTrue), ...objectsOf(expr.whenFalse)];
  if (ts.isBinaryExpression(expr)) return objectsOf(expr.right);
  return [];
}

/** Hard-coded user-visible strings in one view's source. */
function hardCodedStrings(sf: ts.SourceFile): Hit[] {
  const hits: Hit[] = [];
  const report = (node: ts.Node, what: string, text: string): void => {
    const shown = text.replace(/\s+/g, ' ').trim();
    if (!hasLetters(shown) || ALLOWED.some((a) => a.text === shown)) return;
    hits.push({ where: at(sf, node), what, text: shown });
  };
  const reportStrings = (expr: ts.Expression | undefined, what: string): void => {
    for (const s of stringsOf(expr)) report(s, what, writtenText(s));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      report(node, 'JSX text', node.text);
    } else if (
      ts.isJsxExpression(node) &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      reportStrings(node.expression, 'string child');
    } else if (ts.isJsxAttributes(node)) {
      const tag = (node.parent as ts.JsxOpeningLikeElement).tagName.getText(sf);
      for (const prop of node.properties) {
        if (ts.isJsxAttribute(prop)) {
          const name = attributeName(prop);
          if (!isUserVisible(name, tag, node)) continue;
          const init = prop.initializer;
          if (init && ts.isStringLiteral(init)) report(init, `${name}="…"`, init.text);
          else if (init && ts.isJsxExpression(init)) reportStrings(init.expression, `${name}={…}`);
        } else {
          for (const obj of objectsOf(prop.expression)) {
            for (const p of obj.properties) {
              if (!ts.isPropertyAssignment(p)) continue;
              const name = attributeName(p);
              if (isUserVisible(name, tag, node)) reportStrings(p.initializer, `{...{ ${name} }}`);
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

const format = (h: Hit): string => `${h.where}: ${h.what} ${JSON.stringify(h.text)}`;

describe('views', () => {
  const views = sourceFiles('.tsx');

  it('are found where they live (the scan is not looking at nothing)', () => {
    expect(views.map((f) => relative(ROOT, f))).toContain(join('src', 'popup', 'App.tsx'));
  });

  it('show no hard-coded words: JSX text and user-visible attributes come from _locales', () => {
    const hits = views.flatMap((f) => hardCodedStrings(parse(f)).map(format));
    expect(hits).toEqual([]);
  });

  it('the scan finds what it is meant to find, and lets through what it should', () => {
    const sample = `
      export const A = ({ t, ok }) => (
        <section aria-label="Actions" title={ok ? 'Fine' : t('x')} {...{ 'aria-label': 'Spread' }}>
          Hello
          {ok && 'Shown'}
          {\`\${1} items\`}
          <button value="Go" />
          <input type="hidden" value="secret-token" />
          <Fact label="Address" field="address" class="value mono" data-state="present">
            {' '}·{' '}{t('label_address')} 443 — &nbsp;&rarr; {ok ? ':' : '/'}
          </Fact>
          <p>&#72;&#x69;</p>
        </section>
      );`;
    const hits = hardCodedStrings(parse('src/sample.tsx', sample)).map(
      (h) => `${h.where.replace(/^.*sample\.tsx:/, '')} ${h.what} ${h.text}`,
    );
    expect(hits).toEqual([
      '3:29 aria-label="…" Actions',
      '3:51 title={…} Fine',
      '3:88 {...{ aria-label }} Spread',
      '4:11 JSX text Hello',
      '5:18 string child Shown',
      '6:12 string child … items',
      '7:25 value="…" Go',
      '9:23 label="…" Address',
      '12:14 JSX text &#72;&#x69;',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Message keys written in src/: each must be in English.

/** Functions whose first argument is a message key. */
const TRANSLATING_CALLS = new Set(['t', 'msg', 'getMessage']);

/** Messages every browser predefines (chrome.i18n, Firefox's i18n). */
const PREDEFINED = new Set([
  '@@extension_id',
  '@@ui_locale',
  '@@bidi_dir',
  '@@bidi_reversed_dir',
  '@@bidi_start_edge',
  '@@bidi_end_edge',
]);

/** A string shaped like a message key with a prefix English uses (`label_`, `tls_`…). */
const KEY_SHAPE = /^([a-z][a-z0-9]*)(?:_[a-z0-9]+)+$/;
const KEY_PREFIXES = new Set(
  EN_KEYS.map((k) => KEY_SHAPE.exec(k)?.[1]).filter((p): p is string => p !== undefined),
);

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Message keys in one source file that English does not have. */
function unknownKeys(sf: ts.SourceFile, checkedCalls: { count: number }): string[] {
  const problems: string[] = [];
  const seen = new Set<ts.Node>();
  const missing = (node: ts.Node, what: string): void => {
    problems.push(`${at(sf, node)}: ${what} (src/_locales/en/messages.json)`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && TRANSLATING_CALLS.has(calleeName(node) ?? '')) {
      checkedCalls.count++;
      const name = calleeName(node)!;
      for (const s of stringsOf(node.arguments[0])) {
        seen.add(s);
        if (ts.isTemplateExpression(s)) {
          // `label_tls_${reason}`: only the fixed start can be checked, against some key.
          const prefix = s.head.text;
          if (prefix !== '' && !EN_KEYS.some((k) => k.startsWith(prefix)))
            missing(s, `${name}(\`${prefix}…\`): no message key starts with '${prefix}'`);
        } else if (!(s.text in EN) && !PREDEFINED.has(s.text)) {
          missing(s, `${name}('${s.text}'): no such message`);
        }
      }
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      !seen.has(node) &&
      !ts.isLiteralTypeNode(node.parent) &&
      !ts.isImportDeclaration(node.parent) &&
      !ts.isExportDeclaration(node.parent)
    ) {
      // Keys handed on before the lookup (`label('label_host')`, `const k = 'tls_inspect'`).
      const prefix = KEY_SHAPE.exec(node.text)?.[1];
      if (prefix !== undefined && KEY_PREFIXES.has(prefix) && !(node.text in EN))
        missing(node, `'${node.text}' looks like a message key, but there is no such message`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

describe('message keys in src/', () => {
  it('all exist in English: t(), msg(), getMessage() and key-shaped strings', () => {
    const checkedCalls = { count: 0 };
    const files = [...sourceFiles('.ts'), ...sourceFiles('.tsx')];
    const problems = files.flatMap((f) => unknownKeys(parse(f), checkedCalls));
    expect(problems).toEqual([]);
    expect(checkedCalls.count).toBeGreaterThan(50);
  });

  it('the check catches a missing key, in a call, a branch, a template and a plain string', () => {
    const sample = `
      t('label_host'); msg(ok ? 'label_port' : 'label_nope', 1);
      msg(\`nothing_\${x}\`); msg(\`label_tls_\${x}\`);
      const k = 'tls_made_up'; const other = 'main_frame'; t('@@bidi_dir'); t(variable);`;
    const problems = unknownKeys(parse('src/sample.ts', sample), { count: 0 }).map((p) =>
      p.replace(/^.*sample\.ts:/, ''),
    );
    expect(problems).toEqual([
      "2:48: msg('label_nope'): no such message (src/_locales/en/messages.json)",
      "3:11: msg(`nothing_…`): no message key starts with 'nothing_' (src/_locales/en/messages.json)",
      "4:17: 'tls_made_up' looks like a message key, but there is no such message (src/_locales/en/messages.json)",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// German, rendered: the way the browser does it (chrome.i18n.getMessage), over the de file.

/** getMessage over one locale: `$name$` from placeholders, `$1`…`$9` substituted, `$$` a dollar. */
function translatorFor(messages: Messages): Translate {
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message ${key}`);
    const named = placeholders(entry);
    const numbered = (text: string): string =>
      text.replace(/\$(\$|[1-9])/g, (_, d: string) =>
        d === '$' ? '$' : (subs[Number(d) - 1] ?? ''),
      );
    return entry.message.replace(
      /\$(\$|[A-Za-z_@][A-Za-z0-9_@]*\$|[1-9])/g,
      (whole, token: string) =>
        token.endsWith('$') && token !== '$'
          ? numbered(named[token.slice(0, -1).toLowerCase()]?.content ?? '')
          : numbered(whole),
    );
  };
}

const DE = CATALOG.get('de') ?? {};
const de = translatorFor(DE);

const html = (report: TabReport): string => popupHtml(report, { t: de });

describe('German', () => {
  it('renders every message with its substitutions in place, none left over', () => {
    const subs = ['«1»', '«2»', '«3»', '«4»', '«5»', '«6»', '«7»', '«8»', '«9»'];
    const problems: string[] = [];
    // A key German lacks is reported by the key test above.
    for (const key of EN_KEYS.filter((k) => k in DE)) {
      const text = de(key, subs);
      if (/\$[1-9A-Za-z_@]/.test(text)) problems.push(`${key}: left over in "${text}"`);
      for (const s of substitutions(EN[key]!.message).filter((x) => /^\$[1-9]$/.test(x))) {
        if (!text.includes(`«${s.slice(1)}»`)) problems.push(`${key}: ${s} not shown in "${text}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('words findings with their evidence, nested messages included', () => {
    expect(
      renderMessage(
        msg(
          'detail_nonstandard_port_service',
          8443,
          msg('port_https_alt'),
          'https://lab.test:8443/',
        ),
        de,
      ),
    ).toBe(
      'Verschlüsselte Verbindung auf Port 8443 (alternatives HTTPS) statt 443: https://lab.test:8443/',
    );
    expect(renderMessage(msg('detail_weak_key', 'lab.test', 'RSA', 1024), de)).toBe(
      'Das Zertifikat „lab.test“ hat einen Schlüssel von nur 1024 Bit (RSA).',
    );
    expect(
      renderMessage(
        msg('detail_in_frame', 'https://ads.example', msg('detail_weak_protocol', 'TLS 1.0')),
        de,
      ),
    ).toBe(
      'In einem Frame von https://ads.example: Die Verbindung verwendet TLS 1.0; erwartet wird TLS 1.2 oder neuer.',
    );
  });

  it('renders the popup for a downgrade: verdict, finding, redirect chain', () => {
    const markup = html(
      reportOf(
        load({
          chain: ['https://shop.example/login', 'http://shop.example/login'],
          statuses: [301],
          ip: '93.184.216.34',
        }),
      ),
    );
    expect(markup).toContain('<h1>Gefahr</h1><p>Mit dieser Verbindung stimmt etwas nicht.</p>');
    expect(markup).toContain('<h3>Weiterleitung von HTTPS auf HTTP</h3>');
    expect(markup).toContain(
      'https://shop.example/login wurde auf http://shop.example/login weitergeleitet (Schritt 1, HTTP-Status 301).',
    );
    expect(markup).toContain('weitergeleitet mit HTTP 301');
    expect(markup).not.toMatch(/\$[1-9]/);
  });

  it('renders the popup and the Markdown report for other pages, nothing left untranslated', () => {
    const reports = [
      reportOf(load({ chain: ['https://lab.test:8443/'], ip: '127.0.0.1', hsts: null })),
      reportOf([
        ...load({ chain: ['https://shop.example/'], ip: '2001:db8::1' }),
        resource('http://cdn.example/a.png', 'other'),
        resource('wss://live.example:8443/socket', 'websocket'),
      ]),
      reportOf(load({ chain: ['http://plain.example:443/'], ip: '10.0.0.1' })),
    ];
    for (const r of reports) {
      const markup = html(r);
      expect(markup).not.toMatch(/\$[1-9]/);
      expect(reportToMarkdown(r, de)).not.toMatch(/\$[1-9]/);
    }
    expect(html(reports[0]!)).toContain('alternatives HTTPS');
  });
});
