// The renderer bundle the tests serve (out/renderer, built by vitest's and Playwright's global setups):
// React's production build, as the app ships, whatever NODE_ENV the test runner set.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RENDERER_OUT } from '../testkit/repo';

it('is built for production even under vitest (NODE_ENV=test): no React development checks in it', () => {
  expect(process.env.NODE_ENV).toBe('test');
  const assets = join(RENDERER_OUT, 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const name of scripts) {
    // A warning only React's development build carries.
    expect(readFileSync(join(assets, name), 'utf8')).not.toContain('validateDOMNesting');
  }
});
