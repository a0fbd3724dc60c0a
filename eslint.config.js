// @ts-check
const { builtinModules } = require('node:module');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const prettier = require('eslint-config-prettier');
const importX = require('eslint-plugin-import-x');

/**
 * The layers, checked on every lint:
 * - shared/ imports no Electron, Node or DOM code;
 * - renderer/ imports only shared/ (and its UI libraries);
 * - only `electron/shell/` (the Electron shell: main, preload, windows, menus, protocols, IPC glue) imports `electron`.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const SHELL_FILES = ['electron/shell/**/*.ts'];

const noElectron = {
  name: 'electron',
  message: 'Only electron/shell/ imports electron: the rest of electron/ is plain Node, shared by the app, the web mode and the CLI.',
  allowTypeImports: true,
};
const noRenderer = { group: ['**/renderer', '**/renderer/**'], message: 'The main process never imports renderer code.' };
const noActionsInStores = {
  group: ['../actions', '../actions/*', '**/renderer/actions/**'],
  message: 'A store never imports an action: the action calls the store.',
};
const noApiInStores = {
  group: ['../api', '../tracked-api', '**/renderer/api', '**/renderer/tracked-api'],
  message: 'A store never calls the main process: an action (renderer/actions/) asks renderer/api.ts and sets the store.',
};
/**
 * Stores that still call the main process while another part of issue 14 moves those calls to actions:
 * `noApiInStores` spares them until then (drop this list once none of them imports the API).
 */
const noApiInComponents = {
  group: ['../api', '../tracked-api', '**/renderer/api', '**/renderer/tracked-api'],
  message: 'Components never call the main process: call an action that does.',
};

/** The renderer's import limits (no Electron, no Node, no main-process code), plus `more` patterns for one folder. */
function rendererImports(more = []) {
  return {
    paths: [
      { name: 'electron', message: 'The renderer never imports electron: use renderer/api.ts.' },
      ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: ask the main process through renderer/api.ts.' })),
    ],
    patterns: [noElectronCode, ...more],
  };
}
const noElectronCode = {
  group: ['**/electron/**', '../electron', '../../electron'],
  message: 'renderer/ and shared/ import only shared/: reach the main process through renderer/api.ts.',
};

module.exports = tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ runs on both sides: no Electron here.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in the renderer too: no Node modules here.' })),
          ],
          patterns: [
            noElectronCode,
            { group: ['**/renderer', '**/renderer/**', 'react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ imports no UI or DOM code.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'sessionStorage',
        'location',
        'fetch',
        'process',
        'require',
        '__dirname',
        'Buffer',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererImports()] },
  },
  {
    // Stores hold state and their own setters: work across stores lives in actions, and nothing in a store knows the UI.
    files: ['renderer/stores/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', rendererImports([noActionsInStores])] },
  },
  {
    // ...nor calls the main process: actions do, and set the store with what came back.
    files: ['renderer/stores/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', rendererImports([noActionsInStores, noApiInStores])] },
  },
  {
    // Components (the feature folders) read stores and call actions; only actions reach the main process.
    files: ['renderer/{common,browser,inspector,transfers,profiles,links,dialogs,access}/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', rendererImports([noApiInComponents])] },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: SHELL_FILES,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noRenderer] }] },
  },
  {
    files: SHELL_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
  {
    // A store never imports a component (any .tsx file, in whichever feature folder): stores hold state; the UI reads them.
    // It may import a feature folder's pure .ts helpers.
    files: ['renderer/stores/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } } },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: [{ target: './renderer/stores/**', from: './renderer/**/*.tsx', message: 'A store never imports a component (a .tsx file).' }] },
      ],
    },
  },
  {
    // No import cycles (type-only imports aside: they vanish at run time), and imports in one order: Node's, packages', then the project's.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } }, 'import-x/extensions': ['.ts', '.tsx'] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/order': ['error', { groups: ['builtin', 'external', ['parent', 'sibling', 'index']], 'newlines-between': 'never' }],
    },
  },
  // Formatting is Prettier's (`npm run format`; checked by `npm run lint` and `npm test`): no style rule may disagree.
  prettier,
);
