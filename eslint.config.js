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

/** The simulator stands in for Zoho in demo mode and in tests: the backend never imports it; its tests may. */
const simulatorPeer = {
  message: 'core and db never import the simulator: it is a test and demo peer, started from outside the backend.',
  patterns: ['**/simulator/**'],
};

const coreLayer = {
  files: ['core/**/*.ts'],
  message: 'core is plain Node below the processes: it never imports main, host, preload, electron or renderer code.',
  patterns: ['electron', 'electron/*', '**/main/**', '**/host/**', '**/preload/**', '**/renderer/**'],
  paths: [],
  productOnly: [simulatorPeer],
};

/**
 * Layering: each folder says which process it runs in; these are the imports it may never make. The
 * layers go contract < db < core < (main, host, preload): nothing imports a layer above its own.
 * `productOnly` groups bind the folder's code but not its tests.
 */
export const layering = {
  db: {
    files: ['db/**/*.ts'],
    message: 'db sits below core: it never imports core, the processes (main, host, preload), electron or renderer code.',
    patterns: ['electron', 'electron/*', '**/core/**', '**/main/**', '**/host/**', '**/preload/**', '**/renderer/**'],
    paths: [],
    productOnly: [simulatorPeer],
  },
  core: coreLayer,
  // After core's own entry, which it replaces for these files: core's rule plus one of its own.
  coreBase: {
    files: ['core/failure.ts', 'core/calls-under-way.ts'],
    message:
      'core/failure.ts and core/calls-under-way.ts sit under the services that use them: they import only the contract and each other (importing a service back made a circle).',
    patterns: coreLayer.patterns,
    regex: String.raw`^\.\.?/(?!failure$|contract/)`,
    paths: [],
    productOnly: [simulatorPeer],
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
    patterns: ['electron', '**/core/**', '**/db/**', '**/main/**', '**/host/**', '**/preload/**', '**/renderer/**', 'better-sqlite3'],
    paths: nodeBuiltins,
  },
  host: {
    files: ['host/**/*.ts'],
    message: 'The browser host is a peer of the Electron shell: it never imports main or preload (what both need sits below them).',
    patterns: ['**/main/**', '**/preload/**'],
    paths: [],
  },
  processes: {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'simulator/**/*.ts'],
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

/** A statement of SQL in a string: SQL is written in db/ only. */
const SQL_STATEMENT = String.raw`/\b(SELECT\s[\s\S]*?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|(CREATE|ALTER|DROP)\s+(TABLE|UNIQUE|INDEX|VIEW|TRIGGER|FUNCTION|POLICY|ROLE|SCHEMA)|BEGIN\s+(EXCLUSIVE|IMMEDIATE|DEFERRED|TRANSACTION)|PRAGMA\s+\w+)\b/`;

/** Product code outside db/ (tests aside) holds no SQL: it calls db/'s functions. */
export const sqlOutsideDb = {
  files: ['contract/**/*.ts', 'core/**/*.ts', 'host/**/*.ts', 'main/**/*.ts', 'preload/**/*.ts', 'simulator/**/*.ts', 'renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
  ignores: testFiles,
  rules: {
    'no-restricted-syntax': [
      'error',
      ...[`Literal[value=${SQL_STATEMENT}]`, `TemplateElement[value.raw=${SQL_STATEMENT}]`].map((selector) => ({
        selector,
        message: 'SQL is written in db/ only: call a function of db/local or db/store instead.',
      })),
    ],
  },
};

/** The product folders, whose code (tests aside) never imports test support. */
const product = ['db', 'core', 'coreBase', 'renderer', 'contract', 'host', 'processes'];

function restrictedImports(paths, groups) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map(([name, message]) => ({ name, message })),
        patterns: groups.filter((group) => group.regex !== undefined || group.group.length > 0),
      },
    ],
  };
}

/**
 * A layer's rule as one config entry (a later entry for the same file would replace it, not add to
 * it); for a product layer, a second entry for its tests, which may import test support.
 */
function restrictImports(name) {
  const { files, message, patterns, paths, regex, productOnly = [] } = layering[name];
  const own = { group: patterns, message };
  const ownRegex = regex === undefined ? [] : [{ regex, message }];
  const named = paths.map((path) => [path, message]);
  if (!product.includes(name)) return [{ files, rules: restrictedImports(named, [own]) }];
  const productGroups = [testSupport, ...productOnly].map((peer) => ({ group: peer.patterns, message: peer.message }));
  return [
    { files, ignores: testFiles, rules: restrictedImports(named, [own, ...ownRegex, ...productGroups]) },
    { files: files.flatMap((glob) => testFiles.map((test) => [glob, test])), rules: restrictedImports(named, [own, ...ownRegex]) },
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
  sqlOutsideDb,
);
