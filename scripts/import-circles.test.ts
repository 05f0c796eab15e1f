// The only import circles in the code are the two migration registries (each migration file names
// its place in the list it is registered in); a circle anywhere else fails here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles } from './import-circles.mjs';

const REPO = resolve(import.meta.dirname, '..');
const isRegistry = (circle: string[], folder: string) => circle.every((file) => file.startsWith(folder)) && circle.includes(`${folder}index.ts`);

describe('import circles', () => {
  it('are only the two migration registries', () => {
    const circles = importCircles(REPO);
    expect(circles.map((circle) => circle.filter((file) => !/\/\d{3}_\w+\.ts$/.test(file)))).toEqual([['db/local/migrations/index.ts'], ['db/store/migrations/index.ts']]);
    expect(isRegistry(circles[0] ?? [], 'db/local/migrations/')).toBe(true);
    expect(isRegistry(circles[1] ?? [], 'db/store/migrations/')).toBe(true);
  });

  it('are found through type-only imports, re-exports, side-effect and dynamic imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'circles-'));
    try {
      mkdirSync(join(dir, 'fake'));
      writeFileSync(join(dir, 'backend.ts'), "import { sales } from './fake/sales';\nexport class Backend {}\n");
      writeFileSync(join(dir, 'fake', 'sales.ts'), "import type { Backend } from '../backend';\nexport const sales = (b: Backend) => b;\n");
      writeFileSync(join(dir, 'a.ts'), "export { x } from './b';\n");
      writeFileSync(join(dir, 'b.ts'), "export * from './a';\nexport const x = 1;\n");
      writeFileSync(join(dir, 'd.ts'), "import './e';\n");
      writeFileSync(join(dir, 'e.ts'), "export const later = () => import('./d');\n");
      writeFileSync(join(dir, 'c.test.ts'), "import './a';\n");
      expect(importCircles(dir)).toEqual([['a.ts', 'b.ts'], ['backend.ts', 'fake/sales.ts'], ['d.ts', 'e.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
