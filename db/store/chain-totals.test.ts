import { describe, expect, it } from 'vitest';
import { localDayRange } from '../../contract/calendar';
import { storeDatabaseEachTest } from '../../testkit/store';
import { chainDayTakings } from './chain-totals';
import { migrateStore } from './migrate';

const store = storeDatabaseEachTest();

describe('a head office’s day across stores', () => {
  it('sums each store’s paid and failed attempts of that day only, in the order asked, a quiet store at zero', async () => {
    await migrateStore(store.client);
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 1), ('s2', 'Station Road', 1), ('s3', 'Quiet Lane', 1)");
    const { fromMs, toMs } = localDayRange('2026-12-07');
    const attempt = (storeId: string, id: string, state: string, amount: number, at: number) =>
      store.client.query(
        `INSERT INTO charge_attempts (store_id, station_id, id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, declined_tries, created_at, updated_at, poll_count)
         VALUES ($1, 'pc-1', $2, 'i-' || $2, 'c1', 'T1', $3, 'INR', 'card', $4, '[]', $5, $5, 0)`,
        [storeId, id, amount, state, at],
      );
    await attempt('s1', 'a1', 'succeeded', 10_000, fromMs);
    await attempt('s1', 'a2', 'succeeded', 2_550, toMs - 1);
    await attempt('s1', 'a3', 'failed', 700, fromMs + 60_000);
    await attempt('s1', 'yesterday', 'succeeded', 99_900, fromMs - 1);
    await attempt('s1', 'tomorrow', 'succeeded', 99_900, toMs);
    await attempt('s2', 'b1', 'succeeded', 500, fromMs + 3_600_000);
    await store.client.query("UPDATE charge_attempts SET state = 'failed' WHERE id = 'a2'");
    await store.client.query("UPDATE charge_attempts SET state = 'succeeded' WHERE id = 'a2'");

    expect(await chainDayTakings(store.client, ['s3', 's2', 's1'], '2026-12-07')).toEqual([
      { storeId: 's3', paidCount: 0, paidMinor: 0, failedCount: 0 },
      { storeId: 's2', paidCount: 1, paidMinor: 500, failedCount: 0 },
      { storeId: 's1', paidCount: 2, paidMinor: 12_550, failedCount: 1 },
    ]);
  });
});
