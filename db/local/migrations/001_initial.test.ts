import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ATTEMPT_STATES,
  CURRENCIES,
  FINAL_STATES,
  INVOICE_STATUSES,
  LIVE_STATES,
  PAYMENT_METHODS,
} from '../../../contract/vocabulary';
import { migrate, schemaVersion } from '../migrate';
import { sqlLiterals } from '../statements';
import { memoryDatabaseEachTest, schemaNames } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const UP_TO_001 = MIGRATIONS.slice(0, 1);

const memory = memoryDatabaseEachTest();
let db: Database.Database;
beforeEach(() => {
  db = memory.db;
});

function insertCounterAndInvoice(): void {
  db.exec(`
    INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
    INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at)
      VALUES ('i1', 'A-000001', 'c1', '[]', 100, 'INR', 1);`);
}

/** Inserts an attempt on an invoice and terminal of its own, so live states never collide. */
function insertAttempt(id: string, state: string): void {
  db.prepare(
    `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES (?, ?, 'c1', '[]', 100, 'INR', 1)`,
  ).run(`i-${id}`, `N-${id}`);
  const finalAt = (FINAL_STATES as readonly string[]).includes(state) ? 1 : null;
  const sessionId = state === 'in_progress' ? `S-${id}` : null;
  db.prepare(
    `INSERT INTO charge_attempts
       (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, payments_session_id,
        final_at, created_at, updated_at)
     VALUES (?, ?, 'c1', ?, 100, 'INR', 'card', ?, ?, ?, 1, 1)`,
  ).run(id, `i-${id}`, `T-${id}`, state, sessionId, finalAt);
}

describe('migration 001: initial schema', () => {
  it('applies to an empty database', () => {
    migrate(db, UP_TO_001);
    expect(schemaVersion(db)).toBe(1);
    expect(schemaNames(db, 'table')).toEqual(['attempt_events', 'charge_attempts', 'counters', 'invoices', 'settings']);
    expect(schemaNames(db, 'index')).toEqual([
      'attempt_events_attempt',
      'charge_attempts_invoice_created',
      'charge_attempts_live_invoice',
      'charge_attempts_live_terminal',
      'counters_active_invoice_prefix',
      'counters_active_terminal',
      'invoices_counter_created',
    ]);
    expect(schemaNames(db, 'trigger')).toEqual([
      'attempt_events_no_delete',
      'attempt_events_no_update',
      'charge_attempts_final_is_final',
      'charge_attempts_never_deleted',
      'charge_attempts_request_immutable',
      'charge_attempts_session_id_set_once',
      'invoices_billed_fields_immutable',
      'invoices_paid_is_final',
    ]);
  });

  describe('its frozen copies of the domain vocabulary match contract/domain.ts', () => {
    beforeEach(() => {
      migrate(db, UP_TO_001);
      insertCounterAndInvoice();
    });

    it('the live-payment indexes cover exactly LIVE_STATES', () => {
      const indexSql = db
        .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name LIKE 'charge_attempts_live_%'")
        .all()
        .map((row) => row.sql.replace(/\s+/g, ' '));
      expect(indexSql).toHaveLength(2);
      for (const sql of indexSql) expect(sql).toMatch(new RegExp(`WHERE state IN \\(${sqlLiterals(LIVE_STATES)}\\)$`));
    });

    it('accepts every attempt state, and only those', () => {
      ATTEMPT_STATES.forEach((state) => insertAttempt(`a-${state}`, state));
      expect(() => insertAttempt('a-bogus', 'pending')).toThrow(/CHECK constraint failed/);
    });

    it('keeps exactly the FINAL_STATES from changing', () => {
      for (const state of ATTEMPT_STATES) {
        insertAttempt(`a-${state}`, state);
        const leave = (): unknown =>
          db.prepare("UPDATE charge_attempts SET state = 'unknown', final_at = NULL WHERE id = ?").run(`a-${state}`);
        if ((FINAL_STATES as readonly string[]).includes(state)) expect(leave).toThrow(/final state cannot change/);
        else expect(leave).not.toThrow();
      }
    });

    it('accepts every invoice status, currency and payment method, and only those', () => {
      const setInvoice = (column: string, value: string): unknown =>
        db.prepare(`UPDATE invoices SET ${column} = ?, paid_at = ? WHERE id = 'i1'`).run(value, value === 'paid' ? 1 : null);
      for (const status of INVOICE_STATUSES.filter((s) => s !== 'paid')) expect(() => setInvoice('status', status)).not.toThrow();
      expect(() => setInvoice('status', 'paid')).not.toThrow();
      expect(() => setInvoice('status', 'refunded')).toThrow(/CHECK constraint failed|stays paid/);

      for (const [index, currency] of CURRENCIES.entries()) {
        db.prepare(
          `INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES (?, ?, 'c1', '[]', 1, ?, 1)`,
        ).run(`cur-${index}`, `N-${index}`, currency);
      }
      expect(() =>
        db.exec(`INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('x', 'X', 'c1', '[]', 1, 'EUR', 1)`),
      ).toThrow(/CHECK constraint failed/);

      const insertWithMethod = (id: string, method: string): unknown =>
        db
          .prepare(
            `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at)
             VALUES (?, 'i1', 'c1', ?, 100, 'INR', ?, 'unknown', 1, 1)`,
          )
          .run(id, `T-${id}`, method);
      for (const method of PAYMENT_METHODS) expect(() => insertWithMethod(`m-${method}`, method)).not.toThrow();
      expect(() => insertWithMethod('m-cash', 'cash')).toThrow(/CHECK constraint failed/);
    });
  });
});
