// The store's PCs (stations): registered at a join, kept alive by heartbeats, stopped on a clean
// shutdown, and each PC's shipping cursor (the last outbox seq the store applied).
import type pg from 'pg';
import { DB_NOW_MS } from './clock';
import type { Queryable } from './migrate';

export interface StationRow {
  id: string;
  name: string;
  last_seen: number;
  live_sessions: number;
  fresh: boolean;
}

export interface StationKey {
  storeId: string;
  stationId: string;
}

/** Registers the PC (or renames and revives it) at a join. */
export async function registerStation(client: Queryable, station: StationKey & { name: string }): Promise<void> {
  await client.query(
    `INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ($1, $2, $3, ${DB_NOW_MS}, ${DB_NOW_MS})
     ON CONFLICT (store_id, id) DO UPDATE SET name = EXCLUDED.name, last_seen = EXCLUDED.last_seen, stopped = false`,
    [station.storeId, station.stationId, station.name],
  );
}

/** The PCs of the store not stopped. */
export async function countRunningStations(client: Queryable, storeId: string): Promise<number> {
  const count = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM stations WHERE store_id = $1 AND NOT stopped', [storeId]);
  return count.rows[0]?.n ?? 0;
}

/** What a PC still has to send: its queued changes and when the oldest of them was made (unix ms, null when none). */
export interface Backlog {
  count: number;
  oldestAt: number | null;
}

/**
 * The PC says it is alive, with its count of live sessions and its backlog as it was with `firstSeq`
 * the first change queued in outbox `epoch`. A batch shipped meanwhile reached that change: its
 * backlog (moveShipCursor) is newer and stays.
 */
export async function beatStation(
  client: Queryable,
  station: StationKey & { name: string; liveSessions: number; backlog?: Backlog & { epoch: string; firstSeq: number } },
): Promise<void> {
  const backlog = station.backlog ?? { count: 0, oldestAt: null, epoch: '', firstSeq: 0 };
  await client.query(
    `INSERT INTO stations AS s (store_id, id, name, joined_at, last_seen, live_sessions, stopped, unshipped_count, unshipped_since)
     VALUES ($1, $2, $3, ${DB_NOW_MS}, ${DB_NOW_MS}, $4, false, $5, $6)
     ON CONFLICT (store_id, id) DO UPDATE SET name = EXCLUDED.name, last_seen = EXCLUDED.last_seen, live_sessions = EXCLUDED.live_sessions, stopped = false,
       unshipped_count = CASE WHEN s.outbox_epoch = $7 AND s.shipped_seq >= $8 THEN s.unshipped_count ELSE EXCLUDED.unshipped_count END,
       unshipped_since = CASE WHEN s.outbox_epoch = $7 AND s.shipped_seq >= $8 THEN s.unshipped_since ELSE EXCLUDED.unshipped_since END`,
    [station.storeId, station.stationId, station.name, station.liveSessions, backlog.count, backlog.oldestAt, backlog.epoch, backlog.firstSeq],
  );
}

/** The PCs not stopped and heard from within `forgetMs`, oldest first; `fresh` when heard from within `leaseMs`. */
export async function readLiveStations(client: Queryable, storeId: string, timing: { leaseMs: number; forgetMs: number }): Promise<StationRow[]> {
  const stations = await client.query<StationRow>(
    `SELECT id, name, last_seen, live_sessions, last_seen >= ${DB_NOW_MS} - $2 AS fresh FROM stations
     WHERE store_id = $1 AND NOT stopped AND last_seen >= ${DB_NOW_MS} - $3 ORDER BY joined_at, id`,
    [storeId, timing.leaseMs, timing.forgetMs],
  );
  return stations.rows;
}

/** Every PC the store has known, oldest first, by name. */
export async function listStationNames(client: Queryable, storeId: string): Promise<{ id: string; name: string }[]> {
  const rows = await client.query<{ id: string; name: string }>('SELECT id, name FROM stations WHERE store_id = $1 ORDER BY joined_at, id', [storeId]);
  return rows.rows;
}

/** A clean shutdown: the PC holds no budget any more. */
export async function stopStation(client: Queryable, station: StationKey): Promise<void> {
  await client.query('UPDATE stations SET stopped = true, live_sessions = 0 WHERE store_id = $1 AND id = $2', [station.storeId, station.stationId]);
}

/** The PC's shipping cursor, locked for the batch's transaction; null when the PC is not registered. */
export async function lockShipCursor(client: pg.ClientBase, station: StationKey): Promise<{ outbox_epoch: string | null; shipped_seq: number } | null> {
  const cursor = await client.query<{ outbox_epoch: string | null; shipped_seq: number }>(
    'SELECT outbox_epoch, shipped_seq FROM stations WHERE store_id = $1 AND id = $2 FOR UPDATE',
    [station.storeId, station.stationId],
  );
  return cursor.rows[0] ?? null;
}

/** The batch is in: the cursor moves, with what is still queued after it. */
export async function moveShipCursor(client: pg.ClientBase, station: StationKey, epoch: string, shippedSeq: number, backlog: Backlog): Promise<void> {
  await client.query('UPDATE stations SET outbox_epoch = $3, shipped_seq = $4, unshipped_count = $5, unshipped_since = $6 WHERE store_id = $1 AND id = $2', [
    station.storeId,
    station.stationId,
    epoch,
    shippedSeq,
    backlog.count,
    backlog.oldestAt,
  ]);
}

/**
 * The other PCs heard from on or after `sinceMs` (the business day's start) but not within `leaseMs`, not stopped
 * cleanly: they may hold changes of that day the store has not got. `silentMs`: since their last heartbeat.
 */
export async function stationsSilentSince(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  window: { sinceMs: number; leaseMs: number },
): Promise<{ name: string; silentMs: number }[]> {
  const rows = await client.query<{ name: string; silent_ms: number }>(
    `SELECT name, ${DB_NOW_MS} - last_seen AS silent_ms FROM stations
     WHERE store_id = $1 AND id <> $2 AND NOT stopped AND last_seen >= $3 AND last_seen < ${DB_NOW_MS} - $4 ORDER BY joined_at, id`,
    [joined.storeId, joined.stationId, window.sinceMs, window.leaseMs],
  );
  return rows.rows.map((row) => ({ name: row.name, silentMs: Number(row.silent_ms) }));
}

/**
 * The other PCs heard from on or after `sinceMs` (the day's start) whose last word was that changes
 * made before `beforeMs` (the day's end) still wait in their outbox: the store lacks them.
 */
export async function stationsWithBacklogBefore(
  client: Queryable,
  joined: { storeId: string; stationId: string },
  window: { sinceMs: number; beforeMs: number },
): Promise<{ name: string; count: number; oldestAt: number }[]> {
  const rows = await client.query<{ name: string; unshipped_count: number; unshipped_since: number }>(
    `SELECT name, unshipped_count, unshipped_since FROM stations
     WHERE store_id = $1 AND id <> $2 AND last_seen >= $3 AND unshipped_count > 0 AND unshipped_since < $4 ORDER BY joined_at, id`,
    [joined.storeId, joined.stationId, window.sinceMs, window.beforeMs],
  );
  return rows.rows.map((row) => ({ name: row.name, count: Number(row.unshipped_count), oldestAt: Number(row.unshipped_since) }));
}
