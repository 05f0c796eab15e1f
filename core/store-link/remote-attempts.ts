// A payment made on another PC, seen from this one. Its audit trail is read from the store. It can
// be re-checked from here (its PC may be dead): this PC asks Zoho, and a final answer settles it
// in the store at once (the attempt and its invoice, and a settlement row). The PC that made it
// applies the settlement to its own ledger when it next reaches the store (applySettlements), and
// ships that as its own change, so the store's ledger is again the union of the PCs' ledgers.
import type pg from 'pg';
import { describeFailure } from '../../contract/failures';
import type { AttemptEvent, ChargeAttempt } from '../../contract/records';
import { toChargeAttempt, type AttemptRow } from '../../db/local/attempt-queries';
import { finalizeAttempt, getAttempt } from '../../db/local/attempts';
import { closeCovering } from '../../db/local/day-closes';
import { NotFoundError } from '../../db/local/errors';
import { recordLateCharge } from '../after-sale/corrections';
import { assessSession } from '../charges/assess';
import { HandlerFailure } from '../failure';
import type { Handlers } from '../handlers/types';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';
import { DB_NOW_MS } from './claims';
import { requireLink } from './config-writes';
import type { StoreHandlerDeps } from './handlers';
import { inStoreTransaction } from '../../db/store/pg';
import type { Queryable } from '../../db/store/migrate';

async function storeAttempt(client: Queryable, storeId: string, attemptId: string): Promise<(ChargeAttempt & { stationId: string }) | null> {
  const result = await client.query<AttemptRow & { station_id: string }>(
    `SELECT a.*, coalesce(i.number, '') AS invoice_number FROM charge_attempts AS a
     LEFT JOIN invoices AS i ON i.store_id = a.store_id AND i.id = a.invoice_id WHERE a.store_id = $1 AND a.id = $2`,
    [storeId, attemptId],
  );
  const row = result.rows[0];
  return row ? { ...toChargeAttempt(row), stationId: row.station_id } : null;
}

export function remoteAttemptHandlers(deps: StoreHandlerDeps): Handlers<'charge-recheck' | 'attempt-events'> {
  const isLocal = (attemptId: string) => getAttempt(deps.mode().db, attemptId) !== null;
  return {
    'attempt-events': async (input) => {
      const { link } = deps;
      if (isLocal(input.attemptId) || !link.isUp || !link.joined || !link.connection) return deps.local('attempt-events', input);
      const rows = await link.connection.query<{ id: number; attempt_id: string; at: number; from_state: AttemptEvent['fromState']; to_state: AttemptEvent['toState']; actor: string; reason: string }>(
        'SELECT id, attempt_id, at, from_state, to_state, actor, reason FROM attempt_events WHERE store_id = $1 AND attempt_id = $2 ORDER BY at, id',
        [link.joined.storeId, input.attemptId],
      );
      if (rows.rows.length === 0) throw new NotFoundError('chargeAttempt', input.attemptId);
      return rows.rows.map((r) => ({ id: r.id, attemptId: r.attempt_id, at: r.at, fromState: r.from_state, toState: r.to_state, actor: r.actor, reason: r.reason }));
    },
    'charge-recheck': async (input) => {
      if (isLocal(input.attemptId)) return deps.local('charge-recheck', input);
      const { pool, joined } = requireLink(deps.link, 'Re-checking a payment made on another PC needs the store link, which is down.');
      const attempt = await storeAttempt(pool, joined.storeId, input.attemptId);
      if (!attempt) throw new NotFoundError('chargeAttempt', input.attemptId);
      if (!attempt.paymentsSessionId) {
        throw new HandlerFailure('conflict', 'This payment never got a session from Zoho, so there is nothing to check. Look at the terminal and the Zoho dashboard.', 'attemptId');
      }
      if (attempt.finalAt !== null) return attempt;
      const session = await deps.mode().payments.retrieveSession(attempt.paymentsSessionId);
      const found = assessSession({ ...attempt }, session);
      if (found.kind !== 'succeeded' && found.kind !== 'failed') return attempt;
      await inStoreTransaction(pool, (client) => settleInStore(client, joined, attempt, found.kind === 'succeeded'
        ? { state: 'succeeded', paymentId: found.paymentId, paidMethod: found.paidMethod, failureCode: null, failureMessage: null }
        : { state: 'failed', paymentId: null, paidMethod: null, failureCode: found.failureCode, failureMessage: describeFailure(found.failureCode) }));
      return (await storeAttempt(pool, joined.storeId, attempt.id)) ?? attempt;
    },
  };
}

interface Outcome {
  state: 'succeeded' | 'failed';
  paymentId: string | null;
  paidMethod: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

async function settleInStore(client: pg.PoolClient, joined: { storeId: string; stationId: string }, attempt: ChargeAttempt & { stationId: string }, outcome: Outcome): Promise<void> {
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

interface SettlementRow {
  attempt_id: string;
  settled_by: string;
  state: 'succeeded' | 'failed';
  payment_id: string | null;
  paid_method: string | null;
  failure_code: string | null;
  failure_message: string | null;
}

/** What applying the store's settlements to this PC's ledger did. */
export interface SettlementsApplied {
  applied: number;
  /** Settlements of payments of a closed day, kept as corrections on the next open day. */
  corrected: number;
  /** Settlements that could not be applied now: left for the next heartbeat, the others went on. */
  failed: number;
}

/**
 * This PC's payments that another PC settled by a re-check: applied to its own ledger (so they ship
 * back as its own changes) and marked applied. Called at each heartbeat while the link is up. A
 * payment of a day this PC closed never changes: Zoho's word becomes a correction on the next open
 * day. One settlement that cannot be applied never stops the others, nor the link.
 */
export async function applySettlements(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  mode: RunningMode,
  now: () => number,
  log: Logger,
): Promise<SettlementsApplied> {
  const pending = await client.query<SettlementRow>(
    `SELECT t.attempt_id, coalesce(s.name, t.settled_by_station_id) AS settled_by, t.state, t.payment_id, t.paid_method, t.failure_code, t.failure_message
     FROM settlements AS t LEFT JOIN stations AS s ON s.store_id = t.store_id AND s.id = t.settled_by_station_id
     WHERE t.store_id = $1 AND t.owner_station_id = $2 AND t.applied_at IS NULL`,
    [joined.storeId, joined.stationId],
  );
  const done: SettlementsApplied = { applied: 0, corrected: 0, failed: 0 };
  for (const row of pending.rows) {
    try {
      if (applySettlement(mode, row, now) === 'corrected') done.corrected += 1;
    } catch (error) {
      done.failed += 1;
      log.warn('a settlement from the store could not be applied; it is tried again at the next heartbeat', {
        attemptId: row.attempt_id,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    await client.query(`UPDATE settlements SET applied_at = ${DB_NOW_MS} WHERE store_id = $1 AND attempt_id = $2`, [joined.storeId, row.attempt_id]);
    done.applied += 1;
  }
  return done;
}

function applySettlement(mode: RunningMode, row: SettlementRow, now: () => number): 'applied' | 'corrected' {
  const { db } = mode;
  const attempt = getAttempt(db, row.attempt_id);
  if (!attempt) return 'applied';
  const reason = `Re-checked from PC “${row.settled_by}”: Zoho reports the payment ${row.state}`;
  const close = closeCovering(db, attempt.createdAt);
  if (close) {
    if (attempt.state !== 'in_progress' && attempt.state !== 'unresolved') return 'applied';
    recordLateCharge(db, attempt, close, { toState: row.state, paymentId: row.payment_id, detail: reason, actor: 'store', now: now() });
    return 'corrected';
  }
  const base = { attemptId: row.attempt_id, from: ['in_progress', 'unresolved'] as const, at: now(), actor: 'store' };
  const applied =
    row.state === 'succeeded'
      ? finalizeAttempt(db, { ...base, to: 'succeeded', paymentId: row.payment_id, paidMethod: row.paid_method, reason })
      : finalizeAttempt(db, { ...base, to: 'failed', failureCode: row.failure_code, failureMessage: row.failure_message, reason });
  if (applied) mode.services.charges.publish(applied);
  return 'applied';
}
