// The renderer bundle (out/renderer) that the browser host serves: whether it is missing or older
// than its sources, and building it with vite. Plain JavaScript, so that `npm start`
// (start-electron.mjs) runs it without a build; the tests reach it through testkit/repo.ts (types
// in renderer-build.d.mts).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const RENDERER_OUT = join(REPO_ROOT, 'out', 'renderer');
const RENDERER_SOURCES = ['renderer', 'contract', 'preload/bridge.ts'].map((path) => join(REPO_ROOT, path));

export function rendererBuilt() {
  return existsSync(join(RENDERER_OUT, 'index.html'));
}

/** Whether out/renderer is missing or older than any of its sources. */
export function rendererStale() {
  if (!rendererBuilt()) return true;
  return statSync(join(RENDERER_OUT, 'index.html')).mtimeMs < Math.max(...RENDERER_SOURCES.map(newestChange));
}

function newestChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds out/renderer (or `outDir`) with vite (the browser host refuses to start without it); its warnings go to stderr. */
export async function buildRenderer(outDir = RENDERER_OUT) {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise((resolve, reject) => {
    // NODE_ENV is the test runner's ('test' under vitest), which vite keeps: React would be its
    // development build, slower and not what the app ships.
    const child = spawn(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Building the renderer failed (exit ${code}): ${stderr.slice(-2000)}`))));
  });
}
