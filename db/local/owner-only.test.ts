import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOwnerOnlyFile } from './owner-only';

const posixOnly = process.platform === 'win32' ? it.skip : it;
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('owner-only files', () => {
  let parent: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'counter-modes-'));
  });

  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  posixOnly('createOwnerOnlyFile makes a new file 0600 and tightens an existing one', () => {
    const fresh = join(parent, 'fresh.db');
    createOwnerOnlyFile(fresh);
    expect(modeOf(fresh)).toBe(0o600);
    const loose = join(parent, 'loose.db');
    writeFileSync(loose, 'kept');
    chmodSync(loose, 0o666);
    createOwnerOnlyFile(loose);
    expect(modeOf(loose)).toBe(0o600);
    expect(statSync(loose).size).toBe(4);
  });
});
