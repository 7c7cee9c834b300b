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
    for (const global of ['navigator.userAgent', 'globalThis.chrome']) {
      expect(await ruleIds(`export const x = ${global};\n`, 'src/core/probe.ts')).toContain(
        'no-restricted-globals',
      );
    }
  });

  it('refuse a view in src/core', async () => {
    for (const view of ['popup/App', 'options/Options', 'history/History', 'ui/Clamp']) {
      const code = `import { x } from '../${view}';\nexport const y = x;\n`;
      expect(await ruleIds(code, 'src/core/probe.ts')).toContain('no-restricted-imports');
    }
  });

  it('refuse one view importing another, and allow what src/ui shares', async () => {
    const fromPopup = "import { App } from '../popup/App';\nexport const a = App;\n";
    expect(await ruleIds(fromPopup, 'src/history/probe.tsx')).toContain('no-restricted-imports');
    expect(await ruleIds(fromPopup, 'src/options/probe.tsx')).toContain('no-restricted-imports');
    const fromHistory = "import { x } from '../history/History';\nexport const a = x;\n";
    expect(await ruleIds(fromHistory, 'src/popup/probe.tsx')).toContain('no-restricted-imports');
    const shared = "import { Clamp } from '../ui/Clamp';\nexport const c = Clamp;\n";
    expect(await ruleIds(shared, 'src/history/probe.tsx')).not.toContain('no-restricted-imports');
    expect(await ruleIds(shared, 'src/popup/probe.tsx')).not.toContain('no-restricted-imports');
  });

  it('refuse a view in the background', async () => {
    for (const view of ['popup/App', 'options/Options', 'ui/Clamp']) {
      const code = `import { x } from '../${view}';\nexport const y = x;\n`;
      expect(await ruleIds(code, 'src/background/probe.ts')).toContain('no-restricted-imports');
    }
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
