// Proves the layering rules in eslint.config.js bite: forbidden imports fail lint, allowed ones pass;
// and SQL outside db/ fails lint.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Type-aware rules need files on disk inside a tsconfig; the layering rule does not, so the
// virtual files below are linted with the real config minus type information.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function errorsOf(ruleId: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

const restrictedImportErrors = (filePath: string, code: string) => errorsOf('no-restricted-imports', filePath, code);

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
    // Nothing imports a layer above its own (contract < db < core < main, host, preload); host and main are peers.
    ['db/local/fixture.ts', "import { createOwnerOnlyFile } from '../../core/data-folder/permissions';\nexport const a = createOwnerOnlyFile;\n"],
    ['db/store/fixture.ts', "import type { Logger } from '../../core/logger';\nexport type A = Logger;\n"],
    ['core/fixture.ts', "import { SECURITY_HEADERS } from '../host/replies';\nexport const a = SECURITY_HEADERS;\n"],
    ['host/fixture.ts', "import { CONTENT_SECURITY_POLICY } from '../main/content-security-policy';\nexport const a = CONTENT_SECURITY_POLICY;\n"],
    ['contract/fixture.ts', "import { SECURITY_HEADERS } from '../host/replies';\nexport const a = SECURITY_HEADERS;\n"],
    // The simulator is a test and demo peer: core and db never import it.
    ['core/fixture.ts', "import { startSimulator } from '../simulator/index';\nexport const a = startSimulator;\n"],
    ['db/local/fixture.ts', "import type { SimulatorOptions } from '../../simulator/index';\nexport type A = SimulatorOptions;\n"],
    // The circle failure → refund service → calls under way → failure stays broken.
    ['core/failure.ts', "import { RefundsNotAllowedError } from './after-sale/refunds/refund-service';\nexport const a = RefundsNotAllowedError;\n"],
    ['core/calls-under-way.ts', "import { Poller } from './charges/poller';\nexport const a = Poller;\n"],
    ['core/failure.ts', "import { formatMoney } from '../db/local/errors';\nexport const a = formatMoney;\n"],
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
    ['core/fixture.test.ts', "import { startSimulator } from '../simulator/index';\nexport const a = startSimulator;\n"],
    ['core/fixture.ts', "import { openDatabase } from '../db/local/database';\nexport const a = openDatabase;\n"],
    ['db/local/fixture.ts', "import { formatMoney } from '../../contract/money';\nexport const a = formatMoney;\n"],
    ['host/fixture.ts', "import { CONTENT_SECURITY_POLICY } from '../contract/content-security-policy';\nexport const a = CONTENT_SECURITY_POLICY;\n"],
    ['core/failure.ts', "import { CodedError } from '../contract/result';\nexport const a = CodedError;\n"],
    ['core/calls-under-way.ts', "import { HandlerFailure } from './failure';\nexport const a = HandlerFailure;\n"],
    ['db/fixture.test.ts', "import { makeCounter } from '../testkit/db';\nexport const a = makeCounter;\n"],
    ['simulator/tests/fixture.ts', "import { sleep } from '../../testkit/time';\nexport const a = sleep;\n"],
    ['bench/fixture.ts', "import { Rig } from '../testkit/rig';\nexport const a = Rig;\n"],
    ['reliability/fixture.ts', "import { Rig } from '../testkit/rig';\nexport const a = Rig;\n"],
    ['e2e/fixture.spec.ts', "import { SimControl } from '../testkit/sim-control';\nexport const a = SimControl;\n"],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });

  const sqlErrors = (filePath: string, code: string) => errorsOf('no-restricted-syntax', filePath, code);
  const select = "export const q = 'SELECT id, name FROM counters WHERE store_id = $1';\n";

  it.each([
    ['core/fixture.ts', select],
    ['core/fixture.ts', 'export const q = `\n  UPDATE stores SET name = $2\n  WHERE id = ${1}`;\n'],
    ['host/fixture.ts', "export const q = 'DELETE FROM counter_claims WHERE station = $1';\n"],
    ['main/fixture.ts', "export const q = 'INSERT INTO outbox (id) VALUES (?)';\n"],
    ['core/fixture.ts', "export const q = 'BEGIN EXCLUSIVE';\n"],
    ['core/fixture.ts', "export const check = 'PRAGMA integrity_check';\n"],
    ['core/fixture.ts', 'export const quick = `PRAGMA quick_check`;\n'],
    ['renderer/src/fixture.ts', 'export const q = `CREATE TABLE t (id TEXT)`;\n'],
  ])('refuses SQL outside db/ in %s', async (filePath, code) => {
    expect(await sqlErrors(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['db/local/fixture.ts', select],
    ['db/store/fixture.ts', select],
    ['core/fixture.test.ts', select],
    ['renderer/src/fixture.ts', "export const isField = (tag: string) => tag === 'INPUT' || tag === 'SELECT';\n"],
    ['core/fixture.ts', "export const q = 'Select a counter from the list, then update its terminal.';\n"],
    ['db/local/fixture.ts', "export const check = 'PRAGMA integrity_check';\n"],
  ])('allows %s its strings', async (filePath, code) => {
    expect(await sqlErrors(filePath, code)).toEqual([]);
  });
});
