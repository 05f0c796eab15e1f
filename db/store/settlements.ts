// A payment settled from another PC (a re-check): the settlement row, and the attempt and its
// invoice made final in the store at once. The owning PC applies it to its own ledger later.
import type pg from 'pg';
import { DB_NOW_MS } from './clock';
import type { Queryable } from './migrate';

export interface Outcome {
  state: 'succeeded' | 'failed';
  paymentId: string | null;
  paidMethod: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

export interface SettledAttempt {
  id: string;
  invoiceId: string;
  /** The PC that made it. */
  stationId: string;
}

/** Settles the attempt in the store (in the caller's transaction); nothing when it is settled already. */
export async function settleInStore(client: pg.ClientBase, joined: { storeId: string; stationId: string }, attempt: SettledAttempt, outcome: Outcome): Promise<void> {
  const settled = await client.query(
    `INSERT INTO settlements (store_id, attempt_id, owner_station_id, settled_by_station_id, state, payment_id, paid_method, failure_code, failure_message, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ${DB_NOW_MS}) ON CONFLICT (store_id, attempt_id) DO NOTHING`,
    [joined.storeId, attempt.id, attempt.stationId, joined.stationId, outcome.state, outcome.paymentId, outcome.paidMethod, outcome.failureCode, outcome.failureMessage],
  );
  if (settled.rowCount === 0) return;
  await client.query(
    `UPDATE charge_attempts SET state = $3, payment_id = $4, paid_method = $5, failure_code = $6, failure_message = $7, final_at = ${DB_NOW_MS}, updated_at = ${DB_NOW_MS}
     WHERE store_id = $1 AND id = $2 AND final_at IS NULL`,
    [joined.storeId, attempt.id, outcome.state, outcome.paymentId, outcome.paidMethod, outcome.failureCode, outcome.failureMessage],
  );
  if (outcome.state === 'succeeded') {
    await client.query(`UPDATE invoices SET status = 'paid', paid_at = ${DB_NOW_MS}, payment_id = $3 WHERE store_id = $1 AND id = $2 AND status <> 'paid'`, [
      joined.storeId,
      attempt.invoiceId,
      outcome.paymentId,
    ]);
  } else {
    await client.query("UPDATE invoices SET status = 'payment_failed' WHERE store_id = $1 AND id = $2 AND status = 'open'", [joined.storeId, attempt.invoiceId]);
  }
}

export interface SettlementRow {
  attempt_id: string;
  settled_by: string;
  state: 'succeeded' | 'failed';
  payment_id: string | null;
  paid_method: string | null;
  failure_code: string | null;
  failure_message: string | null;
}

/** This PC's payments another PC settled, not yet applied here. */
export async function pendingSettlements(client: Queryable, joined: { storeId: string; stationId: string }): Promise<SettlementRow[]> {
  const pending = await client.query<SettlementRow>(
    `SELECT t.attempt_id, coalesce(s.name, t.settled_by_station_id) AS settled_by, t.state, t.payment_id, t.paid_method, t.failure_code, t.failure_message
     FROM settlements AS t LEFT JOIN stations AS s ON s.store_id = t.store_id AND s.id = t.settled_by_station_id
     WHERE t.store_id = $1 AND t.owner_station_id = $2 AND t.applied_at IS NULL`,
    [joined.storeId, joined.stationId],
  );
  return pending.rows;
}

export async function markSettlementApplied(client: Queryable, storeId: string, attemptId: string): Promise<void> {
  await client.query(`UPDATE settlements SET applied_at = ${DB_NOW_MS} WHERE store_id = $1 AND attempt_id = $2`, [storeId, attemptId]);
}
