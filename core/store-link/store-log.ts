// The manager's view is the store's: on a PC of a store whose link is up, the day's log, totals,
// chart and CSV are read from the store's ledger (every PC's attempts, cash sales, refunds,
// corrections and closes: db/store/day-attempts.ts and day-ledger.ts), with PC and counter filters,
// over the business day the store's closes define (a sale after a close is the next day's on every
// PC at once, whether or not this PC has adopted the close yet). With the link down they are this
// PC's own, and say so.
import type pg from 'pg';
import type { DayLog, DayTotals } from '../../contract/answers';
import { awaitsReview } from '../../contract/records';
import { FOLLOWED_REFUND_STATES, REVIEW_STATES } from '../../contract/vocabulary';
import { listCounters } from '../../db/local/counters';
import { narrowsToAttempts, NO_LEDGER } from '../../db/local/ledger';
import { notLate } from '../../db/local/ledger-totals';
import { storeAttemptsForDay, storeDayTotals } from '../../db/store/day-attempts';
import {
  storeBusinessDay,
  storeCashRefundsForDay,
  storeCashSalesForDay,
  storeClosedSummary,
  storeCorrectionsForDay,
  storeDayClose,
  storeDayNamesACashier,
  storeKeysetPages,
  storeLateRows,
  storeLedgerTotals,
  storeRefundsForDay,
} from '../../db/store/day-ledger';
import { storeInvoiceTaxes } from '../../db/store/invoice-taxes';
import { listStationNames } from '../../db/store/stations';
import { reviewedInStore } from '../../db/store/reviews';
import { inStoreSnapshot } from '../../db/store/pg';
import { CSV_PAGE_ROWS } from '../handlers/ledger';
import { PageTaxes, wholePages, type Pages } from '../handlers/ledger-csv';
import { invoiceTaxSummaries } from '../../db/local/invoices';
import type { DayFilter, LedgerReader } from '../ports';
import type { StoreHandlerDeps } from './handlers';
import type { StoredStoreLink } from './link-file';

/** More than a day has: the close's report lists every payment needing review. */
const ALL_OF_A_DAY = 100_000;

/** The day's log and CSV on a PC of a store. */
export function storeDayReader(deps: StoreHandlerDeps): Pick<LedgerReader, 'day' | 'csv' | 'closeReport'> {
  const { link } = deps;
  /** The store's link when up; null when this PC is cut off (its own log then stands in). */
  const up = () => link.reachable;
  /** This PC's own log, saying it is only this PC's. */
  const ownDay = (day: DayLog): DayLog => {
    const joined = link.joined;
    const stations = joined ? [{ id: joined.stationId, name: joined.stationName }] : [];
    return { ...day, attempts: day.attempts.map((a) => (joined ? { ...a, stationId: joined.stationId } : a)), store: { storeName: joined?.storeName ?? '', wholeStore: false, stations } };
  };
  // Every PC's attempts, cash sales, refunds, corrections and closes: a state or method narrows to
  // card/UPI attempts, leaving the rest out (as on a PC of its own).
  // The reads share one snapshot (inStoreSnapshot), so the totals are those of the rows listed.
  const storeDay = async (joined: StoredStoreLink, pool: pg.ClientBase, filter: DayFilter, limit: number): Promise<DayLog> => {
    const { storeId } = joined;
    const input = { ...filter, ...(await storeBusinessDay(pool, storeId, filter.date)) };
    const onlyAttempts = narrowsToAttempts(input);
    const { search: _search, ...unsearched } = input;
    const [late, listed, stations, ledger, refunds, cashSales, cashRefunds, corrections, close] = await Promise.all([
      // A closed day's rows that reached the store after its close are listed and counted as the next open day's corrections.
      storeLateRows(pool, storeId, unsearched),
      storeAttemptsForDay(pool, storeId, input, limit + 1),
      listStationNames(pool, storeId),
      onlyAttempts ? NO_LEDGER : storeLedgerTotals(pool, storeId, unsearched),
      onlyAttempts ? [] : storeRefundsForDay(pool, storeId, input),
      onlyAttempts ? [] : storeCashSalesForDay(pool, storeId, input),
      onlyAttempts ? [] : storeCashRefundsForDay(pool, storeId, input),
      onlyAttempts ? [] : storeCorrectionsForDay(pool, storeId, input),
      storeDayClose(pool, storeId, input),
    ]);
    const listedHere = notLate(late);
    const attempts = listed.filter(listedHere);
    return {
      date: input.date,
      currency: deps.mode().currency,
      attempts: attempts.slice(0, limit),
      truncated: attempts.length > limit,
      totals: await storeDayTotals(pool, storeId, input, { ledger, counters: listCounters(deps.mode().db, { includeInactive: true }), late }),
      refunds: refunds.filter(listedHere),
      cashSales: cashSales.filter(listedHere),
      cashRefunds,
      corrections,
      close,
      store: { storeName: joined.storeName, wholeStore: true, stations },
    };
  };
  return {
    day: async (filter, limit, own) => {
      const store = up();
      if (!store) return ownDay(own());
      return inStoreSnapshot(store.pool, (client) => storeDay(store.joined, client, filter, limit));
    },
    csv: async (filter, own) => {
      const store = up();
      if (!store) return own();
      const { joined, pool } = store;
      const { storeId } = joined;
      const db = deps.mode().db;
      const input = { ...filter, ...(await storeBusinessDay(pool, storeId, filter.date)) };
      const counters = new Map(listCounters(db, { includeInactive: true }).map((c) => [c.id, c.name]));
      const pcs = new Map((await listStationNames(pool, storeId)).map((s) => [s.id, s.name]));
      const onlyAttempts = narrowsToAttempts(input);
      const { search: _search, ...unsearched } = input;
      const listed = notLate(await storeLateRows(pool, storeId, unsearched));
      const none = wholePages(() => []);
      // Bills stay on the PC that made them; every PC's invoices bring their tax summary to the store,
      // read for each page of sales before its lines are written (this PC's own invoices stand in for
      // what has not shipped yet).
      const taxes = new PageTaxes(async (sales) => {
        const shipped = await storeInvoiceTaxes(pool, storeId, sales.map((sale) => ({ stationId: sale.stationId ?? '', invoiceId: sale.invoiceId })));
        const unshipped = invoiceTaxSummaries(db, sales.map((sale) => sale.invoiceId).filter((id) => !shipped.has(id)));
        return new Map([...unshipped, ...shipped]);
      });
      const listedOnly = <T extends { id: string }>(pages: Pages<T>): Pages<T> =>
        async function* () {
          for await (const page of pages()) yield page.filter(listed);
        };
      return {
        date: input.date,
        names: {
          currency: deps.mode().currency,
          counterName: (id: string) => counters.get(id) ?? id,
          taxOf: taxes.taxOf,
          pcName: (id: string) => pcs.get(id) ?? id,
        },
        pages: {
          attempts: taxes.around(listedOnly(() => storeKeysetPages((end) => storeAttemptsForDay(pool, storeId, input, CSV_PAGE_ROWS, end), CSV_PAGE_ROWS))),
          cashSales: onlyAttempts ? none : taxes.around(listedOnly(() => storeKeysetPages((end) => storeCashSalesForDay(pool, storeId, input, { end, size: CSV_PAGE_ROWS }), CSV_PAGE_ROWS))),
          // Few a day: read whole.
          refunds: onlyAttempts ? none : wholePages(async () => (await storeRefundsForDay(pool, storeId, input)).filter(listed)),
          cashRefunds: onlyAttempts ? none : wholePages(() => storeCashRefundsForDay(pool, storeId, input)),
          corrections: onlyAttempts ? none : wholePages(() => storeCorrectionsForDay(pool, storeId, input)),
        },
        namesACashier: () => storeDayNamesACashier(pool, storeId, input),
      };
    },
    // The close is the store's: every PC's totals, payments needing review and refunds in progress.
    // Payments still live are this PC's count: the close waits for the other PCs' (store-closes.ts).
    // A closed day's totals are those it closed with: what arrived later is a correction on the next
    // open day (late-arrivals.ts), not counted twice.
    closeReport: async (date, own) => {
      const store = up();
      const mine = own();
      if (!store) return mine;
      const { joined } = store;
      const { day, review, closedWith } = await inStoreSnapshot(store.pool, async (pool) => {
        const window = await storeBusinessDay(pool, joined.storeId, date);
        const [day, review, closedWith] = await Promise.all([
          storeDay(joined, pool, { date }, 0),
          Promise.all(REVIEW_STATES.map((state) => storeAttemptsForDay(pool, joined.storeId, { date, state, ...window }, ALL_OF_A_DAY))),
          storeClosedSummary(pool, joined.storeId, date),
        ]);
        return { day, review, closedWith };
      });
      // A payment checked from another PC than its own is checked now (reviews.ts), before its PC records it.
      const unchecked = review.flat().filter(awaitsReview);
      const checkedElsewhere = await reviewedInStore(store.pool, joined.storeId, unchecked.map((attempt) => attempt.id));
      const needsReview = unchecked.filter((attempt) => !checkedElsewhere.has(attempt.id)).sort((a, b) => a.createdAt - b.createdAt);
      // The close is this PC's (mine): another PC's is adopted at the next heartbeat, once none of this PC's payments of the day is live.
      return {
        ...mine,
        totals: closedWith === null ? { ...day.totals, awaitingReview: needsReview.length } : (closedWith as DayTotals),
        needsReview,
        refundsInProgress: day.refunds.filter((refund) => (FOLLOWED_REFUND_STATES as readonly string[]).includes(refund.state) || refund.state === 'creating'),
      };
    },
  };
}
