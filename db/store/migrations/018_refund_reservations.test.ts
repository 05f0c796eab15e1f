import { describe, expect, it } from 'vitest';
import { insertLedgerRow, LEDGER_ROWS } from '../../../testkit/store-rows';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { trustedStoreEachTest } from '../../../testkit/store-trust';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { reserveRefund } from '../refund-reservations';
import { storeRefundReservations } from './018_refund_reservations';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeRefundReservations);

describe('store migration 018: refund reservations', () => {
  const store = storeDatabaseEachTest();
  it('applies to the version before it, with the invoices’ index by id', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeRefundReservations.version);
    const fn = await store.client.query<{ prosecdef: boolean }>("SELECT prosecdef FROM pg_proc WHERE proname = 'reserve_refund'");
    expect(fn.rows).toEqual([{ prosecdef: false }]);
    const indexes = await store.client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'invoices_id'");
    expect(indexes.rows.map((r) => r.indexdef)).toEqual(['CREATE INDEX invoices_id ON public.invoices USING btree (store_id, id)']);
  });
});

describe('store migration 018: never more refunded than was paid, across PCs', () => {
  const trust = trustedStoreEachTest();
  /** pc2's paid ₹50.00 payment a1 (P1) of invoice i1, in the store. */
  const paidAtPc2 = async () => {
    await insertLedgerRow(trust.owner, 'invoices', 's1', 'pc2', { status: 'paid' });
    await insertLedgerRow(trust.owner, 'charge_attempts', 's1', 'pc2', { state: 'succeeded', payment_id: 'P1', amount_minor: 5_000, final_at: 1 });
  };
  const refund = (id: string, amountMinor: number, changes: Record<string, unknown> = {}) => ({
    ...LEDGER_ROWS.refunds,
    id,
    request_key: `k-${id}`,
    attempt_id: 'a1',
    invoice_id: 'i1',
    payment_id: 'P1',
    amount_minor: amountMinor,
    ...changes,
  });
  const refundsOfA1 = async () =>
    (await trust.owner.query<{ station_id: string; id: string; amount_minor: number }>("SELECT station_id, id, amount_minor FROM refunds WHERE attempt_id = 'a1' ORDER BY id")).rows;

  it('counts the other PCs’ refunds of the payment (under way too, as their corrections say) with the caller’s own, and writes the refund as the caller’s own row only when it fits', async () => {
    await paidAtPc2();
    const none = { paidMinor: 0, takenHereMinor: 0 };
    expect(await reserveRefund(trust.pc('pc1'), refund('r1', 3_000), none)).toEqual({ reserved: true, leftMinor: 5_000 });
    // pc2's own refund counts pc1's: only ₹20.00 is left.
    expect(await reserveRefund(trust.pc('pc2'), refund('r2', 2_001), { paidMinor: 5_000, takenHereMinor: 0 })).toEqual({ reserved: false, leftMinor: 2_000 });
    // pc3's word on what was paid counts for nothing: the payment is pc2's. Its own refunds of it count as it says.
    expect(await reserveRefund(trust.pc('pc3'), refund('r3', 2_001), { paidMinor: 1_000_000, takenHereMinor: 0 })).toEqual({ reserved: false, leftMinor: 2_000 });
    expect(await reserveRefund(trust.pc('pc3'), refund('r3', 1_500), { paidMinor: 0, takenHereMinor: 600 })).toEqual({ reserved: false, leftMinor: 1_400 });
    expect(await reserveRefund(trust.pc('pc3'), refund('r3', 2_000, { station_id: 'pc1' }), none)).toEqual({ reserved: true, leftMinor: 2_000 });
    expect(await refundsOfA1()).toEqual([
      { station_id: 'pc1', id: 'r1', amount_minor: 3_000 },
      { station_id: 'pc3', id: 'r3', amount_minor: 2_000 },
    ]);
    // A closed day's refund Zoho never made: its PC's correction says so, and its amount is left again.
    await insertLedgerRow(trust.owner, 'corrections', 's1', 'pc3', { record_kind: 'refund', record_id: 'r3', from_state: 'unknown', to_state: 'rejected', amount_minor: 0 });
    expect(await reserveRefund(trust.pc('pc2'), refund('r4', 2_000), { paidMinor: 5_000, takenHereMinor: 0 })).toEqual({ reserved: true, leftMinor: 2_000 });
    // Another store's PC finds no payment to refund.
    expect(await reserveRefund(trust.pc('pc9'), refund('r5', 1), none)).toEqual({ reserved: false, leftMinor: 0 });
  });

  it('two PCs reserving the rest of one payment at once: the second waits for the first, then is refused', async () => {
    await paidAtPc2();
    const pc1 = trust.pc('pc1');
    await pc1.query('BEGIN');
    expect(await reserveRefund(pc1, refund('r1', 5_000), { paidMinor: 0, takenHereMinor: 0 })).toEqual({ reserved: true, leftMinor: 5_000 });
    let settled = false;
    const second = reserveRefund(trust.pc('pc2'), refund('r2', 5_000), { paidMinor: 5_000, takenHereMinor: 0 }).finally(() => {
      settled = true;
    });
    // pc2 waits on the payment's lock while pc1's transaction holds it.
    await expect.poll(async () => (await trust.owner.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0]?.n).toBe(1);
    expect(settled).toBe(false);
    await pc1.query('COMMIT');
    expect(await second).toEqual({ reserved: false, leftMinor: 0 });
    expect(await refundsOfA1()).toEqual([{ station_id: 'pc1', id: 'r1', amount_minor: 5000 }]);
  });
});
