import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Lint enforces the layers (docs/architecture.md): the core decides and touches no browser API
// and no view; views render, import nothing from the background and nothing from one another
// (what two pages share is in src/ui); the background imports no view; nothing renders
// untrusted text as HTML. test/unit/layers.test.ts proves each refusal.

const VIEWS = ['popup', 'options', 'history', 'content'];

const browserApi = {
  paths: [
    { name: 'webextension-polyfill', message: 'src/core is pure: no browser API.' },
    { name: 'preact', message: 'src/core is pure: no UI.' },
  ],
  patterns: [
    { group: ['preact/*'], message: 'src/core is pure: no UI.' },
    {
      group: ['**/background/**', '**/shared/**', '**/ui/**', ...VIEWS.map((v) => `**/${v}/**`)],
      message: 'src/core imports only src/core and pure libraries.',
    },
  ],
};

const noBackground = {
  group: ['**/background/**'],
  message: 'Views and content scripts talk to the background through src/shared/messages.ts only.',
};

/** A view's imports: no background, and no other view (shared view code lives in src/ui). */
function viewRules(view) {
  return {
    patterns: [
      noBackground,
      {
        group: VIEWS.filter((v) => v !== view).map((v) => `**/${v}/**`),
        message: 'One view imports no other: what both need goes to src/ui.',
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.lab/', 'artifacts/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Untrusted text is rendered as text, never as HTML.',
        },
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Untrusted text is rendered as text, never as HTML.',
        },
      ],
    },
  },
  {
    files: ['src/core/**'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', browserApi],
      'no-restricted-globals': [
        'error',
        ...[
          'chrome',
          'browser',
          'window',
          'document',
          'localStorage',
          'fetch',
          'XMLHttpRequest',
          'navigator',
          'globalThis',
        ].map((name) => ({ name, message: 'src/core is pure: no browser API.' })),
      ],
    },
  },
  ...VIEWS.map((view) => ({
    files: [`src/${view}/**`],
    rules: { 'no-restricted-imports': ['error', viewRules(view)] },
  })),
  {
    files: ['src/ui/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noBackground,
            { group: VIEWS.map((v) => `**/${v}/**`), message: 'Shared code imports no view.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/background/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', ...VIEWS.map((v) => `**/${v}/**`)],
              message: 'The background imports no view: views render what it sends.',
            },
          ],
        },
      ],
    },
  },
);
