// Schema migrations, numbered from 1 and tracked in PRAGMA user_version.
import { DatabaseTooNewError } from './errors';
import type { Migration } from './migrations';
import { MIGRATIONS } from './migrations';
import { inWriteTransaction, type Db } from './statements';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in ONE transaction: a failure leaves the file exactly as it was.
 * `migrations` is for tests that stop at an older version; the app always uses them all.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  assertNumberedInOrder(migrations);
  const latest = migrations.length;
  inWriteTransaction(db, () => {
    // Read inside the write lock, so two processes opening the file at once cannot both migrate.
    const current = schemaVersion(db);
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    if (current === latest) return;
    for (const migration of migrations.slice(current)) db.exec(migration.sql);
    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new Error(`Migration to version ${latest} broke ${violations.length} foreign keys.`);
    db.pragma(`user_version = ${latest}`);
  });
}

function assertNumberedInOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" is numbered ${migration.version} but is at position ${index + 1}.`);
    }
  });
}
