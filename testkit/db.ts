// Database test support: real database files in a temporary directory, empty in-memory databases
// for migration tests (each also as a per-test fixture), and small builders for records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect } from 'vitest';
import type { AttemptState, PaymentMethod } from '../contract/vocabulary';
import type { ChargeAttempt, Counter, Invoice } from '../contract/records';
import { finalizeAttempt, insertCreatingAttempt, markSessionCreated } from '../db/local/attempts';
import type { NewCounter } from '../db/local/counters';
import { createCounter } from '../db/local/counters';
import { migrate, schemaVersion } from '../db/local/migrate';
import { MIGRATIONS, type Migration } from '../db/local/migrations/index';
import type { Db } from '../db/local/database';
import { closeDatabase, openDatabase } from '../db/local/database';
import { createInvoice } from '../db/local/invoices';

/** A fixed clock reading for tests: 2025-01-15 10:00:00 UTC. */
export const T0 = Date.UTC(2025, 0, 15, 10, 0, 0);

/** The shape of the ids the repositories generate. */
export const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface TempDatabase {
  filePath: string;
  db: Db;
  /** Another connection to the same file, as a second process would have. Closed by cleanup(). */
  connect: () => Db;
  cleanup: () => void;
}

export function createTempDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'counter-db-'));
  const filePath = join(dir, 'data', 'counter.sqlite');
  const connections: Db[] = [];
  const connect = (): Db => {
    const db = openDatabase(filePath);
    connections.push(db);
    return db;
  };
  return {
    filePath,
    db: connect(),
    connect,
    cleanup() {
      for (const db of connections) if (db.open) closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The temporary database of the test running now (see tempDatabaseEachTest). */
export type CurrentTempDatabase = Omit<TempDatabase, 'cleanup'>;

/**
 * A new temporary database for each test of the file (or describe block) that calls this, removed
 * after the test. Read `db`, `filePath` or `connect` inside a test or a later beforeEach.
 */
export function tempDatabaseEachTest(): CurrentTempDatabase {
  const current = eachTest(createTempDatabase, (temp) => temp.cleanup());
  return {
    get filePath() {
      return current().filePath;
    },
    get db() {
      return current().db;
    },
    connect: () => current().connect(),
  };
}

/** An empty SQLite database in memory with foreign keys on, as a migration test starts from (nothing applied). */
export function openMemoryDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

/** A new openMemoryDatabase() for each test of the file (or describe block) that calls this, closed after the test. */
export function memoryDatabaseEachTest(): { readonly db: Database.Database } {
  const current = eachTest(openMemoryDatabase, (db) => db.close());
  return {
    get db() {
      return current();
    },
  };
}

/** The names of the database's tables, indexes or triggers (not SQLite's own), sorted. */
export function schemaNames(db: Database.Database, type: 'table' | 'index' | 'trigger'): string[] {
  return db
    .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all(type)
    .map((row) => row.name);
}

/** Makes a value before each test and disposes of it after; the getter returns the running test's. */
function eachTest<T>(make: () => T, dispose: (value: T) => void): () => T {
  let value: T | null = null;
  beforeEach(() => {
    value = make();
  });
  afterEach(() => {
    if (value !== null) dispose(value);
    value = null;
  });
  return () => {
    if (value === null) throw new Error('This database exists only while a test runs.');
    return value;
  };
}

let serial = 0;

export function makeCounter(db: Db, overrides: Partial<NewCounter> = {}): Counter {
  serial += 1;
  return createCounter(db, {
    name: `Counter ${serial}`,
    terminalId: `T${serial}`,
    invoicePrefix: `C${serial}-`,
    createdAt: T0,
    ...overrides,
  });
}

export function makeInvoice(
  db: Db,
  counter: Counter,
  overrides: { totalMinor?: number; number?: string; createdAt?: number } = {},
): Invoice {
  const totalMinor = overrides.totalMinor ?? 10050;
  serial += 1;
  return createInvoice(db, {
    counterId: counter.id,
    number: overrides.number ?? `INV-${serial}`,
    lines: [{ description: 'Item', quantity: 1, unitPriceMinor: totalMinor }],
    totalMinor,
    currency: 'INR',
    createdAt: overrides.createdAt ?? T0,
  });
}

export function startAttempt(
  db: Db,
  invoice: Invoice,
  options: { counter?: Counter; method?: PaymentMethod; at?: number; reviewAcknowledged?: boolean } = {},
): ChargeAttempt {
  return insertCreatingAttempt(db, {
    invoiceId: invoice.id,
    counterId: options.counter?.id ?? invoice.counterId,
    method: options.method ?? 'card',
    at: options.at ?? T0,
    actor: 'cashier',
    ...(options.reviewAcknowledged === undefined ? {} : { reviewAcknowledged: options.reviewAcknowledged }),
  }).attempt;
}

/** creating → in_progress, as when Zoho has created session `sessionId` half a second after the attempt. */
export function markInProgress(db: Db, attempt: ChargeAttempt, sessionId = `S-${attempt.id}`): ChargeAttempt {
  const at = attempt.createdAt + 500;
  const moved = markSessionCreated(db, { attemptId: attempt.id, paymentsSessionId: sessionId, sessionCreatedAt: at, at });
  if (!moved) throw new Error(`Attempt ${attempt.id} was not creating.`);
  return moved;
}

/** Zoho's retrieve reports success, five seconds after the attempt was created. */
export function succeedAttempt(
  db: Db,
  attempt: ChargeAttempt,
  paymentId = `P-${attempt.id}`,
  from: readonly AttemptState[] = ['in_progress'],
): ChargeAttempt | null {
  const at = attempt.createdAt + 5000;
  return finalizeAttempt(db, {
    attemptId: attempt.id,
    from,
    to: 'succeeded',
    paymentId,
    paidMethod: 'visa',
    at,
    actor: 'poller',
    reason: 'paid',
  });
}

/** `count` paid sales on a new counter, in one transaction: a database with something in it. */
export function makePaidSales(db: Db, count: number): void {
  const counter = makeCounter(db);
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter))));
  })();
}

/** Zoho's retrieve reports failure, five seconds after the attempt was created. */
export function failAttempt(db: Db, attempt: ChargeAttempt, failureCode = 'declined'): ChargeAttempt | null {
  const at = attempt.createdAt + 5000;
  return finalizeAttempt(db, {
    attemptId: attempt.id,
    from: ['in_progress'],
    to: 'failed',
    failureCode,
    failureMessage: null,
    at,
    actor: 'poller',
    reason: 'failed',
  });
}

/** The error `action` throws, which must be a `type`: for asserting on typed errors' fields. */
export function caught<E extends Error>(action: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    action();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`Expected a ${type.name} to be thrown.`);
}

/**
 * Raw rows for migration tests, valid from version 4 on: counter c1 (terminal T1), invoice i1 of
 * ₹100.50 paid by attempt a1 (payment P1), and invoice i2 of ₹20.00 still open.
 */
export function insertPaidAttemptRows(db: Database.Database, at = T0): void {
  db.prepare(
    `INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', @at);`,
  ).run({ at });
  db.prepare(
    `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at, paid_at, payment_id)
     VALUES ('i1', 'A-1', 'c1', '[]', 10050, 'INR', 'paid', @at, @at, 'P1'), ('i2', 'A-2', 'c1', '[]', 2000, 'INR', 'open', @at, NULL, NULL)`,
  ).run({ at });
  db.prepare(
    `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state,
                                  payments_session_id, payment_id, created_at, updated_at, final_at)
     VALUES ('a1', 'i1', 'c1', 'T1', 10050, 'INR', 'card', 'succeeded', 'S1', 'P1', @at, @at, @at)`,
  ).run({ at });
}

/**
 * A migration applied to the database just before it, holding insertPaidAttemptRows: the version
 * moves to the migration's own (its place in MIGRATIONS), and the invoices are as they were.
 */
export function expectAppliesKeepingInvoices(db: Database.Database, migration: Migration): void {
  const position = MIGRATIONS.indexOf(migration);
  migrate(db, MIGRATIONS.slice(0, position));
  insertPaidAttemptRows(db);
  const before = db.prepare('SELECT * FROM invoices').all();
  migrate(db, MIGRATIONS.slice(0, position + 1));
  expect(schemaVersion(db)).toBe(position + 1);
  expect(position + 1).toBe(migration.version);
  expect(db.prepare('SELECT * FROM invoices').all()).toEqual(before);
}
