import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestFor, type Target } from '../../scripts/manifest-for';

// The store texts (store/, PRIVACY.md) against the code they describe: a listing per locale, all
// with the same fields; each summary is the extension's own description; every permission a
// built manifest asks for is justified for the reviewers; the privacy policy names every place
// Portwatch stores something.

type Json = Record<string, unknown>;

const LOCALES = readdirSync('src/_locales');
const source = JSON.parse(readFileSync('manifest.json', 'utf8')) as Json;

/** The `## ` sections of a Markdown file, in order: heading → the lines under it. */
function sections(markdown: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      current = [];
      out.set(heading[1]!.trim(), current);
    } else {
      current?.push(line);
    }
  }
  return out;
}

/** The text of a section's first fenced block. */
function fenced(lines: readonly string[]): string {
  const start = lines.findIndex((l) => l.startsWith('```'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('```'));
  expect(start, 'a fenced block').toBeGreaterThanOrEqual(0);
  expect(end, 'the end of the fenced block').toBeGreaterThan(start);
  return lines.slice(start + 1, end).join('\n');
}

function listing(lang: string): Map<string, string[]> {
  return sections(readFileSync(`store/${lang}/listing.md`, 'utf8'));
}

function extDescription(lang: string): string {
  const messages = JSON.parse(readFileSync(`src/_locales/${lang}/messages.json`, 'utf8')) as Record<
    string,
    { message: string }
  >;
  return messages.extDescription!.message;
}

/** Every permission the built manifests ask for, required, optional or host, in any browser. */
function builtPermissions(): string[] {
  const all = new Set<string>();
  for (const target of ['chrome', 'firefox'] as Target[]) {
    const m = manifestFor(source, target);
    for (const key of ['permissions', 'optional_permissions', 'host_permissions']) {
      for (const p of (m[key] ?? []) as string[]) all.add(p);
    }
  }
  return [...all];
}

describe('store listings', () => {
  it('exist for every locale the extension ships, English and German among them', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['en', 'de']));
    for (const lang of LOCALES) expect(existsSync(`store/${lang}/listing.md`), lang).toBe(true);
  });

  it('have the same sections in the same order', () => {
    const english = [...listing('en').keys()];
    expect(english).toEqual(
      expect.arrayContaining(['Name', 'Summary', 'Description', 'Category', 'Links']),
    );
    for (const lang of LOCALES) expect([...listing(lang).keys()], lang).toEqual(english);
  });

  it("give as summary the extension's own description, at most 132 characters", () => {
    for (const lang of LOCALES) {
      const summary = fenced(listing(lang).get('Summary')!);
      expect(summary, lang).toBe(extDescription(lang));
      expect(summary.length, lang).toBeLessThanOrEqual(132);
    }
  });

  it('have a description Edge Add-ons accepts (under 10,000 characters)', () => {
    for (const lang of LOCALES) {
      const description = fenced(listing(lang).get('Description')!);
      expect(description.length, lang).toBeGreaterThan(500);
      expect(description.length, lang).toBeLessThan(10_000);
    }
  });

  it('link to the privacy policy, and all to the same places', () => {
    const links = (lang: string): string[] => {
      const text = readFileSync(`store/${lang}/listing.md`, 'utf8');
      return [...new Set(text.match(/https:\/\/[^\s<>)]+/g) ?? [])].sort();
    };
    for (const lang of LOCALES) {
      expect(links(lang), lang).toContainEqual(expect.stringMatching(/\/PRIVACY\.md$/));
      expect(links(lang), lang).toEqual(links('en'));
    }
  });
});

describe('store/permissions.md', () => {
  const text = readFileSync('store/permissions.md', 'utf8');
  const headings = text.split('\n').filter((line) => /^#{2,4} /.test(line));

  it('justifies, under a heading, every permission a built manifest asks for', () => {
    const permissions = builtPermissions();
    // The lists the reviewers see: Chrome's optional debugger, Firefox's blocking webRequest.
    expect(permissions).toEqual(expect.arrayContaining(['debugger', 'webRequestBlocking']));
    for (const permission of permissions) {
      expect(
        headings.some((h) => h.includes(`\`${permission}\``)),
        `a heading naming \`${permission}\``,
      ).toBe(true);
    }
  });

  it('has the single purpose and the remote-code answer the Chrome form asks for', () => {
    expect(headings).toContain('### Single purpose');
    expect(headings).toContain('### Remote code');
  });
});

describe('PRIVACY.md', () => {
  it('exists and names each place Portwatch stores something', () => {
    expect(existsSync('PRIVACY.md')).toBe(true);
    const text = readFileSync('PRIVACY.md', 'utf8');
    for (const area of ['storage.session', 'storage.local', 'localStorage'])
      expect(text, area).toContain(`\`${area}\``);
  });

  it("repeats the manifest's declaration that no data is collected", () => {
    const gecko = (source.browser_specific_settings as Json).gecko as Json;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(readFileSync('PRIVACY.md', 'utf8')).toContain('`data_collection_permissions`');
  });
});
