import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { memoryDatabaseEachTest, schemaNames } from '../../../testkit/db';
import { namedCashierIndex } from './032_named_cashier_index';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(namedCashierIndex);

describe('migration 032: the invoices that name their cashier', () => {
  it('indexes only the invoices that name one, keeping the data', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position));
    db.exec(`
      INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', 1);
      INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, created_at, cashier)
        VALUES ('i1', 'A-000001', 'c1', '[]', 100, 'INR', 1, NULL), ('i2', 'A-000002', 'c1', '[]', 100, 'INR', 2, 'Asha');`);
    const before = db.prepare('SELECT * FROM invoices ORDER BY id').all();

    migrate(db, MIGRATIONS.slice(0, position + 1));

    expect(schemaVersion(db)).toBe(position + 1);
    expect(schemaNames(db, 'index')).toContain('invoices_named_cashier');
    expect(db.prepare('SELECT * FROM invoices ORDER BY id').all()).toEqual(before);
    const named = db.prepare<[], { id: string }>('SELECT id FROM invoices INDEXED BY invoices_named_cashier WHERE cashier IS NOT NULL').all();
    expect(named).toEqual([{ id: 'i2' }]);
  });
});
