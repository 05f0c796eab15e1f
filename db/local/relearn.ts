// A store's PC restored from a backup (migration 016): what it did after the backup (refunds, cash
// sales, payments that settled, day closes) is in the store, not in the restored file. Until the PC has
// re-learnt its own rows from the store, no money moves on a sale older than the restore: a refund,
// a charge or a cash settlement of such a sale is refused here, in the writing transaction. The
// re-learning writes the store's rows in an order the ledger's own rules accept (invoices as billed
// first, then payments, refunds and cash, then what paid the invoices, then closes and corrections),
// taking the store's version of a row only where it is newer; a row the rules still refuse is skipped
// and named, never stops the rest.
import { CodedError } from '../../contract/result';
import type { Db } from './database';
import { OUTBOX_TABLES } from './outbox';
import { inWriteTransaction, prepared } from './statements';

/** When the backup was put back, and from when the store's rows of this PC may be news to it. */
export interface RelearnMark {
  restoredAt: number;
  since: number;
}

/** How far before the restored file's newest change the store's rows are read again (clocks moved, writes in flight). */
export const RELEARN_MARGIN_MS = 3_600_000;

export function relearnMark(db: Db): RelearnMark | null {
  const row = prepared<[], { restored_at: number | null; relearn_since: number | null }>(db, 'SELECT restored_at, relearn_since FROM store_link').get();
  return row && row.restored_at !== null && row.relearn_since !== null ? { restoredAt: row.restored_at, since: row.relearn_since } : null;
}

/** The restore of a store's PC: from now until re-learnt, sales older than `now` move no money. */
export function markRestored(db: Db, now: number): void {
  const newest = prepared<[], { at: number | null }>(
    db,
    `SELECT max(at) AS at FROM (
       SELECT max(max(created_at, coalesce(paid_at, 0))) AS at FROM invoices
       UNION ALL SELECT max(updated_at) FROM charge_attempts
       UNION ALL SELECT max(updated_at) FROM refunds
       UNION ALL SELECT max(updated_at) FROM tenders
       UNION ALL SELECT max(updated_at) FROM cash_refunds
       UNION ALL SELECT max(updated_at) FROM day_closes
       UNION ALL SELECT max(updated_at) FROM corrections)`,
  ).get();
  const since = Math.max(0, (newest?.at ?? 0) - RELEARN_MARGIN_MS);
  prepared<[number, number]>(db, 'UPDATE store_link SET restored_at = ?, relearn_since = ?').run(now, since);
}

/** A sale older than the restore while the store has not been heard from since: its money must wait. */
export class NotRelearnedError extends CodedError {
  override readonly name = 'NotRelearnedError';
  readonly code = 'conflict';
  constructor(override readonly field: 'attemptId' | 'invoiceId') {
    super(
      'This PC was restored from a backup and has not yet heard from the store what happened to this sale since then. Wait for the store link to come up (Manager → Store), then try again.',
    );
  }
}

/** Refuses (in the caller's transaction) to move money on a sale made before a restore not yet re-learnt. */
export function assertRelearned(db: Db, saleCreatedAt: number, field: 'attemptId' | 'invoiceId'): void {
  const mark = relearnMark(db);
  if (mark && saleCreatedAt < mark.restoredAt) throw new NotRelearnedError(field);
}

/** The store's rows of one ledger table, as the store holds them for this PC (SQLite's columns). */
export type LearntRows = Readonly<Record<string, readonly Record<string, unknown>[]>>;

export interface RelearnOutcome {
  /** Rows written (new, or the store's newer version). */
  learnt: number;
  /** Rows the ledger's rules refused: left as this PC has them. */
  skipped: { table: string; id: string }[];
}

/** What a later change to a row may set, and when the store's version is the newer one. */
const UPDATES: Record<string, { columns: readonly string[]; newer: string }> = {
  invoices: { columns: ['status', 'paid_at', 'payment_id'], newer: "invoices.status NOT IN ('paid', 'void') AND excluded.status <> invoices.status" },
  charge_attempts: {
    columns: [
      'payments_session_id', 'state', 'failure_code', 'failure_message', 'payment_id', 'paid_method', 'declined_tries', 'mismatch', 'updated_at',
      'final_at', 'last_polled_at', 'poll_count', 'session_created_at', 'reviewed_at', 'review_note', 'hold_until', 'hold_ended_at',
    ],
    newer: 'excluded.updated_at > charge_attempts.updated_at',
  },
  refunds: {
    columns: ['state', 'zoho_refund_id', 'failure_reason', 'failure_message', 'updated_at', 'final_at', 'last_checked_at', 'check_count'],
    newer: 'excluded.updated_at > refunds.updated_at',
  },
};

const AS_BILLED = { status: 'open', paid_at: null, payment_id: null };

function upsertSql(table: string, columns: readonly string[], update: boolean): string {
  const names = columns.join(', ');
  const values = columns.map((column) => `@${column}`).join(', ');
  const rule = UPDATES[table];
  const onConflict =
    update && rule ? `DO UPDATE SET ${rule.columns.map((column) => `${column} = excluded.${column}`).join(', ')} WHERE ${rule.newer}` : 'DO NOTHING';
  return `INSERT INTO ${table} (${names}) VALUES (${values}) ON CONFLICT (id) ${onConflict}`;
}

/**
 * Writes the store's rows of this PC into the restored ledger and ends the restore's hold on money,
 * in one transaction. Each row is written in its own savepoint, so one the rules refuse is skipped.
 */
export function relearnOwnRows(db: Db, rows: LearntRows): RelearnOutcome {
  return inWriteTransaction(db, () => {
    const outcome: RelearnOutcome = { learnt: 0, skipped: [] };
    const write = (table: string, row: Record<string, unknown>, update: boolean) => {
      const columns = OUTBOX_TABLES.find((t) => t.table === table)?.columns ?? [];
      const values = Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
      try {
        const { changes } = db.transaction(() => prepared<[Record<string, unknown>]>(db, upsertSql(table, columns, update)).run(values))();
        outcome.learnt += changes;
      } catch {
        outcome.skipped.push({ table, id: String(row.id) });
      }
    };
    const of = (table: string) => rows[table] ?? [];
    // The invoices as billed, so that cash and card payments can be written against them.
    for (const row of of('invoices')) write('invoices', { ...row, ...AS_BILLED }, false);
    for (const table of ['charge_attempts', 'attempt_events', 'refunds', 'refund_events', 'tenders', 'cash_refunds']) {
      for (const row of of(table)) write(table, row, true);
    }
    for (const row of of('invoices')) write('invoices', row, true);
    // Closes and corrections in the order they were made: a correction is counted on a day still open then.
    const closing = [...of('day_closes').map((row) => ['day_closes', row] as const), ...of('corrections').map((row) => ['corrections', row] as const)];
    closing.sort(([, a], [, b]) => Number(a.created_at) - Number(b.created_at));
    for (const [table, row] of closing) write(table, row, false);
    prepared(db, 'UPDATE store_link SET restored_at = NULL, relearn_since = NULL').run();
    return outcome;
  });
}
