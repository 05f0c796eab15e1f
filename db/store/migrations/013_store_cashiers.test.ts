import { describe, expect, it } from 'vitest';
import { STORE_PIN, trustedStoreEachTest } from '../../../testkit/store-trust';
import { readStoreCashiers } from '../cashiers';
import { migrateStore, storeSchemaVersion } from '../migrate';
import { storeCashiers } from './013_store_cashiers';
import { STORE_MIGRATIONS } from './index';
import { storeDatabaseEachTest } from '../../../testkit/store';

const position = STORE_MIGRATIONS.indexOf(storeCashiers);
/** A cashier PIN hash in the app's format (core/manager/pin-hash.ts: scrypt$log2N$r$p$salt$hash). */
const HASH = 'scrypt$16$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

describe('store migration 013: the store’s cashiers', () => {
  const store = storeDatabaseEachTest();
  it('adds the table to the version before it, with row security on', async () => {
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position));
    await store.client.query("INSERT INTO stores (id, name, created_at) VALUES ('s1', 'Main Street', 0)");
    await migrateStore(store.client, STORE_MIGRATIONS.slice(0, position + 1));
    expect(await storeSchemaVersion(store.client)).toBe(storeCashiers.version);
    const security = await store.client.query<{ relrowsecurity: boolean }>("SELECT relrowsecurity FROM pg_class WHERE relname = 'store_cashiers'");
    expect(security.rows).toEqual([{ relrowsecurity: true }]);
  });
});

describe('store migration 013: cashiers through the PIN', () => {
  const trust = trustedStoreEachTest();
  const version = async () => (await trust.owner.query<{ v: number }>("SELECT config_version AS v FROM stores WHERE id = 's1'")).rows[0]?.v ?? 0;

  it('a PC adds and removes its own store’s cashiers with the PIN (the config version moves on), and every PC of the store reads them; never by a direct write, never another store’s', async () => {
    const pinHash = HASH;
    const start = await version();
    await trust.pc('pc1').query('SELECT add_cashier($1, $2, $3, $4, $5)', [STORE_PIN, 'k1', 'Asha', pinHash, 10]);
    await trust.pc('pc1').query('SELECT add_cashier($1, $2, $3, $4, $5)', [STORE_PIN, 'k2', 'Ravi', pinHash, 11]);
    expect(await version()).toBe(start + 2);
    expect(await readStoreCashiers(trust.pc('pc2'), 's1')).toEqual([
      { id: 'k1', name: 'Asha', pinHash, createdAt: 10, removedAt: null },
      { id: 'k2', name: 'Ravi', pinHash, createdAt: 11, removedAt: null },
    ]);
    expect(await readStoreCashiers(trust.pc('pc9'), 's1')).toEqual([]);

    await trust.pc('pc2').query('SELECT remove_cashier($1, $2)', [STORE_PIN, 'k2']);
    expect(await version()).toBe(start + 3);
    const [, ravi] = await readStoreCashiers(trust.pc('pc1'), 's1');
    expect(ravi?.removedAt).toBeGreaterThan(0);

    const pc2 = trust.pc('pc2');
    await expect(pc2.query('SELECT add_cashier($1, $2, $3, $4, $5)', ['0000', 'k3', 'Mallory', pinHash, 12]), 'a wrong PIN').rejects.toMatchObject({ code: 'CN001' });
    await expect(pc2.query('SELECT remove_cashier($1, $2)', ['0000', 'k1']), 'a wrong PIN').rejects.toMatchObject({ code: 'CN001' });
    await trust.owner.query("SELECT setval(pin_guard_sequence('s1'), 0)");
    await expect(pc2.query('SELECT add_cashier($1, $2, $3, $4, $5)', [STORE_PIN, 'k3', ' asha ', pinHash, 12]), 'a name the store has').rejects.toMatchObject({ code: '23505', constraint: 'store_cashiers_one_name' });
    await expect(pc2.query('SELECT add_cashier($1, $2, $3, $4, $5)', [STORE_PIN, 'k3', 'Mallory', '1357', 12]), 'a PIN, not its hash').rejects.toMatchObject({ code: '23514' });
    await expect(pc2.query('SELECT remove_cashier($1, $2)', [STORE_PIN, 'k2']), 'a cashier removed already').rejects.toMatchObject({ code: 'P0002' });
    await pc2.query('SELECT add_cashier($1, $2, $3, $4, $5)', [STORE_PIN, 'k4', 'Ravi', pinHash, 13]); // the name is free again

    for (const [what, sql] of [
      ['INSERT', "INSERT INTO store_cashiers (store_id, id, name, pin_hash, created_at) VALUES ('s1', 'k5', 'Mallory', 'x', 0)"],
      ['UPDATE (their PIN hash)', "UPDATE store_cashiers SET pin_hash = 'x' WHERE store_id = 's1'"],
      ['UPDATE (un-remove)', "UPDATE store_cashiers SET removed_at = NULL WHERE store_id = 's1'"],
      ['DELETE', "DELETE FROM store_cashiers WHERE store_id = 's1'"],
    ]) {
      await expect(pc2.query(sql ?? ''), `${what} store_cashiers`).rejects.toMatchObject({ code: '42501' });
    }
    await expect(trust.pc('pc9').query('SELECT remove_cashier($1, $2)', [STORE_PIN, 'k1']), 'another store’s cashier').rejects.toMatchObject({ code: 'P0002' });
  });
});
