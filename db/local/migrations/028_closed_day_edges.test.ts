import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { expectAppliesKeepingInvoices, memoryDatabaseEachTest, T0 } from '../../../testkit/db';
import { dismissSetAside, getSetAside, listSetAside, recordSetAside } from '../set-aside';
import { closedDayEdges } from './028_closed_day_edges';
import { MIGRATIONS } from './index';

const memory = memoryDatabaseEachTest();
const position = MIGRATIONS.indexOf(closedDayEdges);

describe('migration 028: closed days and set-aside rows at the store’s edges', () => {
  it('applies to the database before it, keeping its data and the rows set aside', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position));
    recordSetAside(memory.db, { at: 100, kind: 'review', recordId: 'a1', detail: 'A check of a1 could not be recorded.' });
    expectAppliesKeepingInvoices(memory.db, closedDayEdges);
    expect(listSetAside(memory.db, 0, 10).map((row) => [row.at, row.kind, row.recordId])).toEqual([[100, 'review', 'a1']]);
  });

  it('a change the store refused is kept; a dismissed entry leaves the list with who and when, once, and is never deleted or changed', () => {
    migrate(memory.db, MIGRATIONS.slice(0, position + 1));
    recordSetAside(memory.db, { at: 100, kind: 'ship', recordId: 'tenders:t1', detail: 'The store refused it.' });
    const [entry] = listSetAside(memory.db, 0, 10);
    const id = entry?.id ?? 0;
    expect(dismissSetAside(memory.db, { id, by: 'Asha', at: 200 })).toBe(true);
    expect(listSetAside(memory.db, 0, 10)).toEqual([]);
    expect(getSetAside(memory.db, id)).toMatchObject({ kind: 'ship', recordId: 'tenders:t1', dismissedAt: 200, dismissedBy: 'Asha' });
    expect(dismissSetAside(memory.db, { id, by: 'Ravi', at: 300 })).toBe(false);
    expect(() => memory.db.prepare('UPDATE link_set_aside SET dismissed_by = ? WHERE id = ?').run('Ravi', id)).toThrow(/already dismissed/);
    expect(() => memory.db.prepare('UPDATE link_set_aside SET detail = ? WHERE id = ?').run('other', id)).toThrow(/never changes/);
    expect(() => memory.db.prepare('DELETE FROM link_set_aside').run()).toThrow(/never deleted/);
    expect(() => memory.db.prepare("INSERT INTO link_set_aside (at, kind, record_id, detail, dismissed_at) VALUES (1, 'ship', 'x', 'y', 5)").run()).toThrow(/CHECK constraint/);
  });

  it('a refund of a closed day may be marked as needing a manager’s decision, and changes in no other way', () => {
    const { db } = memory;
    migrate(db, MIGRATIONS.slice(0, position + 1));
    db.prepare("INSERT INTO counters (id, name, terminal_id, invoice_prefix, created_at) VALUES ('c1', 'Counter 1', 'T1', 'A-', ?)").run(T0);
    db.prepare("INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at, paid_at, payment_id) VALUES ('i1', 'A-1', 'c1', '[]', 10000, 'INR', 'paid', ?, ?, 'P1')").run(T0, T0);
    db.prepare(
      `INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, payments_session_id, payment_id, created_at, updated_at, final_at)
       VALUES ('a1', 'i1', 'c1', 'T1', 10000, 'INR', 'card', 'succeeded', 'S1', 'P1', ?, ?, ?)`,
    ).run(T0, T0, T0);
    db.prepare(
      `INSERT INTO refunds (id, attempt_id, invoice_id, counter_id, payment_id, amount_minor, currency, reason, request_key, state, created_at, updated_at)
       VALUES ('r1', 'a1', 'i1', 'c1', 'P1', 5000, 'INR', 'others', 'key-00001', 'unknown', ?, ?)`,
    ).run(T0 + 10, T0 + 10);
    db.prepare("INSERT INTO day_closes (id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at) VALUES ('d1', '2025-01-15', ?, ?, 'Asha', 0, '{}', ?, ?)").run(T0 - 1, T0 + 1000, T0 + 1000, T0 + 1000);

    db.prepare("UPDATE refunds SET failure_reason = 'needs_review', failure_message = 'Check Zoho’s dashboard.' WHERE id = 'r1'").run();
    expect(db.prepare("SELECT state, failure_reason FROM refunds WHERE id = 'r1'").get()).toEqual({ state: 'unknown', failure_reason: 'needs_review' });
    expect(() => db.prepare("UPDATE refunds SET state = 'succeeded' WHERE id = 'r1'").run()).toThrow(/day_closed/);
    expect(() => db.prepare("UPDATE refunds SET zoho_refund_id = 'Z1' WHERE id = 'r1'").run()).toThrow(/day_closed/);
    expect(() => db.prepare("UPDATE refunds SET failure_reason = 'other' WHERE id = 'r1'").run()).toThrow(/day_closed/);
  });
});
