import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** A hash of every row of every table: equal fingerprints mean nothing was written. */
export function databaseFingerprint(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    for (const { name } of tables) {
      hash.update(name);
      const rows = db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row));
      hash.update(rows.sort().join('\n'));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
