import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest, schemaNames } from '../../../testkit/db';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();

describe('migration 010: store outbox', () => {
  it('applies to a version 9 database with a ledger: nothing is queued until the PC joins a store', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 9));
    db.exec(`
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i1', 'A-1', 'c1', '[]', 500, 'INR', 1);`);

    migrate(db, MIGRATIONS.slice(0, 10));

    expect(schemaVersion(db)).toBe(10);
    expect(schemaNames(db, 'table')).toEqual(expect.arrayContaining(['store_outbox', 'store_link']));
    db.exec("UPDATE invoices SET status = 'void' WHERE id = 'i1'");
    expect(db.prepare('SELECT count(*) AS n FROM store_outbox').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT status FROM invoices WHERE id = 'i1'").get()).toEqual({ status: 'void' });
  });

  it('queues each change of a joined PC in the same transaction: a change rolled back queues nothing', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 10));
    db.exec(`
      INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1);
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);`);
    expect(() =>
      db.transaction(() => {
        db.exec("INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i1', 'A-1', 'c1', '[]', 500, 'INR', 1)");
        throw new Error('the write failed after the insert');
      })(),
    ).toThrow(/write failed/);
    expect(db.prepare('SELECT count(*) AS n FROM store_outbox').get()).toEqual({ n: 0 });
    db.exec("INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i1', 'A-1', 'c1', '[]', 500, 'INR', 1)");
    expect(db.prepare('SELECT table_name, row_id FROM store_outbox').all()).toEqual([{ table_name: 'invoices', row_id: 'i1' }]);
  });

  it('ships an attempt’s hold (migration 005): held, and when it ends', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, 10));
    db.exec(`
      INSERT INTO store_link (singleton, store_id, station_id, epoch, joined_at) VALUES (1, 's1', 'pc1', 'e1', 1);
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at) VALUES ('i1', 'A-1', 'c1', '[]', 500, 'INR', 1);
      INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, created_at, updated_at, hold_until)
        VALUES ('a1', 'i1', 'c1', 'T1', 500, 'INR', 'card', 'unknown', 1, 1, 5000);
      UPDATE charge_attempts SET hold_ended_at = 3000 WHERE id = 'a1';`);
    const shipped = db.prepare("SELECT row_json FROM store_outbox WHERE table_name = 'charge_attempts' ORDER BY seq").all() as { row_json: string }[];
    expect(shipped.map((row) => JSON.parse(row.row_json) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ id: 'a1', hold_until: 5000, hold_ended_at: null }),
      expect.objectContaining({ id: 'a1', hold_until: 5000, hold_ended_at: 3000 }),
    ]);
  });
});
