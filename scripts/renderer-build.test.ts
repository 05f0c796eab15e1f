// The renderer bundle the tests serve is built as the app ships: React's production build, whatever
// NODE_ENV the test runner set (vitest's workers run with NODE_ENV=test, and vite keeps it).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildRenderer } from '../testkit/repo';

const outDir = mkdtempSync(join(tmpdir(), 'counter-renderer-build-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it('is React’s production build when built from a test worker (NODE_ENV=test)', async () => {
  expect(process.env.NODE_ENV).toBe('test');
  await buildRenderer(outDir);
  const assets = join(outDir, 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  // A warning only React's development build carries.
  for (const name of scripts) expect(readFileSync(join(assets, name), 'utf8')).not.toContain('Each child in a list should have a unique');
}, 60_000);
