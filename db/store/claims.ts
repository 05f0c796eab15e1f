// Counter claims in the store: which PC holds which counter, with its PC's last heartbeat.
import type pg from 'pg';
import { DB_NOW_MS } from './clock';
import type { Queryable } from './migrate';

export interface ClaimRow {
  counter_id: string;
  station_id: string;
  station_name: string;
  claimed_at: number;
  last_seen: number;
  stale: boolean;
}

/** The store's claims, oldest first; `stale` when the holder has not been heard from within `leaseMs`. */
export async function readClaims(client: Queryable, storeId: string, leaseMs: number): Promise<ClaimRow[]> {
  const result = await client.query<ClaimRow>(
    `SELECT c.counter_id, c.station_id, s.name AS station_name, c.claimed_at, s.last_seen, s.last_seen < ${DB_NOW_MS} - $2 AS stale
     FROM counter_claims AS c JOIN stations AS s ON s.store_id = c.store_id AND s.id = c.station_id
     WHERE c.store_id = $1 ORDER BY c.claimed_at`,
    [storeId, leaseMs],
  );
  return result.rows;
}

const CLAIM_LOCK_NAMESPACE = 7_310_030;

/**
 * Locks the counter for the transaction, so two PCs claim it one after the other: an advisory lock,
 * since a PC's role may read the counters but not lock their rows (FOR UPDATE needs UPDATE).
 */
export async function lockCounterRow(client: pg.ClientBase, storeId: string, counterId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CLAIM_LOCK_NAMESPACE, `${storeId}/${counterId}`]);
}

export async function insertClaim(client: pg.ClientBase, claim: { storeId: string; counterId: string; stationId: string }): Promise<void> {
  await client.query(`INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ($1, $2, $3, ${DB_NOW_MS})`, [
    claim.storeId,
    claim.counterId,
    claim.stationId,
  ]);
}

/** Deletes the counter's claim: any PC's, or only `stationId`'s when given. */
export async function deleteClaim(client: Queryable, storeId: string, counterId: string, stationId?: string): Promise<void> {
  if (stationId === undefined) await client.query('DELETE FROM counter_claims WHERE store_id = $1 AND counter_id = $2', [storeId, counterId]);
  else await client.query('DELETE FROM counter_claims WHERE store_id = $1 AND counter_id = $2 AND station_id = $3', [storeId, counterId, stationId]);
}

/** The highest sequence of the store's invoice numbers on the counter with `prefix` (0 when none). */
export async function highestInvoiceSequence(client: Queryable, storeId: string, counterId: string, prefix: string): Promise<number> {
  const numbers = await client.query<{ sequence: number | null }>(
    `SELECT max(substr(number, length($3) + 1)::bigint) AS sequence FROM invoices
     WHERE store_id = $1 AND counter_id = $2 AND left(number, length($3)) = $3 AND substr(number, length($3) + 1) ~ '^[0-9]{1,15}$'`,
    [storeId, counterId, prefix],
  );
  return numbers.rows[0]?.sequence ?? 0;
}

export interface ClaimReleaseRow {
  counter_id: string;
  /** The PC whose claim a manager released. */
  station_id: string;
  station_name: string;
  released_at: number;
  /** By the database's clock: how long ago the release was. */
  elapsed_ms: number;
  /** That PC's latest payment on the terminal the store knows of (none: it shipped none). */
  attempt_id: string | null;
  payments_session_id: string | null;
}

/**
 * The releases of other PCs' claims on counters that used `terminalId` (a PC's until it claims that
 * counter again), each with that PC's latest payment on the terminal as shipped.
 */
export async function releasesOnTerminal(
  client: Queryable,
  use: { storeId: string; stationId: string; terminalId: string },
): Promise<ClaimReleaseRow[]> {
  const result = await client.query<ClaimReleaseRow>(
    `SELECT r.counter_id, r.station_id, coalesce(s.name, r.station_id) AS station_name, r.released_at, ${DB_NOW_MS} - r.released_at AS elapsed_ms,
            last.id AS attempt_id, last.payments_session_id
     FROM claim_releases AS r
     LEFT JOIN stations AS s ON s.store_id = r.store_id AND s.id = r.station_id
     LEFT JOIN LATERAL (
       SELECT a.id, a.payments_session_id FROM charge_attempts AS a
       WHERE a.store_id = r.store_id AND a.station_id = r.station_id AND a.terminal_id = r.terminal_id
       ORDER BY a.created_at DESC, a.id DESC LIMIT 1
     ) AS last ON true
     WHERE r.store_id = $1 AND r.terminal_id = $2 AND r.station_id <> $3
     ORDER BY r.released_at`,
    [use.storeId, use.terminalId, use.stationId],
  );
  return result.rows;
}

/** This PC claims the counter again: a release of its claim there is over (its payments reach the store as usual). */
export async function forgetOwnRelease(client: Queryable, storeId: string, counterId: string, stationId: string): Promise<void> {
  await client.query('DELETE FROM claim_releases WHERE store_id = $1 AND counter_id = $2 AND station_id = $3', [storeId, counterId, stationId]);
}
