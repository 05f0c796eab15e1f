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
  // The statement was prepared from this exact SQL text; the caller's types describe its bindings.
  return once(cache, db, sql, () => db.prepare(sql)) as unknown as Database.Statement<Params, Row>;
}

/** A read that answers raw arrays, and its columns' names. */
interface RawRead {
  statement: Database.Statement<[object], unknown[]>;
  names: string[];
}

const rawCache = new WeakMap<Db, Map<string, RawRead>>();

function rawRead(db: Db, sql: string): RawRead {
  return once(rawCache, db, sql, () => {
    const raw = db.prepare<[object], unknown[]>(sql).raw(true);
    return { statement: raw, names: raw.columns().map((column) => column.name) };
  });
}

/**
 * Every row of a read with named (`@name`) values as SQLite's raw arrays, a value per selected
 * column in its order: for reads of thousands of rows that a caller turns into what it needs
 * (the day's CSV), with no object per row in between.
 */
export function rawRows<Row extends readonly unknown[]>(db: Db, sql: string, params: object): Row[] {
  // The statement was prepared from this exact SQL text; the caller's tuple type describes its columns.
  return rawRead(db, sql).statement.all(params) as unknown as Row[];
}

/**
 * Every row of a read with named (`@name`) values, as objects made here from SQLite's raw arrays:
 * for reads of thousands of wide rows (a page of the day's cash sales). better-sqlite3 makes each row's
 * object a column at a time through V8's API: 5,000 attempts of 29 columns and their invoices took
 * 489 ms that way against 133 ms made here, with SQLite's own part 61 ms (load 7; docs/BENCHMARKS.md).
 */
export function allRows<Row>(db: Db, sql: string, params: object): Row[] {
  const { statement, names } = rawRead(db, sql);
  const rows = statement.all(params);
  const objects = new Array<Row>(rows.length);
  for (let r = 0; r < rows.length; r += 1) {
    const values = rows[r] ?? [];
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i += 1) row[names[i] ?? ''] = values[i];
    objects[r] = row as Row;
  }
  return objects;
}

/** The connection's entry for `sql` in `byDb`, made once. */
function once<T>(byDb: WeakMap<Db, Map<string, T>>, db: Db, sql: string, make: () => T): T {
  let bySql = byDb.get(db);
  if (!bySql) {
    bySql = new Map();
    byDb.set(db, bySql);
  }
  let entry = bySql.get(sql);
  if (entry === undefined) {
    entry = make();
    bySql.set(sql, entry);
  }
  return entry;
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
