// Lint rules, including the runtime boundaries: the core never imports Electron, and
// the renderer (and the contract it shares) never imports Electron or Node.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeNativePackages = ['better-sqlite3', 'sharp', 'onnxruntime-node'];

/**
 * The shells are thin adapters over one core and never import each other (VS Code's
 * code-layering rule is the model): what two shells need lives in electron/core or
 * electron/shared. Each shell's files may not name another shell's folder.
 */
const SHELLS = ['main', 'preload', 'server', 'cli'];
const shellLayering = SHELLS.map((shell) => ({
  files: [`electron/${shell}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: SHELLS.filter((other) => other !== shell).map((other) => ({
          group: [`../${other}/*`, `../../${other}/*`, `**/electron/${other}/*`],
          message: `electron/${shell} is a shell and may not import electron/${other}: move what both need to electron/core or electron/shared.`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      'test-results/',
      'playwright-report/',
      'bench/.work/',
      'models/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  ...shellLayering,
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'electron/core runs without Electron (server, CLI): keep Electron in electron/main.',
            },
          ],
          patterns: [{ group: ['electron/*'], message: 'electron/core runs without Electron.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'electron/contract.ts', 'electron/shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the core only through the contract client.',
            },
            ...[...nodeModules, ...nodeNativePackages].map((name) => ({
              name,
              message: 'The renderer runs in a browser too: no Node modules.',
            })),
          ],
          patterns: [
            {
              group: [
                '**/electron/core/**',
                '**/electron/main/**',
                '**/electron/server/**',
                '**/electron/cli/**',
              ],
              message: 'The renderer may import only electron/contract.',
            },
          ],
        },
      ],
    },
  },
);
