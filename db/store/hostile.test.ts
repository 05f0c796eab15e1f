// A hostile PC, at the database: PC 2 of store s1 holds only what it keeps on its disk (its own
// login role and password) and tries each attack of issue 20 over a TCP login with that password.
// Each must be refused by PostgreSQL (or, for an UPDATE row-level security hides rows from, touch no
// row) and leave every row of the database as it was. Each case names the table or function tried.
import type pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { databaseRows, insertLedgerRow, PC_WRITTEN_TABLES } from '../../testkit/store-rows';
import { STORE_PIN, trustedStoreEachTest } from '../../testkit/store-trust';
import { teaItemFields } from '../../testkit/catalogue';
import { newItem } from '../local/catalogue';

const trust = trustedStoreEachTest();

const INSUFFICIENT_PRIVILEGE = '42501';
const WRONG_PIN = 'CN001';
const LOCKED = 'CN002';

beforeEach(async () => {
  const owner = trust.owner;
  await owner.query(
    "INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s1', 'c1', 'Front', 'T1', 'A-', 0), ('s1', 'c2', 'Back', 'T2', 'B-', 0), ('s2', 'c9', 'Only', 'T9', 'Z-', 0)",
  );
  await owner.query("INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ('s1', 'c1', 'pc1', 0)");
  await owner.query("INSERT INTO store_cashiers (store_id, id, name, pin_hash, created_at) VALUES ('s1', 'k1', 'Asha', 'scrypt$4$8$1$c2FsdA==$YXNoYQ==', 0), ('s2', 'k9', 'Ravi', 'scrypt$4$8$1$c2FsdA==$cmF2aQ==', 0)");
  for (const table of PC_WRITTEN_TABLES) {
    await insertLedgerRow(owner, table, 's1', 'pc1');
    await insertLedgerRow(owner, table, 's2', 'pc9');
  }
});

/** Runs `attack` and checks that no row of the database changed. */
async function changesNothing(attack: () => Promise<void>): Promise<void> {
  const before = await databaseRows(trust.owner);
  await attack();
  expect(await databaseRows(trust.owner)).toEqual(before);
}

async function refused(client: pg.Client, what: string, sql: string, params: unknown[] = [], code = INSUFFICIENT_PRIVILEGE): Promise<void> {
  await expect(client.query(sql, params), what).rejects.toMatchObject({ code });
}

async function touchesNoRow(client: pg.Client, what: string, sql: string, params: unknown[] = []): Promise<void> {
  const result = await client.query(sql, params);
  expect(result.rowCount, what).toBe(0);
}

/** How long the PIN stays locked, as the refusal of the right PIN says (its DETAIL, in ms). */
async function lockedForMs(client: pg.Client): Promise<number> {
  const refusal: unknown = await client.query('SELECT verify_manager_pin($1)', [STORE_PIN]).then(
    () => null,
    (error: unknown) => error,
  );
  expect(refusal, 'verify_manager_pin with the right PIN while locked').toMatchObject({ code: LOCKED });
  return Number((refusal as { detail?: string }).detail);
}

/** The wrong-try count of store s1 starts again (the owner's reset), so each case meets a wrong PIN, not a lockout. */
const resetPinGuard = () => trust.owner.query("SELECT setval(pin_guard_sequence('s1'), 0)");

describe('a hostile PC (PC 2, its own role only) against PC 1 and the store', () => {
  it('invoices, charge_attempts: cannot mark PC 1’s unpaid charge paid, by UPDATE, by upsert or as a row in PC 1’s name', async () => {
    const pc2 = trust.pc('pc2');
    await changesNothing(async () => {
      await touchesNoRow(pc2, 'UPDATE invoices', "UPDATE invoices SET status = 'paid', payment_id = 'P-forged' WHERE store_id = 's1' AND id = 'i1'");
      await touchesNoRow(pc2, 'UPDATE charge_attempts', "UPDATE charge_attempts SET state = 'succeeded', payment_id = 'P-forged', final_at = 9 WHERE store_id = 's1' AND id = 'a1'");
      await refused(
        pc2,
        'INSERT INTO invoices … ON CONFLICT DO UPDATE (PC 1’s key)',
        `INSERT INTO invoices (store_id, station_id, id, number, counter_id, lines, total_minor, currency, status, created_at)
         VALUES ('s1', 'pc1', 'i1', 'A-1', 'c1', '[]', 500, 'INR', 'paid', 1)
         ON CONFLICT (store_id, station_id, id) DO UPDATE SET status = 'paid'`,
      );
      await expect(insertLedgerRow(pc2, 'charge_attempts', 's1', 'pc1', { id: 'a-forged', state: 'succeeded' }), 'INSERT INTO charge_attempts (station pc1)').rejects.toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
      });
    });
  });

  it('settlements: cannot settle PC 1’s payment in another PC’s name, nor mark a request applied for PC 1; its own request changes no ledger row', async () => {
    const pc2 = trust.pc('pc2');
    const settle = (by: string) =>
      pc2.query(
        "INSERT INTO settlements (store_id, attempt_id, owner_station_id, settled_by_station_id, state, payment_id, at) VALUES ('s1', 'a1', 'pc1', $1, 'succeeded', 'P-forged', 0)",
        [by],
      );
    await changesNothing(async () => {
      await expect(settle('pc1'), 'INSERT INTO settlements (settled_by pc1)').rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
      await expect(settle('pc3'), 'INSERT INTO settlements (settled_by pc3)').rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    });
    const ledger = () => trust.owner.query("SELECT status, state FROM invoices JOIN charge_attempts AS a ON a.invoice_id = invoices.id WHERE invoices.station_id = 'pc1' AND invoices.store_id = 's1'");
    const before = (await ledger()).rows;
    await settle('pc2');
    await touchesNoRow(pc2, 'UPDATE settlements SET applied_at', "UPDATE settlements SET applied_at = 1 WHERE store_id = 's1' AND attempt_id = 'a1'");
    expect((await ledger()).rows).toEqual(before);
    expect((await trust.owner.query('SELECT settled_by_station_id, applied_at FROM settlements')).rows).toEqual([{ settled_by_station_id: 'pc2', applied_at: null }]);
  });

  it('attempt_reviews: cannot check PC 1’s payment in another PC’s name, nor mark a review applied for PC 1; its own review changes no ledger row', async () => {
    const pc2 = trust.pc('pc2');
    const review = (by: string) =>
      pc2.query("INSERT INTO attempt_reviews (store_id, owner_station_id, attempt_id, reviewed_by_station_id, note, at) VALUES ('s1', 'pc1', 'a1', $1, 'Nothing charged', 0)", [by]);
    await changesNothing(async () => {
      await expect(review('pc1'), 'INSERT INTO attempt_reviews (reviewed_by pc1)').rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
      await expect(review('pc3'), 'INSERT INTO attempt_reviews (reviewed_by pc3)').rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    });
    const ledger = () => trust.owner.query("SELECT state, reviewed_at FROM charge_attempts WHERE station_id = 'pc1' AND store_id = 's1'");
    const before = (await ledger()).rows;
    await review('pc2');
    await touchesNoRow(pc2, 'UPDATE attempt_reviews SET applied_at', "UPDATE attempt_reviews SET applied_at = 1 WHERE store_id = 's1' AND attempt_id = 'a1'");
    expect((await ledger()).rows).toEqual(before);
    expect((await trust.owner.query('SELECT reviewed_by_station_id, applied_at FROM attempt_reviews')).rows).toEqual([{ reviewed_by_station_id: 'pc2', applied_at: null }]);
  });

  it('stores.pin_hash, store_pins: cannot read the PIN hash, nor set a PIN it knows', async () => {
    const pc2 = trust.pc('pc2');
    await trust.owner.query("UPDATE stores SET pin_hash = 'scrypt$14$8$1$c2FsdA$aGFzaA' WHERE id = 's1'");
    await changesNothing(async () => {
      await refused(pc2, 'SELECT pin_hash FROM stores', 'SELECT pin_hash FROM stores');
      await refused(pc2, 'SELECT * FROM stores', 'SELECT * FROM stores');
      await refused(pc2, 'SELECT FROM store_pins', 'SELECT * FROM store_pins');
      await refused(pc2, 'UPDATE stores SET pin_hash', "UPDATE stores SET pin_hash = 'known' WHERE id = 's1'");
      await refused(pc2, 'UPDATE store_pins', "UPDATE store_pins SET pin_crypt = crypt('1111', gen_salt('bf'))");
      await refused(pc2, 'INSERT INTO store_pins', "INSERT INTO store_pins (store_id, pin_crypt) VALUES ('s1', 'x')");
    });
  });

  it('stores, counters, counter_claims, store_cashiers, the catalogue: cannot change preferences, Zoho details, counters, cashiers, items or another PC’s claim by writing the tables', async () => {
    const pc2 = trust.pc('pc2');
    await changesNothing(async () => {
      await refused(pc2, 'UPDATE stores (poll_interval_seconds)', "UPDATE stores SET poll_interval_seconds = 10 WHERE id = 's1'");
      await refused(pc2, 'UPDATE stores (zoho_account_id)', "UPDATE stores SET zoho_account_id = 'attacker', zoho_client_id = 'x' WHERE id = 's1'");
      await refused(pc2, 'UPDATE stores (config_version)', "UPDATE stores SET config_version = 99 WHERE id = 's1'");
      await refused(pc2, 'INSERT INTO counters', "INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, created_at) VALUES ('s1', 'c3', 'Evil', 'T3', 'E-', 0)");
      await refused(pc2, 'UPDATE counters', "UPDATE counters SET terminal_id = 'T-attacker' WHERE store_id = 's1' AND id = 'c1'");
      await refused(pc2, 'DELETE FROM counters', "DELETE FROM counters WHERE store_id = 's1'");
      await refused(pc2, 'INSERT INTO store_cashiers', "INSERT INTO store_cashiers (store_id, id, name, pin_hash, created_at) VALUES ('s1', 'k2', 'Mallory', 'scrypt$4$8$1$c2FsdA==$aGFzaA==', 0)");
      await refused(pc2, 'UPDATE store_cashiers (a PIN hash it knows)', "UPDATE store_cashiers SET pin_hash = 'scrypt$4$8$1$c2FsdA==$aGFzaA==' WHERE store_id = 's1'");
      await touchesNoRow(pc2, 'DELETE FROM counter_claims (PC 1’s claim)', "DELETE FROM counter_claims WHERE store_id = 's1' AND counter_id = 'c1'");
      await refused(pc2, 'INSERT INTO catalogue_items', "INSERT INTO catalogue_items (store_id, id, name, sku, unit, price_minor, price_includes_tax, rate_basis_points, hsn_code, tax_exempt, active, updated_at, revision) VALUES ('s1', 'i9', 'Evil', 'EVIL', 'piece', 1, true, 0, '', false, true, 0, 0)");
      await refused(pc2, 'UPDATE catalogue_items', "UPDATE catalogue_items SET price_minor = 1 WHERE store_id = 's1'");
      await refused(pc2, 'INSERT INTO catalogue_barcodes', "INSERT INTO catalogue_barcodes (store_id, barcode, item_id) VALUES ('s1', '1', 'i1')");
      await refused(pc2, 'UPDATE stores (catalogue_revision)', "UPDATE stores SET catalogue_revision = 0 WHERE id = 's1'");
      await refused(pc2, 'catalogue_put (without the PIN)', "SELECT catalogue_put('s1', '[]', false)");
      await refused(pc2, 'INSERT INTO counter_claims in PC 1’s name', "INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ('s1', 'c2', 'pc1', 0)");
    });
  });

  it('set_counter, set_preferences, set_zoho_details, set_receipt_details, set_catalogue_items, set_tax_settings, change_pin, release_claim, close_day, verify_manager_pin, add_cashier, remove_cashier: refused without the PIN', async () => {
    const pc2 = trust.pc('pc2');
    const calls: [string, string, unknown[]][] = [
      ['set_counter', 'SELECT set_counter($1, $2, $3, $4, $5, $6, $7)', ['c1', 'Front', 'T-attacker', 'A-', true, 0]],
      ['set_preferences', 'SELECT set_preferences($1, $2)', [10]],
      ['set_zoho_details', 'SELECT set_zoho_details($1, $2, $3, $4)', ['in', 'attacker', 'client']],
      ['set_receipt_details', 'SELECT set_receipt_details($1, $2, $3)', ['Mallory Mart', 'Nowhere']],
      ['set_catalogue_items', 'SELECT set_catalogue_items($1, $2)', [JSON.stringify([{ ...newItem(teaItemFields(), 0), id: 'i-evil' }])]],
      ['set_tax_settings', 'SELECT set_tax_settings($1, $2, $3, $4, $5)', ['27AAPFU0939F1ZV', 10_000, false, true]],
      ['change_pin', 'SELECT change_pin($1, $2)', ['1111']],
      ['release_claim', 'SELECT release_claim($1, $2)', ['c1']],
      ['close_day', 'SELECT close_day($1, $2, $3, $4, $5, $6, $7, $8, $9)', ['d9', '2025-01-20', 0, 10, 'Mallory', 0, '{}', 0]],
      ['verify_manager_pin', 'SELECT verify_manager_pin($1)', []],
      ['add_cashier', 'SELECT add_cashier($1, $2, $3, $4, $5)', ['k9', 'Mallory', 'scrypt$4$8$1$c2FsdA==$aGFzaA==', 0]],
      ['remove_cashier', 'SELECT remove_cashier($1, $2)', ['k9']],
    ];
    await changesNothing(async () => {
      for (const [name, sql, params] of calls) {
        await resetPinGuard();
        await refused(pc2, `${name} with a wrong PIN`, sql, ['0000', ...params], WRONG_PIN);
        await refused(pc2, `${name} with no PIN`, sql, [null, ...params], WRONG_PIN);
      }
    });
    await resetPinGuard();
  });

  it('manager_pin_try: five wrong tries lock the PIN even when PC 2 rolls every one back, then the lockout doubles', async () => {
    const pc2 = trust.pc('pc2');
    await pc2.query('BEGIN');
    for (let i = 0; i < 5; i++) {
      await pc2.query('SAVEPOINT try');
      await refused(pc2, `verify_manager_pin (try ${i + 1}, rolled back)`, 'SELECT verify_manager_pin($1)', [`000${i}`], WRONG_PIN);
      await pc2.query('ROLLBACK TO SAVEPOINT try');
    }
    await pc2.query('ROLLBACK');
    // Locked for a minute, on every PC, for the right PIN too.
    const first = await lockedForMs(pc2);
    expect(first).toBeGreaterThan(55_000);
    expect(first).toBeLessThanOrEqual(60_000);
    await expect(trust.pc('pc3').query('SELECT set_preferences($1, 7)', [STORE_PIN])).rejects.toMatchObject({ code: LOCKED });
    // The lockout ends (moved into the past by the owner): five more wrong tries lock it for two minutes.
    await trust.owner.query("SELECT setval(pin_guard_sequence('s1'), (db_now_ms() - 1) * 256 + 1 * 8)");
    for (let i = 0; i < 5; i++) await refused(pc2, 'verify_manager_pin', 'SELECT verify_manager_pin($1)', ['9999'], WRONG_PIN);
    const second = await lockedForMs(pc2);
    expect(second).toBeGreaterThan(115_000);
    expect(second).toBeLessThanOrEqual(120_000);
    // Store s2's PIN is not locked by s1's tries.
    await trust.pc('pc9').query('SELECT verify_manager_pin($1)', [STORE_PIN]);
  });

  it('manager_pin_try: a burst of wrong tries sent at once on many connections gets exactly five', async () => {
    const connections = await Promise.all(Array.from({ length: 8 }, () => trust.connect(trust.login('pc2'))));
    const answers = await Promise.all(
      connections.map((client, i) => client.query('SELECT verify_manager_pin($1)', [`11${i}1`]).then(() => 'right', (error: { code?: string }) => error.code)),
    );
    expect(answers.filter((code) => code === WRONG_PIN)).toHaveLength(5);
    expect(answers.filter((code) => code === LOCKED)).toHaveLength(3);
  });

  it('day_closes: cannot close the store’s day by writing the table, in its own name or PC 1’s', async () => {
    const pc2 = trust.pc('pc2');
    await changesNothing(async () => {
      for (const station of ['pc2', 'pc1']) {
        await expect(insertLedgerRow(pc2, 'day_closes', 's1', station), `INSERT INTO day_closes (station ${station})`).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
      }
    });
  });

  it('every ledger table: cannot insert, update or delete rows under PC 1’s name, move its own rows to PC 1, or write into store s2', async () => {
    const pc2 = trust.pc('pc2');
    await insertLedgerRow(trust.owner, 'day_closes', 's1', 'pc1');
    await insertLedgerRow(pc2, 'invoices', 's1', 'pc2', { id: 'i-own' });
    await changesNothing(async () => {
      for (const table of [...PC_WRITTEN_TABLES, 'day_closes']) {
        const writable = table !== 'day_closes';
        const insert = insertLedgerRow(pc2, table, 's1', 'pc1', { id: table.endsWith('_events') ? 77 : 'forged' });
        await expect(insert, `INSERT INTO ${table} (station pc1)`).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
        const intoOtherStore = insertLedgerRow(pc2, table, 's2', 'pc2', { id: table.endsWith('_events') ? 78 : 'elsewhere' });
        await expect(intoOtherStore, `INSERT INTO ${table} (store s2)`).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
        const update = `UPDATE ${table} SET created_at = 42 WHERE store_id = 's1' AND station_id = 'pc1'`;
        const updateEvents = `UPDATE ${table} SET at = 42 WHERE store_id = 's1' AND station_id = 'pc1'`;
        const sql = table.endsWith('_events') ? updateEvents : update;
        if (writable) await touchesNoRow(pc2, `UPDATE ${table} (station pc1)`, sql);
        else await refused(pc2, `UPDATE ${table} (station pc1)`, sql);
        await refused(pc2, `DELETE FROM ${table} (station pc1)`, `DELETE FROM ${table} WHERE store_id = 's1' AND station_id = 'pc1'`);
        await refused(pc2, `DELETE FROM ${table} (its own)`, `DELETE FROM ${table} WHERE store_id = 's1' AND station_id = 'pc2'`);
      }
      await refused(pc2, 'UPDATE invoices SET station_id = pc1 (its own row)', "UPDATE invoices SET station_id = 'pc1' WHERE id = 'i-own'");
    });
  });

  it('another store (s2, same database): reads none of its rows, and s2’s PC reads none of s1’s', async () => {
    for (const [pc, other] of [['pc2', 's2'], ['pc9', 's1']] as const) {
      const client = trust.pc(pc);
      for (const table of [...PC_WRITTEN_TABLES, 'day_closes', 'counters', 'counter_claims', 'stations', 'settlements', 'attempt_reviews', 'attempt_tallies', 'station_membership', 'store_cashiers']) {
        const rows = await client.query(`SELECT * FROM ${table} WHERE store_id = $1`, [other]);
        expect(rows.rows, `SELECT FROM ${table} (store ${other}) as ${pc}`).toEqual([]);
      }
      const stores = await client.query('SELECT id FROM stores');
      expect(stores.rows, `SELECT FROM stores as ${pc}`).toEqual([{ id: other === 's1' ? 's2' : 's1' }]);
    }
  });

  it('station_roles, pin guard, manager_pin_try, pc_group, attempt_tallies, token_requests, other PCs’ roles: out of reach', async () => {
    const pc2 = trust.pc('pc2');
    await changesNothing(async () => {
      await refused(pc2, 'SELECT FROM station_roles', 'SELECT * FROM station_roles');
      await refused(pc2, 'UPDATE station_roles (become PC 1)', "UPDATE station_roles SET station_id = 'pc1' WHERE role_name = session_user");
      await refused(pc2, 'INSERT INTO station_roles', "INSERT INTO station_roles (role_name, store_id, station_id, created_at) VALUES ('x', 's1', 'pc1', 0)");
      await refused(pc2, 'manager_pin_try', "SELECT manager_pin_try('s1', '2468')");
      await refused(pc2, 'setval on the pin guard', "SELECT setval('pin_guard_' || md5('s1'), 0)");
      await refused(pc2, 'pc_group', 'SELECT pc_group()');
      await refused(pc2, 'INSERT INTO attempt_tallies', "INSERT INTO attempt_tallies VALUES ('s1', 0, 'pc1', 'c1', 'succeeded', 'card', 1, 100)");
      await refused(pc2, 'SELECT FROM token_requests', 'SELECT * FROM token_requests');
      await refused(pc2, 'INSERT INTO token_requests', "INSERT INTO token_requests VALUES ('k', 0, 's1', 'pc1')");
      await refused(pc2, 'SET ROLE (PC 1’s role)', `SET ROLE ${trust.login('pc1').roleName}`);
      await refused(pc2, 'CREATE TABLE', 'CREATE TABLE mine (x int)');
      await refused(pc2, 'CREATE TEMP TABLE', 'CREATE TEMP TABLE mine (x int)');
      await refused(pc2, 'CREATE FUNCTION', "CREATE FUNCTION public.current_station() RETURNS text LANGUAGE sql AS $$ SELECT 'pc1' $$", [], '42501');
    });
  });
});

describe('what a PC may do with its own role', () => {
  it('writes and rewrites its own ledger rows (the tallies follow), heartbeats, claims and frees its counter, asks a re-check, books token requests', async () => {
    const pc2 = trust.pc('pc2');
    await insertLedgerRow(pc2, 'charge_attempts', 's1', 'pc2', { id: 'a2', counter_id: 'c2', state: 'in_progress', amount_minor: 900 });
    await pc2.query(
      `INSERT INTO charge_attempts SELECT * FROM jsonb_populate_recordset(NULL::charge_attempts, $1::jsonb)
       ON CONFLICT (store_id, station_id, id) DO UPDATE SET state = EXCLUDED.state`,
      [JSON.stringify([{ ...(await trust.owner.query("SELECT * FROM charge_attempts WHERE id = 'a2'")).rows[0], state: 'succeeded' }])],
    );
    const tallies = await pc2.query("SELECT state, attempt_count, amount_minor FROM attempt_tallies WHERE station_id = 'pc2' AND attempt_count > 0");
    expect(tallies.rows).toEqual([{ state: 'succeeded', attempt_count: 1, amount_minor: 900 }]);
    expect((await pc2.query("UPDATE stations SET last_seen = 5, live_sessions = 1 WHERE store_id = 's1' AND id = 'pc2'")).rowCount).toBe(1);
    await touchesNoRow(pc2, 'UPDATE stations (pc1)', "UPDATE stations SET last_seen = 5 WHERE store_id = 's1' AND id = 'pc1'");
    await pc2.query("INSERT INTO counter_claims (store_id, counter_id, station_id, claimed_at) VALUES ('s1', 'c2', 'pc2', 0)");
    expect((await pc2.query("DELETE FROM counter_claims WHERE store_id = 's1' AND counter_id = 'c2'")).rowCount).toBe(1);
    await pc2.query("INSERT INTO settlements (store_id, attempt_id, owner_station_id, settled_by_station_id, state, at) VALUES ('s1', 'a1', 'pc1', 'pc2', 'succeeded', 0)");
    expect((await trust.pc('pc1').query("UPDATE settlements SET applied_at = 1 WHERE store_id = 's1' AND attempt_id = 'a1'")).rowCount).toBe(1);
    const booked = await pc2.query<{ wait: number }>("SELECT book_token_request('acct', 2, 60000) AS wait");
    await pc2.query("SELECT book_token_request('acct', 2, 60000)");
    const third = await trust.pc('pc9').query<{ wait: number }>("SELECT book_token_request('acct', 2, 60000) AS wait");
    expect(booked.rows[0]?.wait).toBe(0);
    expect(third.rows[0]?.wait).toBeGreaterThan(0);
  });

  it('changes the configuration with the right PIN: counters, preferences, Zoho details, the PIN, a claim, its own day close', async () => {
    const pc2 = trust.pc('pc2');
    const version = async () => (await pc2.query<{ v: number }>("SELECT config_version AS v FROM stores WHERE id = 's1'")).rows[0]?.v ?? 0;
    const start = await version();
    await pc2.query('SELECT set_counter($1, $2, $3, $4, $5, $6, $7)', [STORE_PIN, 'c3', 'Side', 'T3', 'C-', true, 10]);
    await pc2.query('SELECT set_preferences($1, $2)', [STORE_PIN, 8]);
    await pc2.query('SELECT set_zoho_details($1, $2, $3, $4)', [STORE_PIN, 'in', 'acc-1', 'client-1']);
    await pc2.query('SELECT release_claim($1, $2)', [STORE_PIN, 'c1']);
    await pc2.query('SELECT close_day($1, $2, $3, $4, $5, $6, $7, $8, $9)', [STORE_PIN, 'd2', '2025-01-20', 0, 10, 'Asha', 0, '{}', 11]);
    await pc2.query('SELECT change_pin($1, $2)', [STORE_PIN, '13579']);
    expect(await version()).toBe(start + 4);
    const store = await trust.owner.query("SELECT poll_interval_seconds, zoho_account_id FROM stores WHERE id = 's1'");
    expect(store.rows).toEqual([{ poll_interval_seconds: 8, zoho_account_id: 'acc-1' }]);
    expect((await trust.owner.query("SELECT station_id FROM day_closes WHERE id = 'd2'")).rows).toEqual([{ station_id: 'pc2' }]);
    expect((await trust.owner.query("SELECT count(*)::int AS n FROM counter_claims WHERE counter_id = 'c1'")).rows).toEqual([{ n: 0 }]);
    // The release is recorded, in the releasing PC's name; only the PC released may take it away (it is back).
    expect((await trust.owner.query("SELECT station_id, terminal_id, released_by FROM claim_releases WHERE counter_id = 'c1'")).rows).toEqual([{ station_id: 'pc1', terminal_id: 'T1', released_by: 'pc2' }]);
    expect((await pc2.query("DELETE FROM claim_releases WHERE counter_id = 'c1'")).rowCount).toBe(0);
    expect((await trust.pc('pc1').query("DELETE FROM claim_releases WHERE counter_id = 'c1'")).rowCount).toBe(1);
    await refused(pc2, 'verify_manager_pin (the old PIN)', 'SELECT verify_manager_pin($1)', [STORE_PIN], WRONG_PIN);
    await pc2.query('SELECT verify_manager_pin($1)', ['13579']);
    await refused(pc2, 'set_preferences (11 s)', 'SELECT set_preferences($1, $2)', ['13579', 11], '22023');
    await refused(pc2, 'change_pin (letters)', 'SELECT change_pin($1, $2)', ['13579', 'abcd'], '22023');
  });

  it('set_counter: a terminal with a live payment on it does not move', async () => {
    const pc2 = trust.pc('pc2');
    await expect(pc2.query('SELECT set_counter($1, $2, $3, $4, $5, $6, $7)', [STORE_PIN, 'c1', 'Front', 'T7', 'A-', true, 0])).rejects.toMatchObject({ code: 'CN004' });
    await pc2.query('SELECT set_counter($1, $2, $3, $4, $5, $6, $7)', [STORE_PIN, 'c1', 'Front desk', 'T1', 'A-', true, 0]);
    expect((await trust.owner.query("SELECT name, terminal_id FROM counters WHERE store_id = 's1' AND id = 'c1'")).rows).toEqual([{ name: 'Front desk', terminal_id: 'T1' }]);
  });
});
