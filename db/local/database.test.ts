import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getCounter } from './counters';
import { closeDatabase, PAGE_CACHE_KIB } from './database';
import { DatabaseTooNewError } from './errors';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { makeCounter, openMemoryDatabase, schemaNames, tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();

describe('openDatabase', () => {
  it('creates the file, in a directory it creates, with the durability pragmas', () => {
    const { db } = temp;
    expect(existsSync(temp.filePath)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  // A charge's write on a large file changes more pages than SQLite keeps of a statement journal in
  // memory (64 KB); it spilled into a temporary file, opened and deleted in every write (issue 25).
  it.runIf(process.platform === 'linux')('keeps a write’s statement journal in memory, however many pages it changes', () => {
    const { db } = temp;
    expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    db.exec(`CREATE TABLE bulk (x BLOB);
             INSERT INTO bulk SELECT randomblob(1000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n);`);
    const openTempFiles = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).includes('etilqs_');
      } catch {
        return false; // closed meanwhile (the listing's own descriptor)
      }
    });
    db.transaction(() => {
      // A savepoint, as a nested write-ahead makes: about 50 pages of 4 KB each to journal.
      db.transaction(() => db.exec('UPDATE bulk SET x = randomblob(1000)'))();
      expect(openTempFiles()).toEqual([]);
    }).immediate();
    expect(db.prepare('SELECT count(*) AS n FROM bulk').get()).toEqual({ n: 200 });
  });

  it('applies every migration to a new file', () => {
    expect(schemaVersion(temp.db)).toBe(MIGRATIONS.length);
  });

  it('reopens an existing file with its data and without migrating again', () => {
    const counter = makeCounter(temp.db);
    closeDatabase(temp.db);
    const reopened = temp.connect();
    expect(getCounter(reopened, counter.id)).toEqual(counter);
    expect(schemaVersion(reopened)).toBe(MIGRATIONS.length);
  });

  it('refuses a file written by a newer app, leaving it untouched', () => {
    closeDatabase(temp.db);
    const raw = new Database(temp.filePath);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();

    let refusal: unknown;
    try {
      temp.connect();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DatabaseTooNewError);
    expect(refusal).toMatchObject({ fileVersion: MIGRATIONS.length + 1, supportedVersion: MIGRATIONS.length });
    expect((refusal as Error).message).toMatch(/Update the app/);

    const after = new Database(temp.filePath);
    expect(schemaVersion(after)).toBe(MIGRATIONS.length + 1);
    after.close();
  });
});

describe('migrate', () => {
  it('applies all pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = openMemoryDatabase();
    const broken = { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE extra (id TEXT); SELECT * FROM missing_table;' };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(0);
    expect(schemaNames(db, 'table')).toEqual([]);
    db.close();
  });

  it('refuses migrations that are not numbered 1, 2, 3… in order', () => {
    const db = openMemoryDatabase();
    const [first] = MIGRATIONS;
    if (!first) throw new Error('there must be a first migration');
    expect(() => migrate(db, [{ ...first, version: 2 }])).toThrow(/numbered 2 but is at position 1/);
    db.close();
  });

  it('does nothing on a database that is up to date', () => {
    const db = openMemoryDatabase();
    migrate(db);
    const before = db.prepare("SELECT sql FROM sqlite_master ORDER BY name").all();
    migrate(db);
    expect(db.prepare("SELECT sql FROM sqlite_master ORDER BY name").all()).toEqual(before);
    db.close();
  });
});
