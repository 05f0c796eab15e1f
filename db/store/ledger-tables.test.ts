import { describe, expect, it } from 'vitest';
import { storeDatabaseEachTest } from '../../testkit/store';
import { STORE_LEDGER_TABLES, upsertSql } from './ledger-tables';
import { migrateStore } from './migrate';

const store = storeDatabaseEachTest();

const refund = (state: string, finalAt: number | null, updatedAt: number) => ({
  store_id: 's1', station_id: 'pc1', id: 'r1', attempt_id: 'a1', invoice_id: 'i1', counter_id: 'c1', payment_id: 'P1', amount_minor: 500,
  currency: 'INR', reason: 'others', note: null, request_key: 'k1', state, zoho_refund_id: 'Z1', failure_reason: null, failure_message: null,
  created_at: 1, updated_at: updatedAt, final_at: finalAt, last_checked_at: null, check_count: 0,
});

describe('the store ledger’s upserts', () => {
  it('an older copy of a refund (a restored PC re-shipping its backup) never undoes its final state; a newer one goes in', async () => {
    await migrateStore(store.client);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 1)");
    const table = STORE_LEDGER_TABLES.find((t) => t.table === 'refunds');
    if (!table) throw new Error('no refunds table');
    const ship = (row: ReturnType<typeof refund>) => store.client.query(upsertSql(table), [JSON.stringify([row])]);
    const stored = async () => (await store.client.query<{ state: string; final_at: number | null }>('SELECT state, final_at::int AS final_at FROM refunds')).rows;

    await ship(refund('initiated', null, 2));
    await ship(refund('succeeded', 9, 9));
    await ship(refund('initiated', null, 2));
    expect(await stored()).toEqual([{ state: 'succeeded', final_at: 9 }]);
  });
});
