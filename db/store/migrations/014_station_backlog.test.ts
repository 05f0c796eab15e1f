import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { beatStation, moveShipCursor, stationsWithBacklogBefore } from '../stations';
import { storeStationBacklog } from './014_station_backlog';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeStationBacklog);

const store = storeDatabaseEachTest();

describe('store migration 014: what each PC still has to send', () => {
  it('adds the backlog to the stations of the version before it, none queued', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query("INSERT INTO stations (store_id, id, name, joined_at, last_seen) VALUES ('s1', 'pc1', 'Till 1', 0, 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeStationBacklog.version);
    const rows = await store.client.query('SELECT id, unshipped_count, unshipped_since FROM stations');
    expect(rows.rows).toEqual([{ id: 'pc1', unshipped_count: 0, unshipped_since: null }]);
  });

  it('a heartbeat’s backlog gives way to a batch shipped since it was read; the close names a PC with changes of the day queued', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    const pc2 = { storeId: 's1', stationId: 'pc2', name: 'Till 2', liveSessions: 0 };
    const backlogOf = async () => (await store.client.query('SELECT unshipped_count, unshipped_since FROM stations WHERE id = $1', ['pc2'])).rows[0] as unknown;
    await beatStation(store.client, { ...pc2, backlog: { count: 5, oldestAt: 1_000, epoch: 'e1', firstSeq: 11 } });
    expect(await backlogOf()).toEqual({ unshipped_count: 5, unshipped_since: 1_000 });
    const pcs = (beforeMs: number) => stationsWithBacklogBefore(store.client, { storeId: 's1', stationId: 'pc1' }, { sinceMs: 0, beforeMs });
    expect(await pcs(1_001)).toEqual([{ name: 'Till 2', count: 5, oldestAt: 1_000 }]);
    expect(await pcs(1_000)).toEqual([]); // made after that day's end
    // A batch up to seq 13 ships, leaving 2 queued from 3 000; a heartbeat read before it (from seq 11) does not undo that.
    await store.client.query('BEGIN');
    await moveShipCursor(store.client, { storeId: 's1', stationId: 'pc2' }, 'e1', 13, { count: 2, oldestAt: 3_000 });
    await store.client.query('COMMIT');
    await beatStation(store.client, { ...pc2, backlog: { count: 5, oldestAt: 1_000, epoch: 'e1', firstSeq: 11 } });
    expect(await backlogOf()).toEqual({ unshipped_count: 2, unshipped_since: 3_000 });
    // Read after it (from seq 14), or in a new epoch, the heartbeat's is the newer word.
    await beatStation(store.client, { ...pc2, backlog: { count: 0, oldestAt: null, epoch: 'e1', firstSeq: Number.MAX_SAFE_INTEGER } });
    expect(await backlogOf()).toEqual({ unshipped_count: 0, unshipped_since: null });
    await beatStation(store.client, { ...pc2, backlog: { count: 7, oldestAt: 500, epoch: 'e2', firstSeq: 1 } });
    expect(await backlogOf()).toEqual({ unshipped_count: 7, unshipped_since: 500 });
  });
});
