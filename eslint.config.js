// Lint: type-aware TypeScript rules plus the process layering (which folder may import what).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];

/** Layering: each folder says which process it runs in; these are the imports it may never make. */
export const layering = {
  core: {
    files: ['core/**/*.ts', 'db/**/*.ts'],
    message: 'core and db are plain Node: they never import electron or renderer code.',
    patterns: ['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**'],
    paths: [],
  },
  renderer: {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    message: 'The renderer is sandboxed: no Node built-ins, no core, db, main or electron.',
    patterns: ['electron', '**/core/**', '**/db/**', '**/main/**', '**/host/**', '**/simulator/**', 'better-sqlite3'],
    paths: nodeBuiltins,
  },
  contract: {
    files: ['contract/**/*.ts'],
    message: 'The contract is shared by every process: no Node, no DOM-only code, no backend imports.',
    patterns: ['electron', '**/core/**', '**/db/**', '**/main/**', '**/renderer/**', 'better-sqlite3'],
    paths: nodeBuiltins,
  },
};

function restrictImports({ files, message, patterns, paths }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: paths.map((name) => ({ name, message })),
          patterns: [{ group: patterns, message }],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'eslint.config.js', 'scripts/lint-fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Functions that return promises by contract may finish synchronously.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Command-line entry points and benchmarks print to stdout by design.
    files: ['**/cli.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  restrictImports(layering.core),
  restrictImports(layering.renderer),
  restrictImports(layering.contract),
);
