// Every PC's charge attempts as shipped to the store, read by another PC: one attempt and its
// audit trail, and the live payments and holds that keep a terminal, a counter or a day busy.
import type { AttemptEvent, ChargeAttempt } from '../../contract/records';
import { LIVE_STATES, type AttemptState } from '../../contract/vocabulary';
import { toChargeAttempt, type AttemptRow } from '../local/attempt-queries';
import { sqlLiterals } from '../local/statements';
import type { Queryable } from './migrate';

export type StoreAttempt = ChargeAttempt & { stationId: string };

export async function readStoreAttempt(client: Queryable, storeId: string, attemptId: string): Promise<StoreAttempt | null> {
  const result = await client.query<AttemptRow & { station_id: string }>(
    `SELECT a.*, coalesce(i.number, '') AS invoice_number FROM charge_attempts AS a
     LEFT JOIN invoices AS i ON i.store_id = a.store_id AND i.station_id = a.station_id AND i.id = a.invoice_id WHERE a.store_id = $1 AND a.id = $2`,
    [storeId, attemptId],
  );
  const row = result.rows[0];
  return row ? { ...toChargeAttempt(row), stationId: row.station_id } : null;
}

/** The attempt's audit trail as its PC shipped it, oldest first (none: the store has not heard of it). */
export async function readStoreAttemptEvents(client: Queryable, storeId: string, attemptId: string): Promise<AttemptEvent[]> {
  const rows = await client.query<{ id: number; attempt_id: string; at: number; from_state: AttemptEvent['fromState']; to_state: AttemptEvent['toState']; actor: string; reason: string }>(
    'SELECT id, attempt_id, at, from_state, to_state, actor, reason FROM attempt_events WHERE store_id = $1 AND attempt_id = $2 ORDER BY at, id',
    [storeId, attemptId],
  );
  return rows.rows.map((r) => ({ id: r.id, attemptId: r.attempt_id, at: r.at, fromState: r.from_state, toState: r.to_state, actor: r.actor, reason: r.reason }));
}

/** The name of a PC with a live payment on the counter, as shipped; null when none has one. */
export async function stationWithLiveAttemptOnCounter(client: Queryable, storeId: string, counterId: string): Promise<string | null> {
  const live = await client.query<{ station: string }>(
    `SELECT s.name AS station FROM charge_attempts AS a JOIN stations AS s ON s.store_id = a.store_id AND s.id = a.station_id
     WHERE a.store_id = $1 AND a.counter_id = $2 AND a.state IN ('creating', 'in_progress') LIMIT 1`,
    [storeId, counterId],
  );
  return live.rows[0]?.station ?? null;
}

/** The WHERE of the store's charge_attempts_taken_terminal index (store migration 004), word for word. */
const TAKEN_IN_STORE = `(a.state IN (${sqlLiterals(LIVE_STATES)}) OR (a.hold_until IS NOT NULL AND a.hold_ended_at IS NULL))`;

export interface TerminalTaker {
  station_id: string;
  station: string;
  state: AttemptState;
  hold_until: number | null;
}

/** The other PCs' attempts that take the terminal: live, or holding it after a lost create answer. */
export async function terminalTakersElsewhere(client: Queryable, use: { storeId: string; stationId: string; terminalId: string }): Promise<TerminalTaker[]> {
  const rows = await client.query<TerminalTaker>(
    `SELECT a.station_id, s.name AS station, a.state, a.hold_until FROM charge_attempts AS a
     JOIN stations AS s ON s.store_id = a.store_id AND s.id = a.station_id
     WHERE a.store_id = $1 AND a.terminal_id = $2 AND ${TAKEN_IN_STORE} AND a.station_id <> $3`,
    [use.storeId, use.terminalId, use.stationId],
  );
  return rows.rows;
}

/**
 * The name of another PC with a payment or refund created in [fromMs, toMs) still waiting for Zoho;
 * null when none has one. The payments that take a terminal and the window's refunds, by their indexes.
 */
export async function stationLiveElsewhereInWindow(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  { fromMs, toMs }: { fromMs: number; toMs: number },
): Promise<string | null> {
  const live = await client.query<{ name: string }>(
    `SELECT coalesce(s.name, x.station_id) AS name FROM (
       (SELECT a.station_id FROM charge_attempts AS a WHERE a.store_id = $1 AND a.station_id <> $2 AND a.state IN ('creating', 'in_progress')
          AND a.created_at >= $3 AND a.created_at < $4 LIMIT 1)
       UNION ALL
       (SELECT r.station_id FROM refunds AS r WHERE r.store_id = $1 AND r.station_id <> $2 AND r.state = 'creating' AND r.created_at >= $3 AND r.created_at < $4 LIMIT 1)
     ) AS x LEFT JOIN stations AS s ON s.store_id = $1 AND s.id = x.station_id LIMIT 1`,
    [joined.storeId, joined.stationId, fromMs, toMs],
  );
  return live.rows[0]?.name ?? null;
}
