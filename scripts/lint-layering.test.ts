// Proves the layering rules in eslint.config.js bite: forbidden imports fail lint, allowed ones pass.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Type-aware rules need files on disk inside a tsconfig; the layering rule does not, so the
// virtual files below are linted with the real config minus type information.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint layering', () => {
  it.each([
    ['core/fixture.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['db/fixture.ts', "import { App } from '../renderer/src/App';\nexport const a = App;\n"],
    ['renderer/src/fixture.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['renderer/src/fixture.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n"],
    ['renderer/src/fixture.ts', "import { openDatabase } from '../../db/database';\nexport const a = openDatabase;\n"],
    ['renderer/src/fixture.ts', "import { startBackend } from '../../core/backend';\nexport const a = startBackend;\n"],
    ['renderer/src/fixture.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['contract/fixture.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
    // Product code never imports test support; a product folder's tests may (below), but keep its other rules.
    ['core/fixture.ts', "import { Rig } from '../testkit/rig';\nexport const a = Rig;\n"],
    ['db/fixture.ts', "import { makeCounter } from '../testkit/db';\nexport const a = makeCounter;\n"],
    ['main/fixture.ts', "import { sleep } from '../testkit/time';\nexport const a = sleep;\n"],
    ['host/fixture.ts', "import { auditLedger } from '../reliability/ledger';\nexport const a = auditLedger;\n"],
    ['simulator/fixture.ts', "import { SimControl } from '../testkit/sim-control';\nexport const a = SimControl;\n"],
    ['renderer/src/fixture.tsx', "import { percentile } from '../../testkit/stats';\nexport const a = percentile;\n"],
    ['contract/fixture.ts', "import { percentile } from '../testkit/stats';\nexport const a = percentile;\n"],
    ['core/fixture.test.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['testkit/fixture.ts', "import { auditLedger } from '../reliability/ledger';\nexport const a = auditLedger;\n"],
  ])('refuses the forbidden import in %s', async (filePath, code) => {
    const errors = await restrictedImportErrors(filePath, code);
    expect(errors.length).toBe(1);
  });

  it.each([
    ['core/fixture.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
    ['renderer/src/fixture.ts', "import { formatMoney } from '../../contract/money';\nexport const a = formatMoney;\n"],
    ['main/fixture.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['core/fixture.test.ts', "import { Rig } from '../testkit/rig';\nexport const a = Rig;\n"],
    ['db/fixture.test.ts', "import { makeCounter } from '../testkit/db';\nexport const a = makeCounter;\n"],
    ['simulator/tests/fixture.ts', "import { sleep } from '../../testkit/time';\nexport const a = sleep;\n"],
    ['bench/fixture.ts', "import { Rig } from '../testkit/rig';\nexport const a = Rig;\n"],
    ['reliability/fixture.ts', "import { Rig } from '../testkit/rig';\nexport const a = Rig;\n"],
    ['e2e/fixture.spec.ts', "import { SimControl } from '../testkit/sim-control';\nexport const a = SimControl;\n"],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });
});
