// Another PC's sale, from this PC of the store: its receipt, its payment's refunds and each
// counter's newest payment are read from the store's ledger where this PC's SQLite lacks them; a
// refund of it is made here, as this PC's (store-refunds.ts). The
// store's name and address on the receipt are this PC's copy of the store's (config-sync.ts).
// Local first: with the link down a PC shows what its own SQLite holds.
import { getAttempt } from '../../db/local/attempts';
import { getCounter } from '../../db/local/counters';
import { getInvoice } from '../../db/local/invoices';
import { listRefundsWithEvents } from '../../db/local/refunds';
import { readStoreAttempt } from '../../db/store/attempts';
import { newestPaymentsElsewhere, readStoreRefunds, readStoreSale } from '../../db/store/sales';
import { receiptOf } from '../after-sale/receipts';
import { readSettings } from '../handlers/settings';
import type { LedgerReader } from '../ports';
import type { StoreHandlerDeps } from './handlers';

export function otherPcsSales(deps: StoreHandlerDeps): Pick<LedgerReader, 'receipt' | 'refunds' | 'counters'> {
  const { link } = deps;
  /** The store's link when up; null when this PC is cut off (its own SQLite then stands in). */
  const up = () => {
    const store = link.reachable;
    return store ? { storeId: store.joined.storeId, stationId: store.joined.stationId, pool: store.pool } : null;
  };
  return {
    receipt: async (invoiceId, own) => {
      const { db } = deps.mode();
      const store = up();
      if (getInvoice(db, invoiceId) || !store) return own();
      const sale = await readStoreSale(store.pool, store.storeId, invoiceId);
      if (!sale) return own();
      const paid = sale.attempts.find((attempt) => attempt.state === 'succeeded');
      const refunds = paid ? (await readStoreRefunds(store.pool, store.storeId, paid.id)).map((r) => r.refund) : [];
      const { storeName, storeAddress } = readSettings(db);
      return receiptOf({
        ...sale,
        counterName: getCounter(db, sale.invoice.counterId)?.name ?? sale.invoice.counterId,
        storeName,
        storeAddress,
        // The bill (tax, discounts) stays on the PC that made the sale: the receipt prints its lines.
        bill: null,
        refundsOf: () => refunds,
      });
    },
    // Every PC's refunds of the payment, wherever it was taken: the ones made here as this PC has
    // them (the freshest), the other PCs' from the store (store-refunds.ts), as far as it can be asked.
    refunds: async (attemptId, own) => {
      const { db } = deps.mode();
      const isOwn = getAttempt(db, attemptId) !== null;
      const here = listRefundsWithEvents(db, attemptId);
      const store = up();
      if (!store) return isOwn || here.length === 0 ? own() : here;
      try {
        if (!isOwn && here.length === 0 && !(await readStoreAttempt(store.pool, store.storeId, attemptId))) return own();
        const elsewhere = (await readStoreRefunds(store.pool, store.storeId, attemptId)).filter((r) => !here.some((h) => h.refund.id === r.refund.id));
        return [...here, ...elsewhere].sort((a, b) => a.refund.createdAt - b.refund.createdAt);
      } catch (error) {
        deps.log.warn('could not read the other PCs’ refunds of a payment; showing this PC’s', { error: error instanceof Error ? error.message : String(error) });
        if (isOwn || here.length > 0) return here;
        throw error;
      }
    },
    counters: async (own) => {
      const store = up();
      if (!store) return own;
      let elsewhere: Awaited<ReturnType<typeof newestPaymentsElsewhere>>;
      try {
        elsewhere = await newestPaymentsElsewhere(store.pool, store.storeId, store.stationId);
      } catch (error) {
        deps.log.warn('could not read the other PCs’ payments for the dashboard; showing this PC’s', { error: error instanceof Error ? error.message : String(error) });
        return own;
      }
      return own.map((status) => {
        const there = elsewhere.find((e) => e.attempt.counterId === status.counter.id);
        const here = Math.max(status.attempt?.createdAt ?? 0, status.invoice?.createdAt ?? 0);
        return there && there.attempt.createdAt > here ? { counter: status.counter, invoice: there.invoice, attempt: there.attempt } : status;
      });
    },
  };
}
