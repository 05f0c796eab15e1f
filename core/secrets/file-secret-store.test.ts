import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from './file-secret-store';

const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('FileSecretStore', () => {
  let folder: string;
  let filePath: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'counter-secrets-'));
    filePath = join(folder, 'nested', 'secrets.json');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads null when nothing is stored', async () => {
    expect(await new FileSecretStore(filePath).read()).toBeNull();
  });

  it('writes, reads back, overwrites and clears', async () => {
    const store = new FileSecretStore(filePath);
    await store.write('{"clientSecret":"one"}');
    expect(await store.read()).toBe('{"clientSecret":"one"}');
    await store.write('two');
    expect(await new FileSecretStore(filePath).read()).toBe('two');
    await store.clear();
    expect(await store.read()).toBeNull();
    await expect(store.clear()).resolves.toBeUndefined();
  });

  posixOnly('creates the file 0600 in a 0700 folder', async () => {
    await new FileSecretStore(filePath).write('secret');
    expect(statSync(filePath).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, 'nested')).mode & 0o777).toBe(0o700);
  });

  posixOnly('replaces a world-readable file with an owner-only one', async () => {
    const loosePath = join(folder, 'loose.json');
    writeFileSync(loosePath, 'old');
    chmodSync(loosePath, 0o644);
    await new FileSecretStore(loosePath).write('secret');
    expect(statSync(loosePath).mode & 0o777).toBe(0o600);
  });

  it('is atomic: readers during many writes only ever see a whole value', async () => {
    const store = new FileSecretStore(filePath);
    const values = Array.from({ length: 30 }, (_, i) => `${i}:${'x'.repeat(200_000)}`);
    await store.write(values[0] ?? '');
    const seen: (string | null)[] = [];
    await Promise.all([...values.map((value) => store.write(value)), ...values.map(async () => seen.push(await store.read()))]);
    for (const value of seen) expect(values).toContain(value);
    expect(readdirSync(join(folder, 'nested'))).toEqual(['secrets.json']);
  });

  it('cleans up its temporary file when the final rename fails', async () => {
    const target = join(folder, 'is-a-folder');
    writeFileSync(join(folder, 'keep'), '');
    await new FileSecretStore(join(target, 'x')).write('inside');
    await expect(new FileSecretStore(target).write('new')).rejects.toThrow();
    expect(readdirSync(folder).sort()).toEqual(['is-a-folder', 'keep']);
  });
});
