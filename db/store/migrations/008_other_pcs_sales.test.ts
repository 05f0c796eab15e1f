import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../../testkit/store';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { STORE_MIGRATIONS } from './index';

const store = storeDatabaseEachTest();

describe('store migration 008: other PCs’ sales', () => {
  it('adds the receipt name and address to version 7’s stores (none yet) and indexes refunds by their payment', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 7));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, 8));
    expect(await storeSchemaVersion(store.client)).toBe(8);
    expect((await store.client.query('SELECT id, receipt_name, receipt_address FROM stores')).rows).toEqual([{ id: 's1', receipt_name: null, receipt_address: null }]);
    await expect(store.client.query(`UPDATE stores SET receipt_name = repeat('x', 81) WHERE id = 's1'`)).rejects.toThrow(/check constraint/);
    const indexes = await store.client.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'refunds_attempt'",
    );
    expect(indexes.rows.map((r) => r.indexdef)).toEqual(['CREATE INDEX refunds_attempt ON public.refunds USING btree (store_id, attempt_id)']);
  });
});
