// Ships the outbox to the store: the oldest queued changes in one PostgreSQL transaction that also
// moves this PC's cursor (the last seq the store applied), then forgets them locally. A change is
// applied once even when this PC dies between the store's commit and its own delete: the cursor
// says it is there. Rows of a batch that changed more than once are sent as they last were.
import type pg from 'pg';
import type { Db } from '../../db/local/database';
import { dropShipped, peekOutbox, type OutboxEvent, type OutboxLink } from '../../db/local/outbox';
import { STORE_LEDGER_TABLES, upsertLedgerRows } from '../../db/store/ledger-tables';
import { notifyLedgerChanged } from '../../db/store/ledger-news';
import { inStoreTransaction } from '../../db/store/pg';
import { lockShipCursor, moveShipCursor } from '../../db/store/stations';

const DEFAULT_BATCH = 500;

export interface ShipResult {
  /** Outbox events the store applied in this batch (0: nothing was queued). */
  shipped: number;
  /** Events that were already in the store (a batch whose local delete was lost). */
  alreadyThere: number;
}

/** Sends one batch (up to `batch` events) and drops it locally. Throws when the store cannot be written. */
export async function shipBatch(db: Db, pool: pg.Pool, link: OutboxLink, batch = DEFAULT_BATCH): Promise<ShipResult> {
  const events = peekOutbox(db, batch);
  const last = events.at(-1);
  if (!last) return { shipped: 0, alreadyThere: 0 };
  const fresh = await inStoreTransaction(pool, async (client) => {
    const station = await lockShipCursor(client, link);
    if (!station) throw new Error('This PC is not registered in the store yet.');
    const shippedSeq = station.outbox_epoch === link.epoch ? station.shipped_seq : 0;
    const toApply = events.filter((event) => event.seq > shippedSeq);
    await applyEvents(client, link, toApply);
    await moveShipCursor(client, link, link.epoch, Math.max(shippedSeq, last.seq));
    if (toApply.length > 0) await notifyLedgerChanged(client, link.storeId);
    return toApply.length;
  });
  dropShipped(db, last.seq);
  return { shipped: fresh, alreadyThere: events.length - fresh };
}

async function applyEvents(client: pg.PoolClient, link: OutboxLink, events: readonly OutboxEvent[]): Promise<void> {
  const unknown = events.find((event) => !STORE_LEDGER_TABLES.some((table) => table.table === event.table));
  if (unknown) throw new Error(`The outbox holds a change to ${unknown.table}, which the store does not keep.`);
  for (const table of STORE_LEDGER_TABLES) {
    // The latest version of each row: applying the intermediate ones would end in the same place.
    const latest = new Map<string, Record<string, unknown>>();
    for (const event of events) {
      if (event.table !== table.table) continue;
      latest.delete(event.rowId); // re-inserted, so the map keeps the order of last changes
      latest.set(event.rowId, { ...(JSON.parse(event.rowJson) as Record<string, unknown>), store_id: link.storeId, station_id: link.stationId });
    }
    if (latest.size > 0) await upsertLedgerRows(client, table, [...latest.values()]);
  }
}
