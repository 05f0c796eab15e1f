import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/local/database';
import { migrate, schemaVersion } from '../../db/local/migrate';
import { MIGRATIONS } from '../../db/local/migrations';
import { damagePages } from '../../testkit/damage';
import { makePaidSales } from '../../testkit/db';
import { silentLogger } from '../logger';
import { listBackups } from './backups';
import { DatabaseDamagedError } from './damaged-database';
import { openCheckedDatabase } from './open-checked';

let dir: string;
let file: string;
const options = { now: () => new Date(2026, 10, 29, 9, 15, 0).getTime(), log: silentLogger };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'counter-open-'));
  file = join(dir, 'counter.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A closed counter.db with `n` paid sales. */
function fill(n: number): void {
  const db = openDatabase(file);
  makePaidSales(db, n);
  closeDatabase(db);
}

describe('opening a mode\'s database', () => {
  it('backs the file up as it is before migrating it, and not otherwise', async () => {
    const latest = MIGRATIONS.length;
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, latest - 1));
    old.prepare("INSERT INTO settings (key, value) VALUES ('poll_interval_seconds', '7')").run();
    old.close();

    const db = await openCheckedDatabase(file, options);
    expect(schemaVersion(db)).toBe(latest);
    closeDatabase(db);
    const [backup, ...others] = listBackups(join(dir, 'backups'), 'counter');
    expect(others).toEqual([]);
    expect(backup?.fileName).toBe(`counter-20261129-091500-before-v${latest}.db`);
    const copy = new Database(backup?.path ?? '', { readonly: true });
    expect(schemaVersion(copy)).toBe(latest - 1);
    expect(copy.prepare('SELECT value FROM settings').pluck().get()).toBe('7');
    copy.close();

    // Already current, or brand new: nothing to back up.
    closeDatabase(await openCheckedDatabase(file, options));
    closeDatabase(await openCheckedDatabase(join(dir, 'demo.db'), options));
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  });

  it('refuses a damaged file, naming its newest backup and the command that restores it', async () => {
    fill(1500);
    mkdirSync(join(dir, 'backups'));
    for (const name of ['counter-20261127-120000.db', 'counter-20261128-120000.db', 'demo-20261129-120000.db']) writeFileSync(join(dir, 'backups', name), '');
    damagePages(file);

    const refused = await openCheckedDatabase(file, options).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseDamagedError);
    const error = refused as DatabaseDamagedError;
    expect(error.backup?.fileName).toBe('counter-20261128-120000.db');
    expect(error.message).toContain('The payment database counter.db is damaged, so Counter will not open it');
    expect(error.message).toContain('The newest good backup is counter-20261128-120000.db, taken 28 Nov 2026, 12:00');
    expect(error.message).toContain(`npm run restore -- --data-dir "${dir}" --backup "${join(dir, 'backups', 'counter-20261128-120000.db')}"`);
  });

  it('refuses a file that is not a database at all, and says when there is no backup', async () => {
    writeFileSync(file, 'x'.repeat(10_000));
    const refused = await openCheckedDatabase(file, options).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseDamagedError);
    expect((refused as Error).message).toMatch(/counter\.db is damaged.*file is not a database.*There is no backup of it in .*backups\. Keep the file for support/s);
  });
});
