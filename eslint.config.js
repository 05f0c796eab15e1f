// Lint: type-aware TypeScript rules plus the process layering (which folder may import what).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];

/** Test support (testkit/, reliability/): the product never imports it; tests (*.test.ts, tests/ folders) may. */
const testSupport = {
  message: 'Product code never imports test support (testkit/, reliability/): only tests, benchmarks and e2e specs do.',
  patterns: ['**/testkit/**', '**/reliability/**'],
};
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/tests/**'];

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
  processes: {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'host/**/*.ts', 'simulator/**/*.ts'],
    message: testSupport.message,
    patterns: [],
    paths: [],
  },
  testkit: {
    files: ['testkit/**/*.ts'],
    message: 'testkit is shared by every kind of test: it never imports the reliability suites or the benchmarks.',
    patterns: ['**/reliability/**', '**/bench/**'],
    paths: [],
  },
};

/** The product folders, whose code (tests aside) never imports test support. */
const product = ['core', 'renderer', 'contract', 'processes'];

function restrictedImports(paths, groups) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map(([name, message]) => ({ name, message })),
        patterns: groups.filter((group) => group.group.length > 0),
      },
    ],
  };
}

/**
 * A layer's rule as one config entry (a later entry for the same file would replace it, not add to
 * it); for a product layer, a second entry for its tests, which may import test support.
 */
function restrictImports(name) {
  const { files, message, patterns, paths } = layering[name];
  const own = { group: patterns, message };
  const named = paths.map((path) => [path, message]);
  if (!product.includes(name)) return [{ files, rules: restrictedImports(named, [own]) }];
  return [
    { files, ignores: testFiles, rules: restrictedImports(named, [own, { group: testSupport.patterns, message: testSupport.message }]) },
    { files: files.flatMap((glob) => testFiles.map((test) => [glob, test])), rules: restrictedImports(named, [own]) },
  ];
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
  ...Object.keys(layering).flatMap(restrictImports),
);
