// Prepared statements cached per connection (SQLite parses each SQL text once), and the write
// transaction every multi-statement change runs in.
import type Database from 'better-sqlite3';

/** A connection to the app's SQLite file (opened by database.ts). */
export type Db = Database.Database;

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** `Params` is a tuple of positional values or one object of named (`@name`) values. */
export function prepared<Params extends unknown[] | object = unknown[], Row = unknown>(
  db: Db,
  sql: string,
): Database.Statement<Params, Row> {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  // The statement was prepared from this exact SQL text; the caller's types describe its bindings.
  return statement as unknown as Database.Statement<Params, Row>;
}

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so checks made
 * inside hold until commit even against other connections to the same file. Nested calls become
 * savepoints of the outer transaction.
 */
export function inWriteTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}

/**
 * Trusted constants (state names) as SQL string literals: `'creating', 'in_progress'`. Inlined
 * rather than bound so that SQLite can match a query to a partial index with the same WHERE.
 */
export function sqlLiterals(values: readonly string[]): string {
  return values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
}

/**
 * `column = @field, …` for the fields present in `changes`, with the matching named parameters:
 * partial updates without string-building at each call site. Columns come only from `columns`.
 */
export function assignments<Field extends string>(
  columns: Readonly<Record<Field, string>>,
  changes: Readonly<Partial<Record<Field, unknown>>>,
): { sql: string; params: Record<string, unknown> } {
  const present = (Object.keys(columns) as Field[]).filter((field) => changes[field] !== undefined);
  return {
    sql: present.map((field) => `${columns[field]} = @${field}`).join(', '),
    params: Object.fromEntries(present.map((field) => [field, changes[field]])),
  };
}
