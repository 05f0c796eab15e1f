// SQLite's own checks of a database file: integrity_check reads every page and cross-checks every
// index; quick_check reads every page (about 25 times faster). Off the main thread, the statements
// run in core/maintenance/sqlite-worker.ts.
import Database from 'better-sqlite3';

type Row = Record<string, unknown>;

export type IntegrityDepth = 'full' | 'quick';

export interface IntegrityReport {
  ok: boolean;
  /** SQLite's answer: ['ok'], or up to 100 descriptions of what is wrong. */
  findings: string[];
}

export const INTEGRITY_PRAGMA: Record<IntegrityDepth, string> = { full: 'PRAGMA integrity_check', quick: 'PRAGMA quick_check' };

/** The rows of an integrity pragma as a report. */
export function integrityReport(rows: Row[]): IntegrityReport {
  const findings = rows.map((row) => String(Object.values(row)[0]));
  return { ok: findings.length === 1 && findings[0] === 'ok', findings };
}

/**
 * The check on the calling thread, for when nothing else runs yet (start-up, the restore command);
 * a file that cannot be opened as a database is reported as not ok.
 */
export function checkIntegrityNow(file: string, depth: IntegrityDepth): IntegrityReport {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return integrityReport(db.prepare<[], Row>(INTEGRITY_PRAGMA[depth]).all());
  } catch (error) {
    return { ok: false, findings: [error instanceof Error ? error.message : String(error)] };
  } finally {
    db?.close();
  }
}
