import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint, openFingerprintReader } from './fingerprint';

describe('a kept fingerprint reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'counter-fingerprint-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sees another connection write a row, change a row and make a table, as a fresh read does', () => {
    const file = join(dir, 'f.db');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'a')");
    const reader = openFingerprintReader(file);
    const first = reader.take();
    expect(reader.take()).toBe(first);
    expect(databaseFingerprint(file)).toBe(first);

    writer.exec("UPDATE t SET v = 'b' WHERE id = 1");
    const changed = reader.take();
    expect(changed).not.toBe(first);
    expect(databaseFingerprint(file)).toBe(changed);

    writer.exec('CREATE TABLE u (id INTEGER PRIMARY KEY)');
    expect(reader.take()).not.toBe(changed);
    reader.close();
    writer.close();
  });
});
