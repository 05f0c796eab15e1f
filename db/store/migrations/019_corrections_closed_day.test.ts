import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeCorrectionsClosedDay } from './019_corrections_closed_day';
import { STORE_MIGRATIONS } from './index';

const position = STORE_MIGRATIONS.indexOf(storeCorrectionsClosedDay);

const store = storeDatabaseEachTest();

describe('store migration 019: corrections by the closed day they are for', () => {
  it('indexes the corrections of the version before it by store and closed day, keeping them', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await store.client.query(
      `INSERT INTO corrections (store_id, station_id, id, day, closed_day, record_kind, record_id, counter_id, invoice_number, from_state, to_state, amount_minor, detail, created_at, updated_at)
       VALUES ('s1', 'pc1', 'x1', '2025-01-16', '2025-01-15', 'charge', 't1', 'c1', 'A-1', 'not counted in the close', 'succeeded', 500, 'late', 0, 0)`,
    );
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeCorrectionsClosedDay.version);
    expect((await store.client.query('SELECT id FROM corrections')).rows).toEqual([{ id: 'x1' }]);
    const index = await store.client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'corrections_closed_day'");
    expect(index.rows[0]?.indexdef).toMatch(/\(store_id, closed_day, record_kind, record_id\)/);
  });
});
