import { describe, expect, it } from 'vitest';
import { T0, makeCounter, makeInvoice, markInProgress, startAttempt, succeedAttempt, tempDatabaseEachTest } from '../../testkit/db';
import { refundCash } from './cash-refunds';
import { closeDay, recordCorrection } from './day-closes';
import { insertCreatingRefund } from './refunds';
import { settleInCash } from './tenders';
import { dropShipped, linkOutbox, OUTBOX_TABLES, outboxBacklog, outboxLength, peekOutbox, readOutboxLink, startNewShippingEpoch } from './outbox';

const temp = tempDatabaseEachTest();
const link = { storeId: 'store-1', stationId: 'pc-1', epoch: 'e1', joinedAt: 1 };

function paidSale(counter = makeCounter(temp.db)) {
  const invoice = makeInvoice(temp.db, counter);
  const attempt = succeedAttempt(temp.db, markInProgress(temp.db, startAttempt(temp.db, invoice)));
  if (!attempt) throw new Error('not settled');
  return { invoice, attempt };
}

describe('the store outbox', () => {
  it('queues the whole ledger when the PC joins, parents first, then every change in the order it was made', () => {
    const before = paidSale();
    expect(outboxLength(temp.db)).toBe(0);
    linkOutbox(temp.db, link);
    const backfill = peekOutbox(temp.db, 100);
    expect(backfill.map((e) => e.table)).toEqual(['invoices', 'charge_attempts', 'attempt_events', 'attempt_events', 'attempt_events']);
    expect(JSON.parse(backfill[1]?.rowJson ?? '{}')).toMatchObject({ id: before.attempt.id, state: 'succeeded', amount_minor: 10050 });

    const after = paidSale();
    const queued = peekOutbox(temp.db, 100).slice(backfill.length);
    expect(queued.map((e) => `${e.table}:${e.rowId === after.attempt.id || e.rowId === after.invoice.id ? 'new' : 'event'}`)).toEqual([
      'invoices:new', // the invoice
      'charge_attempts:new', // creating
      'attempt_events:event',
      'charge_attempts:new', // in_progress
      'attempt_events:event',
      'charge_attempts:new', // succeeded
      'invoices:new', // paid
      'attempt_events:event',
    ]);
    expect(JSON.parse(queued.at(-3)?.rowJson ?? '{}')).toMatchObject({ state: 'succeeded', payment_id: `P-${after.attempt.id}` });
  });

  it('ships every column: each queued row names exactly the columns its table has', () => {
    linkOutbox(temp.db, link);
    const counter = makeCounter(temp.db);
    const { invoice, attempt } = paidSale(counter);
    insertCreatingRefund(temp.db, { attemptId: attempt.id, amountMinor: 50, reason: 'others', note: null, requestKey: 'key-1', at: T0, actor: 'manager' });
    const unpaid = makeInvoice(temp.db, counter);
    settleInCash(temp.db, { invoiceId: unpaid.id, counterId: unpaid.counterId, tenderedMinor: unpaid.totalMinor, at: T0 });
    refundCash(temp.db, { invoiceId: unpaid.id, amountMinor: 1, reason: 'others', note: null, requestKey: 'key-cash-1', at: T0 });
    closeDay(temp.db, { day: '2025-01-14', fromMs: T0 - 86_400_000 * 2, toMs: T0 - 86_400_000, closedBy: 'Asha', awaitingReview: 0, summary: {}, at: T0 });
    recordCorrection(temp.db, {
      day: '2025-01-15', closedDay: '2025-01-14', recordKind: 'charge', recordId: 'late', counterId: invoice.counterId, invoiceNumber: invoice.number,
      fromState: 'unresolved', toState: 'succeeded', amountMinor: 100, paymentId: 'P-late', detail: 'Zoho said later', at: T0,
    });
    for (const table of OUTBOX_TABLES) {
      const columns = (temp.db.prepare(`PRAGMA table_info(${table.table})`).all() as { name: string }[]).map((c) => c.name).sort();
      const row = peekOutbox(temp.db, 100).find((e) => e.table === table.table);
      expect(Object.keys(JSON.parse(row?.rowJson ?? '{}') as object).sort(), table.table).toEqual(columns);
    }
  });

  it('tells how many changes wait after a point of the queue, and when the oldest of them was made (the store’s day close reads it)', () => {
    linkOutbox(temp.db, link);
    expect(outboxBacklog(temp.db)).toEqual({ count: 0, firstSeq: null, oldestAt: null });
    const { invoice } = paidSale();
    const queued = peekOutbox(temp.db, 100);
    expect(outboxBacklog(temp.db)).toEqual({ count: queued.length, firstSeq: queued[0]?.seq, oldestAt: invoice.createdAt });
    const last = queued.at(-1);
    if (!last) throw new Error('nothing queued');
    // The last change is an audit trail entry: made at its `at`.
    expect(outboxBacklog(temp.db, last.seq - 1)).toEqual({ count: 1, firstSeq: last.seq, oldestAt: (JSON.parse(last.rowJson) as { at: number }).at });
    expect(outboxBacklog(temp.db, last.seq).count).toBe(0);
  });

  it('joining the same store again keeps the queue; another store (or PC) starts it afresh', () => {
    paidSale();
    linkOutbox(temp.db, link);
    const queued = outboxLength(temp.db);
    dropShipped(temp.db, peekOutbox(temp.db, 2).at(-1)?.seq ?? 0);
    expect(linkOutbox(temp.db, { ...link, epoch: 'e2' })).toEqual(link);
    expect(outboxLength(temp.db)).toBe(queued - 2);
    linkOutbox(temp.db, { ...link, storeId: 'store-2', epoch: 'e3' });
    expect(readOutboxLink(temp.db)).toMatchObject({ storeId: 'store-2', epoch: 'e3' });
    expect(outboxLength(temp.db)).toBe(queued);
  });

  it('never hands out a sequence number twice, even after every queued change has shipped', () => {
    linkOutbox(temp.db, link);
    paidSale();
    const last = peekOutbox(temp.db, 1000).at(-1)?.seq ?? 0;
    dropShipped(temp.db, last);
    expect(outboxLength(temp.db)).toBe(0);
    paidSale();
    expect(peekOutbox(temp.db, 1)[0]?.seq).toBeGreaterThan(last);
  });

  it('a restored backup ships from a new epoch: the whole ledger queued again, and audit trail ids above any used since the backup', () => {
    expect(startNewShippingEpoch(temp.db, 'e2', T0)).toBeNull(); // a PC of its own: nothing
    linkOutbox(temp.db, link);
    paidSale();
    dropShipped(temp.db, peekOutbox(temp.db, 1000).at(-1)?.seq ?? 0);
    const events = temp.db.prepare('SELECT max(id) AS id FROM attempt_events').get() as { id: number };

    expect(startNewShippingEpoch(temp.db, 'e2', T0)).toEqual({ ...link, epoch: 'e2' });
    expect(readOutboxLink(temp.db)).toEqual({ ...link, epoch: 'e2' });
    expect(peekOutbox(temp.db, 100).map((e) => e.table)).toEqual(['invoices', 'charge_attempts', 'attempt_events', 'attempt_events', 'attempt_events']);
    const { attempt } = paidSale();
    const fresh = temp.db.prepare('SELECT id FROM attempt_events WHERE attempt_id = ? ORDER BY id').all(attempt.id) as { id: number }[];
    expect(events.id).toBeLessThan(10);
    expect(fresh.map((e) => e.id)).toEqual([T0 + 1, T0 + 2, T0 + 3]);
    insertCreatingRefund(temp.db, { attemptId: attempt.id, amountMinor: 50, reason: 'others', note: null, requestKey: 'key-r', at: T0, actor: 'manager' });
    expect((temp.db.prepare('SELECT min(id) AS id FROM refund_events').get() as { id: number }).id).toBe(T0 + 1);
  });
});
