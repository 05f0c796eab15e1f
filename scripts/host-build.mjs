// The browser host as one JavaScript file (out/host/cli.mjs): host/cli.ts with everything it
// imports, bundled by esbuild. The host then starts as plain `node out/host/cli.mjs`: no TypeScript
// transformed at every start (tsx took six to eight bare Node starts by itself) and one file read
// instead of some 650 modules resolved one by one. better-sqlite3 stays outside (a native module,
// loaded from node_modules), and so does pg's optional native binding. Two libraries are trimmed to
// what the host uses (see leaveOutUnused): it halves the code Node reads, compiles and runs at start.
// Plain JavaScript, like renderer-build.mjs, so that `npm start` runs it without a build; the tests
// reach it through testkit/repo.ts (types in host-build.d.mts).
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './renderer-build.mjs';

export const HOST_BUNDLE = join(REPO_ROOT, 'out', 'host', 'cli.mjs');
/** The files the bundle was made from (esbuild's metafile inputs), to tell when it is stale. */
const HOST_INPUTS = join(REPO_ROOT, 'out', 'host', 'inputs.json');

/** Whether out/host/cli.mjs is missing or older than any file it was made from. */
export function hostBundleStale() {
  if (!existsSync(HOST_BUNDLE) || !existsSync(HOST_INPUTS)) return true;
  const builtAt = statSync(HOST_BUNDLE).mtimeMs;
  const inputs = JSON.parse(readFileSync(HOST_INPUTS, 'utf8'));
  return inputs.some((input) => {
    const path = join(REPO_ROOT, input);
    return !existsSync(path) || statSync(path).mtimeMs > builtAt;
  });
}

/**
 * Library code the host never runs, left out of the bundle. pino-roll requires all of date-fns
 * (360 KB of CommonJS, every module of it run at start) for five functions: it gets those five, from
 * date-fns's ES modules. Zod re-exports every language's error messages (z.locales); Counter's
 * messages are its own, in English, and Zod's default (English) it imports by itself.
 */
const leaveOutUnused = {
  name: 'leave-out-unused',
  setup(build) {
    build.onResolve({ filter: /^date-fns$/ }, (args) => (/pino-roll/.test(args.importer) ? { path: 'date-fns', namespace: 'pino-roll-date-fns' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'pino-roll-date-fns' }, () => ({
      contents: ['format', 'addDays', 'addHours', 'parse', 'isValid'].map((name) => `export { ${name} } from 'date-fns/${name}';`).join('\n'),
      resolveDir: REPO_ROOT,
    }));
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({ contents: "export { default as en } from 'zod/v4/locales/en.js';", resolveDir: REPO_ROOT }));
  },
};

/**
 * Builds out/host/cli.mjs. Test suites running side by side may build at the same moment: each
 * writes its own temporary files and renames them into place, so a reader never sees half a file.
 */
export async function buildHostBundle() {
  // Dated from the start of the build: a source saved while it runs leaves the bundle stale.
  const startedAt = new Date();
  const temporary = `${HOST_BUNDLE}.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['host/cli.ts'],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'pg-native'],
    // The CommonJS packages inside (pino, pg) call require for Node's own modules.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    plugins: [leaveOutUnused],
    metafile: true,
    logLevel: 'warning',
  });
  mkdirSync(join(REPO_ROOT, 'out', 'host'), { recursive: true });
  const inputsTemporary = `${HOST_INPUTS}.${process.pid}.tmp`;
  // Files only: the trimmed stand-ins (leaveOutUnused) are named by their namespace, not a path.
  const files = Object.keys(result.metafile.inputs).filter((input) => existsSync(join(REPO_ROOT, input)));
  writeFileSync(inputsTemporary, JSON.stringify(files));
  renameSync(inputsTemporary, HOST_INPUTS);
  utimesSync(temporary, startedAt, startedAt);
  renameSync(temporary, HOST_BUNDLE);
}

/** Builds the bundle when it is missing or stale; the path to run with node. */
export async function hostBundle() {
  if (hostBundleStale()) await buildHostBundle();
  return HOST_BUNDLE;
}
