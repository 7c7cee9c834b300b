import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules are only worth having if lint really refuses a crossing: try some.

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it('refuse browser APIs and UI in src/core', async () => {
    expect(
      await ruleIds(
        "import browser from 'webextension-polyfill';\nexport const b = browser;\n",
        'src/core/probe.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds("import { h } from 'preact';\nexport const x = h;\n", 'src/core/probe.ts'),
    ).toContain('no-restricted-imports');
    expect(await ruleIds('export const x = chrome.runtime.id;\n', 'src/core/probe.ts')).toContain(
      'no-restricted-globals',
    );
  });

  it('refuse background imports in views and content scripts', async () => {
    const code = "import { guard } from '../background/log';\nexport const g = guard;\n";
    expect(await ruleIds(code, 'src/popup/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'src/content/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'src/background/probe.ts')).not.toContain('no-restricted-imports');
  });

  it('refuse rendering text as HTML anywhere in src', async () => {
    const jsx =
      'export const V = (p: { s: string }) => <div dangerouslySetInnerHTML={{ __html: p.s }} />;\n';
    expect(await ruleIds(jsx, 'src/popup/probe.tsx')).toContain('no-restricted-syntax');
    expect(
      await ruleIds('document.body.innerHTML = location.hash;\n', 'src/content/probe.ts'),
    ).toContain('no-restricted-syntax');
  });
});
