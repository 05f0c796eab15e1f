import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caught, makeCounter, makeInvoice, markInProgress, tempDatabaseEachTest, startAttempt, succeedAttempt, T0 } from '../../testkit/db';
import { openDatabase, type Db } from './database';
import { RefundExceedsPaymentError } from './errors';
import { linkOutbox, OUTBOX_TABLES } from './outbox';
import { insertCreatingRefund, transitionRefund } from './refunds';
import { markRestored, NotRelearnedError, relearnMark, relearnOwnRows, RELEARN_MARGIN_MS, type LearntRows } from './relearn';
import { settleInCash } from './tenders';

const temp = tempDatabaseEachTest();
const RESTORED_AT = T0 + 60_000;

function rowsOf(db: Db): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(OUTBOX_TABLES.map((table) => [table.table, db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.table} ORDER BY rowid`).all() as Record<string, unknown>[]]));
}

/** A PC of a store with a paid sale of ₹100.50 and an open invoice; the backup is its copy at that moment. */
function backupAndLater(db: Db) {
  linkOutbox(db, { storeId: 's1', stationId: 'pc1', epoch: 'e1', joinedAt: T0 });
  const counter = makeCounter(db);
  const paid = succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter))));
  if (!paid) throw new Error('not paid');
  const open = makeInvoice(db, counter, { totalMinor: 2_000 });
  const file = join(temp.filePath, '..', `backup-${String(Date.now())}.db`);
  db.exec(`VACUUM INTO '${file}'`);
  const backup = openDatabase(file);
  // After the backup: a refund of ₹60.00 and the open invoice paid in cash.
  const refund = insertCreatingRefund(db, { attemptId: paid.id, amountMinor: 6_000, reason: 'others', note: null, requestKey: 'k1', at: T0 + 10_000, actor: 'manager' }).refund;
  transitionRefund(db, { refundId: refund.id, from: ['creating'], to: 'succeeded', zohoRefundId: 'R1', at: T0 + 11_000, actor: 'zoho', reason: 'succeeded' });
  settleInCash(db, { invoiceId: open.id, counterId: counter.id, tenderedMinor: 2_000, at: T0 + 12_000 });
  return { backup, paid, open, counter, store: rowsOf(db) };
}

describe('re-learning after a restore', () => {
  it('the restore holds money on the sales the backup has: refunds, charges and cash are refused, naming the field, until re-learnt', () => {
    const { backup, paid, open, counter } = backupAndLater(temp.db);
    markRestored(backup, RESTORED_AT);
    expect(relearnMark(backup)).toEqual({ restoredAt: RESTORED_AT, since: T0 + 5_000 - RELEARN_MARGIN_MS });
    const before = rowsOf(backup);
    const refused = caught(() => insertCreatingRefund(backup, { attemptId: paid.id, amountMinor: 100, reason: 'others', note: null, requestKey: 'k2', at: RESTORED_AT, actor: 'manager' }), NotRelearnedError);
    expect(refused).toMatchObject({ code: 'conflict', field: 'attemptId', message: expect.stringMatching(/restored from a backup/) as string });
    expect(caught(() => settleInCash(backup, { invoiceId: open.id, counterId: counter.id, tenderedMinor: 2_000, at: RESTORED_AT }), NotRelearnedError).field).toBe('invoiceId');
    expect(caught(() => startAttempt(backup, open, { at: RESTORED_AT }), NotRelearnedError).field).toBe('invoiceId');
    expect(rowsOf(backup)).toEqual(before);
    // A sale made after the restore is not held.
    expect(startAttempt(backup, makeInvoice(backup, counter, { createdAt: RESTORED_AT + 1 }), { at: RESTORED_AT + 1 }).state).toBe('creating');
  });

  it('writes the store’s rows the restored file lacks or holds older, then money moves again, counting what happened after the backup', () => {
    const { backup, paid, store } = backupAndLater(temp.db);
    markRestored(backup, RESTORED_AT);
    const outcome = relearnOwnRows(backup, store);
    expect(outcome.skipped).toEqual([]);
    expect(rowsOf(backup)).toEqual(store);
    expect(relearnMark(backup)).toBeNull();
    const beyond = caught(() => insertCreatingRefund(backup, { attemptId: paid.id, amountMinor: 4_051, reason: 'others', note: null, requestKey: 'k2', at: RESTORED_AT, actor: 'manager' }), RefundExceedsPaymentError);
    expect(beyond.leftMinor).toBe(4_050);
  });

  it('a row the ledger’s rules refuse is skipped and named; the rest is written', () => {
    const { backup, store } = backupAndLater(temp.db);
    markRestored(backup, RESTORED_AT);
    const broken: LearntRows = { ...store, corrections: [{ id: 'x1', day: '2025-01-16', closed_day: '2025-01-15', record_kind: 'charge', record_id: 'a9', counter_id: 'c9', invoice_number: 'A-9', from_state: 'unknown', to_state: 'succeeded', amount_minor: 1, payment_id: null, detail: 'no close of that day here', created_at: T0, updated_at: T0 }] };
    const outcome = relearnOwnRows(backup, broken);
    expect(outcome.skipped).toEqual([{ table: 'corrections', id: 'x1' }]);
    expect(rowsOf(backup)).toEqual(store);
  });
});
