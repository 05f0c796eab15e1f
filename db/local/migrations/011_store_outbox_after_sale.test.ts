import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

const LEDGER = `
  INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
  INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i1', 'A-1', 'c1', '[]', 500, 'INR', 1);
  INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i2', 'A-2', 'c1', '[]', 300, 'INR', 1);
  INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, payment_id, created_at, updated_at, final_at)
    VALUES ('a1', 'i1', 'c1', 'T1', 500, 'INR', 'card', 'succeeded', 'P1', 1, 1, 1);
  INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at)
    VALUES ('r1', 'a1', 'i1', 'c1', 'P1', 200, 'INR', 'others', 'k1', 'creating', 2, 2);
  INSERT INTO refund_events (refund_id, at, to_state, actor, reason) VALUES ('r1', 2, 'creating', 'manager', 'asked');
  INSERT INTO tenders (id, invoice_id, counter_id, kind, amount_minor, tendered_minor, change_minor, currency, created_at, updated_at)
    VALUES ('t1', 'i2', 'c1', 'cash', 300, 500, 200, 'INR', 3, 3);`;

const queued = (db: Database.Database) =>
  (db.prepare('SELECT table_name, row_id FROM store_outbox ORDER BY seq').all() as { table_name: string; row_id: string }[]).map((r) => `${r.table_name}:${r.row_id}`);

describe('migration 011: the outbox ships refunds, cash, closes and corrections', () => {
  it('applies to a version 10 database of a PC of its own: nothing is queued, then or after', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 10));
    db.exec(LEDGER);
    migrate(db, MIGRATIONS.slice(0, 11));
    expect(schemaVersion(db)).toBe(11);
    db.exec("UPDATE refunds SET state = 'failed', final_at = 4 WHERE id = 'r1'");
    expect(queued(db)).toEqual([]);
  });

  it('a PC already in a store queues the rows it has, after what was queued, then every change in the writing transaction', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 10));
    db.exec("INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1);");
    db.exec(LEDGER);
    const before = queued(db);
    expect(before).toEqual(['invoices:i1', 'invoices:i2', 'charge_attempts:a1']);
    migrate(db, MIGRATIONS.slice(0, 11));
    expect(queued(db)).toEqual([...before, 'refunds:r1', 'refund_events:1', 'tenders:t1']);

    db.exec(`
      UPDATE refunds SET state = 'failed', final_at = 4 WHERE id = 'r1';
      INSERT INTO day_closes (id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at)
        VALUES ('d1', '2025-01-14', 100, 200, 'Asha', 0, '{}', 5, 5);
      INSERT INTO corrections (id, day, closed_day, record_kind, record_id, counter_id, invoice_number, from_state, to_state, amount_minor, detail, created_at, updated_at)
        VALUES ('x1', '2025-01-15', '2025-01-14', 'charge', 'a9', 'c1', 'A-9', 'unresolved', 'succeeded', 700, 'late', 6, 6);`);
    expect(queued(db).slice(-3)).toEqual(['refunds:r1', 'day_closes:d1', 'corrections:x1']);
    const refund = db.prepare("SELECT row_json FROM store_outbox WHERE table_name = 'refunds' ORDER BY seq DESC LIMIT 1").get() as { row_json: string };
    expect(JSON.parse(refund.row_json)).toMatchObject({ id: 'r1', state: 'failed', final_at: 4, amount_minor: 200 });
    expect(() =>
      db.transaction(() => {
        db.exec("INSERT INTO refund_events (refund_id, at, from_state, to_state, actor, reason) VALUES ('r1', 7, 'failed', 'failed', 'poller', 'again')");
        throw new Error('the write failed after the insert');
      })(),
    ).toThrow(/write failed/);
    expect(queued(db).at(-1)).toBe('corrections:x1');
  });
});
