import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Lint enforces the layers: the core decides and touches no browser API; views render and
// import nothing from the background; nothing renders untrusted text as HTML.

const browserApi = {
  paths: [
    { name: 'webextension-polyfill', message: 'src/core is pure: no browser API.' },
    { name: 'preact', message: 'src/core is pure: no UI.' },
  ],
  patterns: [
    { group: ['preact/*'], message: 'src/core is pure: no UI.' },
    {
      group: ['**/background/**', '**/popup/**', '**/content/**', '**/shared/**'],
      message: 'src/core imports only src/core and pure libraries.',
    },
  ],
};

const noBackground = {
  patterns: [
    {
      group: ['**/background/**'],
      message:
        'Views and content scripts talk to the background through src/shared/messages.ts only.',
    },
  ],
};

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
        ].map((name) => ({ name, message: 'src/core is pure: no browser API.' })),
      ],
    },
  },
  {
    files: ['src/popup/**', 'src/options/**', 'src/history/**', 'src/content/**', 'src/shared/**'],
    rules: { 'no-restricted-imports': ['error', noBackground] },
  },
);
