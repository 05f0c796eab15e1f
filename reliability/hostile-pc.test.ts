// A hostile PC with real browser hosts (issue 20): three PCs joined to one store on a real PostgreSQL
// cluster (scram password logins over TCP) and one simulator. PC 2's insider holds only what PC 2
// keeps on its disk (its store-link file: its own login role and password) and tries each attack of
// the issue from there. Each is refused by PostgreSQL (or touches no row), names the table or
// function it tried, and changes nothing on PC 1 or PC 3: PC 1's unpaid charge stays unpaid until PC
// 1's own retrieve from Zoho says otherwise, the counters and the PIN stay, no day is closed. Then
// PC 1's manager removes PC 2: its kept login no longer connects and its sale stays in the store.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargeAttempt } from '../contract/records';
import { addStoreCounters, insertStore } from '../db/store/config';
import { APP_PASSWORD } from '../testkit/postgres-cluster';
import { connectStoreClient, eventually, withStoreClient, type LedgerRows } from '../testkit/store-ledger';
import { insertLedgerRow } from '../testkit/store-rows';
import { STATION_PIN, StoreStations } from '../testkit/store-stations';

const INSUFFICIENT_PRIVILEGE = '42501';
const WRONG_PIN = 'CN001';
const BAD_PASSWORD = '28P01';

let stations: StoreStations;
let pc1Charge: ChargeAttempt;
let pc2Sale: ChargeAttempt;
let otherStoreId: string;

beforeAll(async () => {
  stations = await StoreStations.start({ stations: 3, counters: 3 });
  pc1Charge = await stations.charge(0, 0, 2_500_00); // left unpaid on PC 1's terminal
  pc2Sale = await stations.charge(1, 1, 120_00);
  await stations.control.pay(pc2Sale.terminalId, { outcome: 'succeeded', method: 'card' });
  await eventually(async () => {
    const { store } = await stations.ledgers();
    const rows = store.charge_attempts ?? [];
    return rows.some((r) => r.id === pc1Charge.id) && rows.some((r) => r.id === pc2Sale.id && r.state === 'succeeded') ? true : undefined;
  }, 30_000, 'both sales in the store');
  // Another store on the same database (a chain): PC 2 must not see it.
  otherStoreId = randomUUID();
  await withStoreClient(stations.url, async (owner) => {
    await insertStore(owner, { id: otherStoreId, name: 'Other Street', pollIntervalSeconds: null, zoho: null });
    await addStoreCounters(owner, otherStoreId, [{ id: 'c-other', name: 'Other', terminalId: 'T-other', invoicePrefix: 'O-', active: true, createdAt: 0 }]);
  });
}, 180_000);

afterAll(async () => {
  await stations?.close();
}, 60_000);

/** What PC 2 keeps on its disk about its store: the store-link file of its data folder. */
function pc2Disk(): { url: string; mode: number; text: string } {
  const file = join(stations.station(1).dataDir, 'store-link.json');
  const text = readFileSync(file, 'utf8');
  return { url: (JSON.parse(text) as { url: string }).url, mode: statSync(file).mode & 0o777, text };
}

const POLLING = new Set(['poll_count', 'last_polled_at', 'updated_at']);

/** The store's ledger rows of PC 1 and PC 3, without what PC 1's own polling of its open charge moves on. */
async function othersLedger(): Promise<LedgerRows> {
  const { store } = await stations.ledgers();
  const others = new Set([stations.station(0).stationId, stations.station(2).stationId]);
  const rows: LedgerRows = {};
  for (const [table, list] of Object.entries(store)) {
    rows[table] = list.filter((r) => others.has(String(r.station_id))).map((r) => Object.fromEntries(Object.entries(r).filter(([column]) => !POLLING.has(column))));
  }
  return rows;
}

/** The store's configuration as its owner reads it: the store rows, counters, PIN and day closes. */
async function storeConfig(): Promise<unknown> {
  return withStoreClient(stations.url, async (owner) => ({
    stores: (await owner.query('SELECT id, name, poll_interval_seconds, zoho_edition, zoho_account_id, zoho_client_id, config_version FROM stores ORDER BY id')).rows,
    counters: (await owner.query('SELECT * FROM counters ORDER BY store_id, id')).rows,
    pins: (await owner.query('SELECT * FROM store_pins ORDER BY store_id')).rows,
    closes: (await owner.query('SELECT * FROM day_closes')).rows,
  }));
}

/** What PC 1 and PC 3 show: their counters, PC 1's charge, and that the store's PIN still opens their manager screens. */
async function whatPcsShow(): Promise<unknown> {
  const shown = [];
  for (const index of [0, 2]) {
    const { host } = stations.station(index);
    shown.push({ counters: await host.ok('counters-list', {}), unlocks: (await host.call('manager-unlock', { pin: STATION_PIN })).ok });
  }
  const { attempts } = await stations.station(0).host.ok('invoice-get', { invoiceId: pc1Charge.invoiceId });
  return { shown, pc1Charge: attempts.find((a) => a.id === pc1Charge.id)?.state };
}

async function refused(client: pg.Client, what: string, sql: string, params: unknown[], code: string): Promise<void> {
  await expect(client.query(sql, params), what).rejects.toMatchObject({ code });
}

async function touchesNoRow(client: pg.Client, what: string, sql: string, params: unknown[]): Promise<void> {
  expect((await client.query(sql, params)).rowCount, what).toBe(0);
}

describe('a hostile PC 2 with only what it keeps on its disk, against PC 1, PC 3 and the store', () => {
  it('keeps only its own login (0600, not the owner’s password), and logs in as its own role', async () => {
    const disk = pc2Disk();
    expect(disk.mode).toBe(0o600);
    expect(disk.text).not.toContain(APP_PASSWORD);
    const pc2 = await connectStoreClient(disk.url);
    try {
      const who = (await pc2.query<{ user: string; super: boolean }>("SELECT current_user AS user, current_setting('is_superuser') = 'on' AS super")).rows[0];
      expect(who?.user).toMatch(/^counter_pc_/);
      expect(who?.super).toBe(false);
    } finally {
      await pc2.end();
    }
  });

  it('each attack is refused by name and changes nothing on PC 1, PC 3 or the store', async () => {
    const pc1 = stations.station(0).stationId;
    const before = { ledger: await othersLedger(), config: await storeConfig(), shown: await whatPcsShow() };
    expect(before.shown).toMatchObject({ pc1Charge: 'in_progress' });
    const pc2 = await connectStoreClient(pc2Disk().url);
    try {
      const storeId = (await pc2.query<{ id: string }>('SELECT id FROM stores')).rows[0]?.id ?? '';
      // Marking PC 1's unpaid charge paid.
      await touchesNoRow(pc2, 'UPDATE charge_attempts (PC 1’s charge)', "UPDATE charge_attempts SET state = 'succeeded', payment_id = 'P-forged' WHERE id = $1", [pc1Charge.id]);
      await touchesNoRow(pc2, 'UPDATE invoices (PC 1’s invoice)', "UPDATE invoices SET status = 'paid' WHERE id = $1", [pc1Charge.invoiceId]);
      await refused(
        pc2,
        'INSERT INTO settlements (settled by PC 1)',
        "INSERT INTO settlements (store_id, attempt_id, owner_station_id, settled_by_station_id, state, payment_id, at) VALUES ($1, $2, $3, $3, 'succeeded', 'P-forged', 0)",
        [storeId, pc1Charge.id, pc1],
        INSUFFICIENT_PRIVILEGE,
      );
      // The PIN: read its hash, or set one the insider knows.
      await refused(pc2, 'SELECT pin_hash FROM stores', 'SELECT pin_hash FROM stores', [], INSUFFICIENT_PRIVILEGE);
      await refused(pc2, 'SELECT FROM store_pins', 'SELECT * FROM store_pins', [], INSUFFICIENT_PRIVILEGE);
      await refused(pc2, 'UPDATE stores SET pin_hash', "UPDATE stores SET pin_hash = 'known'", [], INSUFFICIENT_PRIVILEGE);
      // Counters, preferences, Zoho details by the tables.
      await refused(pc2, 'UPDATE counters', "UPDATE counters SET terminal_id = 'T-attacker'", [], INSUFFICIENT_PRIVILEGE);
      await refused(pc2, 'UPDATE stores (poll_interval_seconds)', 'UPDATE stores SET poll_interval_seconds = 10', [], INSUFFICIENT_PRIVILEGE);
      await refused(pc2, 'UPDATE stores (zoho_account_id)', "UPDATE stores SET zoho_account_id = 'attacker'", [], INSUFFICIENT_PRIVILEGE);
      // The same through the PIN functions, without the PIN (four tries: the fifth would lock the store's PIN, a defence of its own).
      const counter = stations.counters[0];
      await refused(pc2, 'set_counter without the PIN', 'SELECT set_counter($1, $2, $3, $4, $5, $6, $7)', ['0000', counter?.id, 'Evil', 'T-attacker', 'E-', true, 0], WRONG_PIN);
      await refused(pc2, 'set_zoho_details without the PIN', 'SELECT set_zoho_details($1, $2, $3, $4)', ['0000', 'in', 'attacker', 'client'], WRONG_PIN);
      await refused(pc2, 'change_pin without the PIN', 'SELECT change_pin($1, $2)', [null, '1111'], WRONG_PIN);
      // Closing the day: without the PIN, or by writing day_closes.
      await refused(pc2, 'close_day without the PIN', 'SELECT close_day($1, $2, $3, $4, $5, $6, $7, $8, $9)', ['0000', 'd-evil', '2026-12-07', 0, 10, 'Mallory', 0, '{}', 0], WRONG_PIN);
      await expect(insertLedgerRow(pc2, 'day_closes', storeId, 'pc-x'), 'INSERT INTO day_closes').rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
      // Rows under PC 1's name.
      await expect(insertLedgerRow(pc2, 'invoices', storeId, pc1, { id: 'forged' }), 'INSERT INTO invoices (PC 1)').rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
      await expect(insertLedgerRow(pc2, 'charge_attempts', storeId, pc1, { id: 'forged', state: 'succeeded' }), 'INSERT INTO charge_attempts (PC 1)').rejects.toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
      });
      await refused(pc2, 'DELETE FROM invoices (PC 1)', 'DELETE FROM invoices WHERE station_id = $1', [pc1], INSUFFICIENT_PRIVILEGE);
      await refused(pc2, 'DELETE FROM charge_attempts (PC 1)', 'DELETE FROM charge_attempts WHERE station_id = $1', [pc1], INSUFFICIENT_PRIVILEGE);
      await touchesNoRow(pc2, 'UPDATE tenders (PC 1)', 'UPDATE tenders SET amount_minor = 1 WHERE station_id = $1', [pc1]);
      // Another store's rows.
      expect((await pc2.query('SELECT * FROM counters WHERE store_id = $1', [otherStoreId])).rows, 'SELECT FROM counters (another store)').toEqual([]);
      expect((await pc2.query('SELECT id FROM stores WHERE id = $1', [otherStoreId])).rows, 'SELECT FROM stores (another store)').toEqual([]);
    } finally {
      await pc2.end();
    }
    expect(await storeConfig()).toEqual(before.config);
    expect(await othersLedger()).toEqual(before.ledger);
    expect(await whatPcsShow()).toEqual(before.shown);
    // PC 1's charge moves only on PC 1's own retrieve from Zoho.
    await stations.control.pay(pc1Charge.terminalId, { outcome: 'succeeded', method: 'card' });
    await eventually(async () => {
      const { attempts } = await stations.station(0).host.ok('invoice-get', { invoiceId: pc1Charge.invoiceId });
      return attempts.find((a) => a.id === pc1Charge.id)?.state === 'succeeded' ? true : undefined;
    }, 20_000, 'PC 1’s charge paid by Zoho’s word');
  });

  it('removed by PC 1’s manager (the owner’s address): PC 2’s kept login cannot connect; its sale stays', async () => {
    const kept = pc2Disk().url;
    const pc1 = stations.station(0);
    const { managerToken } = await pc1.host.ok('manager-unlock', { pin: STATION_PIN });
    await pc1.host.ok('store-pc-remove', { managerToken, url: stations.url, stationId: stations.station(1).stationId });
    await expect(withStoreClient(kept, async () => undefined), 'PC 2’s kept login').rejects.toMatchObject({ code: BAD_PASSWORD });
    const { store } = await stations.ledgers();
    expect(store.charge_attempts?.find((r) => r.id === pc2Sale.id)).toMatchObject({ state: 'succeeded', station_id: stations.station(1).stationId });
  });
});
