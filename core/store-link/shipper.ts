// Ships the outbox to the store: the oldest queued changes in one PostgreSQL transaction that also
// moves this PC's cursor (the last seq the store applied), then forgets them locally. A change is
// applied once even when this PC dies between the store's commit and its own delete: the cursor
// says it is there. Rows of a batch that changed more than once are sent as they last were. Rows of
// a day the store closed meanwhile that the close did not count become corrections (late-arrivals.ts).
// A day's close is not shipped: the store took it through close_day, with the manager's PIN.
// A row the store refuses by its own rules never stops shipping: the batch is applied again row by
// row, the refused rows are set aside on this PC with the Manager alert (set-aside.ts), and the
// rest, and everything after it, reach the store.
import type pg from 'pg';
import type { Db } from '../../db/local/database';
import { relearnMark } from '../../db/local/relearn';
import { dropShipped, outboxBacklog, outboxLength, peekOutbox, type OutboxEvent, type OutboxLink } from '../../db/local/outbox';
import { isStoreRefusal, STORE_LEDGER_TABLES, upsertLedgerRows, upsertLedgerRowsApart, type RefusedRow } from '../../db/store/ledger-tables';
import { notifyLedgerChanged } from '../../db/store/ledger-news';
import { inStoreTransaction } from '../../db/store/pg';
import { lockShipCursor, moveShipCursor } from '../../db/store/stations';
import { recordLateArrivals } from './late-arrivals';
import { setAsideRefused } from './set-aside';

const DEFAULT_BATCH = 500;

export interface ShipResult {
  /** Outbox events the store applied in this batch (0: nothing was queued). */
  shipped: number;
  /** Events that were already in the store (a batch whose local delete was lost). */
  alreadyThere: number;
}

const WAITS: ShipResult = { shipped: 0, alreadyThere: 0 };

/** Sends one batch (up to `batch` events) and drops it locally. Throws when the store cannot be written. */
export async function shipBatch(db: Db, pool: pg.Pool, link: OutboxLink, now: () => number, batch = DEFAULT_BATCH): Promise<ShipResult> {
  // A restored file ships once it has re-learnt what the store holds from it (relearn.ts): an older copy never goes first.
  if (relearnMark(db)) return WAITS;
  const events = peekOutbox(db, batch);
  const last = events.at(-1);
  if (!last) return WAITS;
  const ship = (apart: boolean) => inStoreTransaction(pool, async (client) => {
    const station = await lockShipCursor(client, link);
    if (!station) throw new Error('This PC is not registered in the store yet.');
    const shippedSeq = station.outbox_epoch === link.epoch ? station.shipped_seq : 0;
    const toApply = events.filter((event) => event.seq > shippedSeq);
    // A correction due on a day this PC cannot adopt yet (a payment of it live here): the batch waits.
    if (!(await recordLateArrivals(db, client, link, toApply, now()))) return null;
    const refused = await applyEvents(client, link, toApply, apart);
    const { count, oldestAt } = outboxBacklog(db, last.seq);
    await moveShipCursor(client, link, link.epoch, Math.max(shippedSeq, last.seq), { count, oldestAt });
    if (toApply.length > 0) await notifyLedgerChanged(client, link.storeId);
    return { applied: toApply.length, refused };
  });
  // The whole batch in one statement per table; a row the store refuses sends it again row by row.
  const fresh = await ship(false).catch((error: unknown) => {
    if (isStoreRefusal(error)) return ship(true);
    throw error;
  });
  if (fresh === null) return WAITS;
  for (const refused of fresh.refused) setAsideRefused(db, now(), refused);
  dropShipped(db, last.seq);
  return { shipped: fresh.applied, alreadyThere: events.length - fresh.applied };
}

/** The store's table and this PC's row it refused. */
export interface RefusedChange extends RefusedRow {
  table: string;
}

/** Applies the events, the latest version of each row; `apart`: row by row, leaving out (and answering) those the store refuses. */
async function applyEvents(client: pg.PoolClient, link: OutboxLink, events: readonly OutboxEvent[], apart: boolean): Promise<RefusedChange[]> {
  const refused: RefusedChange[] = [];
  const unknown = events.find((event) => !STORE_LEDGER_TABLES.some((table) => table.table === event.table));
  if (unknown) throw new Error(`The outbox holds a change to ${unknown.table}, which the store does not keep.`);
  for (const table of STORE_LEDGER_TABLES) {
    if (table.throughFunction) continue;
    // The latest version of each row: applying the intermediate ones would end in the same place.
    const latest = new Map<string, Record<string, unknown>>();
    for (const event of events) {
      if (event.table !== table.table) continue;
      latest.delete(event.rowId); // re-inserted, so the map keeps the order of last changes
      latest.set(event.rowId, { ...(JSON.parse(event.rowJson) as Record<string, unknown>), store_id: link.storeId, station_id: link.stationId });
    }
    if (latest.size === 0) continue;
    if (!apart) await upsertLedgerRows(client, table, [...latest.values()]);
    else for (const row of await upsertLedgerRowsApart(client, table, [...latest.values()])) refused.push({ table: table.table, ...row });
  }
  return refused;
}

export interface ShipperDeps {
  /** The store's pool while the link is up; null while it is down. */
  pool: () => pg.Pool | null;
  stopped: () => boolean;
  /** Some changes reached the store. */
  shipped: () => void;
  /** The store could not be written: the link is down. */
  failed: (error: unknown) => void;
  now: () => number;
}

/** Ships the attached database's outbox, batch after batch, whenever woken (a change, or the poll). */
export class OutboxShipper {
  private attached: { db: Db; outbox: OutboxLink } | null = null;
  private shipping: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ShipperDeps) {}

  /** Ships `target`'s outbox from now on (none: nothing ships). */
  attach(target: { db: Db; outbox: OutboxLink } | null): void {
    this.attached = target;
    if (target) this.soon();
  }

  /** Waits for a batch in flight, then lets go of the database. */
  async detach(): Promise<void> {
    await this.shipping;
    this.attached = null;
  }

  /** Changes waiting in the attached outbox (0 when none is attached). */
  pending(): number {
    return this.attached ? outboxLength(this.attached.db) : 0;
  }

  /** Looks at the outbox every `pollMs` as well as when woken. */
  poll(pollMs: number): void {
    this.timer = setInterval(() => this.soon(), pollMs);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Waits for a batch in flight. */
  async settled(): Promise<void> {
    await this.shipping;
  }

  /** Ships now unless a batch is in flight, the link is down, or nothing is attached. */
  soon(): void {
    const pool = this.deps.pool();
    if (this.shipping || !this.attached || !pool) return;
    const { db, outbox } = this.attached;
    this.shipping = (async () => {
      let shippedAny = false;
      for (;;) {
        if (this.attached?.db !== db || this.deps.stopped()) break;
        const { shipped, alreadyThere } = await shipBatch(db, pool, outbox, this.deps.now);
        if (shipped + alreadyThere === 0) break;
        shippedAny = true;
      }
      if (shippedAny) this.deps.shipped();
    })()
      .catch((error: unknown) => this.deps.failed(error))
      .finally(() => {
        this.shipping = null;
      });
  }
}
