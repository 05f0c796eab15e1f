import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** A hash of every row of every table: equal fingerprints mean nothing was written. */
export function databaseFingerprint(file: string): string {
  const reader = openFingerprintReader(file);
  try {
    return reader.take();
  } finally {
    reader.close();
  }
}

export interface FingerprintReader {
  /** The schema and every row of every table, read in one snapshot. */
  take(): string;
  close(): void;
}

/**
 * One read-only connection kept open for many fingerprints of the same file (a property test takes
 * thousands): opening a connection and parsing the schema costs far more than reading the rows. The
 * schema's version is part of the fingerprint, so a table made or dropped between two takes changes it.
 * Not for a file that is replaced on disk (a restore): the connection keeps reading the old one.
 */
export function openFingerprintReader(file: string): FingerprintReader {
  const db = new Database(file, { readonly: true });
  const schemaVersion = db.prepare<[], number>('PRAGMA schema_version').pluck();
  const tableNames = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck();
  let readsOfVersion = -1;
  let tableReads: [string, Database.Statement][] = [];
  const take = db.transaction((): string => {
    const version = schemaVersion.get() ?? 0;
    if (version !== readsOfVersion) {
      tableReads = tableNames.all().map((name) => [name, db.prepare(`SELECT * FROM "${name}"`)]);
      readsOfVersion = version;
    }
    const hash = createHash('sha256');
    hash.update(`schema ${version}`);
    for (const [name, read] of tableReads) {
      hash.update(name);
      const rows = read.all().map((row) => JSON.stringify(row));
      hash.update(rows.sort().join('\n'));
    }
    return hash.digest('hex');
  });
  return { take: () => take(), close: () => db.close() };
}
