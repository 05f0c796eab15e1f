// What reaches the store after its day was closed (issue 21): a PC that was off, cut off or a few
// seconds late when another PC closed the day ships sales, payments or refunds of that day the close
// did not count. Before a batch is applied (in its store transaction, so no close slips in between),
// each counted row of it (a cash sale, a payment that succeeded, a refund that succeeded) dated in a
// day the store has closed, made since this PC joined, that the store does not hold as counted, is
// recorded on this PC as a correction on its next open day, after this PC adopts that close. The
// correction ships like any row, so every PC and the store see it. The row itself stays dated in
// its day, which the close's totals do not count.
import { formatDate } from '../../contract/calendar';
import type { DayClose } from '../../contract/records';
import type { Db } from '../../db/local/database';
import { getInvoice } from '../../db/local/invoices';
import type { OutboxEvent, OutboxLink } from '../../db/local/outbox';
import { inWriteTransaction } from '../../db/local/statements';
import { storeClosesCovering, storeStatesOf, type CountedTable } from '../../db/store/late-rows';
import type { Queryable } from '../../db/store/migrate';
import { recordLateAnswer } from '../after-sale/corrections';
import { adoptClose } from './store-closes';

/** The fields of a shipped row that say what it counts. */
interface CountedRow {
  id: string;
  counter_id: string;
  invoice_id: string;
  amount_minor: number;
  created_at: number;
  state?: string;
  payment_id?: string | null;
}

const COUNTED: Record<CountedTable, { kind: 'charge' | 'refund'; counts: (row: CountedRow) => boolean; what: string }> = {
  tenders: { kind: 'charge', counts: () => true, what: 'Cash sale' },
  charge_attempts: { kind: 'charge', counts: (row) => row.state === 'succeeded', what: 'Payment' },
  refunds: { kind: 'refund', counts: (row) => row.state === 'succeeded', what: 'Refund' },
};

/**
 * Records the corrections for the batch's rows the store's closes did not count. False when one is
 * due on a day this PC cannot adopt yet (a payment of that day still live here): the batch waits.
 */
export async function recordLateArrivals(db: Db, client: Queryable, link: OutboxLink, events: readonly OutboxEvent[], now: number): Promise<boolean> {
  const rows = countedRows(link, events);
  if (rows.length === 0) return true;
  const closes = await storeClosesCovering(
    client,
    link.storeId,
    rows.map(({ row }) => row.created_at),
  );
  const inClosed = rows.flatMap((entry) => {
    const close = closes.find((c) => c.from_ms <= entry.row.created_at && c.to_ms > entry.row.created_at);
    return close ? [{ ...entry, close }] : [];
  });
  if (inClosed.length === 0) return true;
  const held = new Map<CountedTable, Map<string, string>>();
  for (const table of Object.keys(COUNTED) as CountedTable[]) {
    const ids = inClosed.filter((entry) => entry.table === table).map((entry) => entry.row.id);
    held.set(table, await storeStatesOf(client, link, table, ids));
  }
  const late = inClosed.filter(({ table, row }) => held.get(table)?.get(row.id) !== 'succeeded');
  return inWriteTransaction(db, () => {
    for (const { table, row, close: storeClose } of late) {
      const close = adoptClose(db, storeClose);
      if (!close) return false;
      recordLate(db, table, row, held.get(table)?.get(row.id), close, now);
    }
    return true;
  });
}

/** The batch's rows that count in a day's totals, as they last were, made since this PC joined the store. */
function countedRows(link: OutboxLink, events: readonly OutboxEvent[]): { table: CountedTable; row: CountedRow }[] {
  const latest = new Map<string, { table: CountedTable; row: CountedRow }>();
  for (const event of events) {
    if (!(event.table in COUNTED)) continue;
    const table = event.table as CountedTable;
    latest.set(`${table}:${event.rowId}`, { table, row: JSON.parse(event.rowJson) as CountedRow });
  }
  return [...latest.values()].filter(({ table, row }) => row.created_at >= link.joinedAt && COUNTED[table].counts(row));
}

function recordLate(db: Db, table: CountedTable, row: CountedRow, inStore: string | undefined, close: DayClose, now: number): void {
  const { kind, what } = COUNTED[table];
  recordLateAnswer(db, {
    close,
    recordKind: kind,
    recordId: row.id,
    counterId: row.counter_id,
    invoiceNumber: getInvoice(db, row.invoice_id)?.number ?? row.invoice_id,
    fromState: inStore ?? 'not counted in the close',
    toState: 'succeeded',
    amountMinor: row.amount_minor,
    paymentId: row.payment_id ?? null,
    detail: `${what} of ${formatDate(close.day)} reached the store after ${close.closedBy} closed that day`,
    now,
  });
}
