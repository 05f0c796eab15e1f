// Joining a store with a bad address, database or PIN: each refused with a clear message at the
// field to fix, and nothing on the PC changed. And a PC whose store link goes down: charging goes
// on, configuration waits for the link, everything catches up when it is back.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../../testkit/fingerprint';
import { APP_ROLE } from '../../testkit/postgres-cluster';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { localDate } from '../../testkit/time';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually, pcLedgerRows, storeLedgerRows, withStoreClient } from '../../testkit/store-ledger';
import { migrateStore } from '../../db/store/migrate';
import { STORE_MIGRATIONS } from '../../db/store/migrations';

const store = storeDatabaseEachTest({ ownCluster: true }); // its own: the link-down test stops PostgreSQL
const rigs: Rig[] = [];

afterEach(async () => {
  if (!store.cluster.isRunning) await store.cluster.resume();
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function pc(): Promise<Rig> {
  const rig = await Rig.start({ tuning: { ...TEST_TUNING, store: { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 } } });
  rigs.push(rig);
  return rig;
}

/** Everything a join could change on the PC: its database, its PIN file, its store link. */
async function pcState(rig: Rig) {
  const pinFile = join(rig.dataDir, 'manager-pin.json');
  return {
    database: databaseFingerprint(join(rig.dataDir, 'counter.db')),
    pin: existsSync(pinFile) ? createHash('sha256').update(readFileSync(pinFile)).digest('hex') : null,
    link: await rig.storeSecrets.read(),
    status: (await rig.call('store-status', {})).link,
  };
}

describe('joining a store: bad input', () => {
  const cases: { what: string; url: () => Promise<string>; message: RegExp }[] = [
    { what: 'an address where no database server answers', url: async () => 'postgres://counter_app:pw@127.0.0.1:9/store', message: /^Cannot reach the store’s database at 127\.0\.0\.1:9\. Check the address/ },
    { what: 'a wrong password', url: async () => store.cluster.url(new URL(store.url).pathname.slice(1), `${APP_ROLE}:wrong`), message: /refused the user name or password in the address/ },
    { what: 'a database that does not exist', url: async () => store.cluster.url('no_such_store'), message: /has no database by the name in the address/ },
    {
      what: 'a database that is not a Counter store',
      url: async () => {
        await store.client.query('CREATE TABLE customers (id int)');
        return store.url;
      },
      message: /holds other data and is not a Counter store/,
    },
    {
      what: 'a user that may not create roles',
      url: async () => {
        await store.cluster.admin(`CREATE ROLE plain_owner LOGIN PASSWORD 'pw'`);
        const name = `plain_${Date.now()}`;
        await store.cluster.admin(`CREATE DATABASE ${name} OWNER plain_owner`);
        return store.cluster.url(name, 'plain_owner:pw');
      },
      message: /must own that database and may create roles \(CREATEROLE\)/,
    },
    {
      what: 'an address that turns TLS off to another computer',
      url: async () => 'postgres://counter_app:pw@10.255.255.1:5432/store?sslmode=disable',
      message: /sslmode=disable would send the password unencrypted to 10\.255\.255\.1; TLS may be turned off only for a database on this computer/,
    },
    {
      what: 'a store set up by a newer Counter',
      url: async () => {
        await migrateStore(store.client);
        await store.client.query('UPDATE counter_store_schema SET version = $1', [STORE_MIGRATIONS.length + 1]);
        return store.url;
      },
      message: new RegExp(
        `set up by a newer version of Counter \\(store schema ${STORE_MIGRATIONS.length + 1}; this version understands up to ${STORE_MIGRATIONS.length}\\)\\. Update Counter on this PC\\.`,
      ),
    },
  ];

  for (const { what, url, message } of cases) {
    it(`${what}: a clear message at the address, nothing changed here`, async () => {
      const rig = await pc();
      const address = await url();
      const before = await pcState(rig);
      const result = await rig.raw('store-join', { managerToken: rig.managerToken, url: address, storeName: 'Main Street', pin: '2468' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'url' } });
      if (!result.ok) expect(result.error.message).toMatch(message);
      expect(await pcState(rig)).toEqual(before);
      expect(before.status).toBe('off');
    });
  }

  it('the password is never shown in store-status, whatever form the address gives it in', async () => {
    const database = new URL(store.url).pathname.slice(1);
    const password = new URL(store.url).password;
    const forms = [store.url, `${store.cluster.url(database, APP_ROLE)}?password=${password}`, `${store.cluster.url(database, APP_ROLE)}?application_name=x&password=${password}&connect_timeout=5`];
    for (const url of forms) {
      const rig = await pc();
      await rig.call('store-join', { managerToken: rig.managerToken, url, storeName: 'Main Street', pin: '2468' });
      const status = await rig.call('store-status', {});
      expect(status.address, url.replaceAll(password, '<password>')).not.toContain(password);
      expect(status.address).toContain(`127.0.0.1:${store.cluster.port}/${database}`);
    }
  });

  it('a store on another Zoho account: refused, naming both accounts', async () => {
    const first = await pc();
    await first.call('store-join', { managerToken: first.managerToken, url: store.url, storeName: 'Main Street', pin: '2468' });
    await store.client.query("UPDATE stores SET zoho_account_id = '999'");
    const second = await pc();
    const before = await pcState(second);
    const result = await second.raw('store-join', { managerToken: second.managerToken, url: store.url, storeName: 'Main Street', pin: '2468' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', field: 'storeName' } });
    if (!result.ok) expect(result.error.message).toMatch(/takes payments on Zoho account 999; this PC is set up for account \d+\. Disconnect Zoho on this PC first/);
    expect(await pcState(second)).toEqual(before);
  });
});

describe('joining makes the PC a login role of its own', () => {
  it('the PC keeps only its own role’s address (never the owner’s password), logs in as that role, and the store records the join; joining again replaces the role', async () => {
    const rig = await pc();
    const ownerPassword = new URL(store.url).password;
    await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 1', pin: '2468' });
    const { stationId } = await rig.call('store-status', {});
    const kept = await rig.storeSecrets.read();
    expect(kept).not.toContain(ownerPassword);
    expect(kept).not.toContain(APP_ROLE);
    const first = new URL((JSON.parse(kept ?? '{}') as { url: string }).url);
    expect(first.username).toMatch(/^counter_pc_[0-9a-f]{16}$/);
    const sessions = await store.client.query<{ usename: string }>("SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'counter' AND usename <> $1", [APP_ROLE]);
    expect(sessions.rows.map((row) => row.usename)).toEqual([first.username]);
    // The PC's role reads the store but cannot write its configuration, nor read the PIN's hash.
    await withStoreClient(first.toString(), async (asPc) => {
      await expect(asPc.query('SELECT pin_hash FROM stores')).rejects.toMatchObject({ code: '42501' });
      await expect(asPc.query("UPDATE counters SET name = 'Forged'")).rejects.toMatchObject({ code: '42501' });
    });

    await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 1', pin: '2468' });
    const again = new URL((JSON.parse((await rig.storeSecrets.read()) ?? '{}') as { url: string }).url);
    expect(again.username).not.toBe(first.username);
    const membership = await store.client.query<{ change: string; role_name: string }>('SELECT change, role_name FROM station_membership WHERE station_id = $1 ORDER BY at', [stationId]);
    expect(membership.rows).toEqual([
      { change: 'joined', role_name: first.username },
      { change: 'removed', role_name: first.username },
      { change: 'joined', role_name: again.username },
    ]);
    await expect(withStoreClient(first.toString(), async () => undefined)).rejects.toMatchObject({ code: '28P01' });
    expect((await rig.call('store-status', {})).link).toBe('up');
  });

  it('a PC that still keeps the store’s shared (owner’s) address, as PCs joined before migration 006 did, moves to a login of its own at its first heartbeat and keeps only that', async () => {
    const rig = await pc();
    await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 1', pin: '2468' });
    const { stationId } = await rig.call('store-status', {});
    const joined = JSON.parse((await rig.storeSecrets.read()) ?? '{}') as { url: string };
    await rig.storeSecrets.write(JSON.stringify({ ...joined, url: store.url }));
    await rig.restart();
    const moved = await eventually(async () => {
      const kept = (JSON.parse((await rig.storeSecrets.read()) ?? '{}') as { url: string }).url;
      return kept !== store.url && (await rig.call('store-status', {})).link === 'up' ? kept : undefined;
    }, 10_000, 'the PC moving to its own login');
    expect(await rig.storeSecrets.read()).not.toContain(new URL(store.url).password);
    const role = new URL(moved).username;
    expect(role).toMatch(/^counter_pc_[0-9a-f]{16}$/);
    expect(role).not.toBe(new URL(joined.url).username);
    await withStoreClient(moved, async (asPc) => {
      expect((await asPc.query<{ id: string }>('SELECT current_station() AS id')).rows[0]?.id).toBe(stationId);
    });
    await eventually(async () => {
      const sessions = await store.client.query<{ usename: string }>("SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'counter' AND usename <> $1", [APP_ROLE]);
      return sessions.rows.length === 1 && sessions.rows[0]?.usename === role ? true : undefined;
    }, 10_000, 'only the PC’s own role connected');
  });
  it('a store with no PIN in its database (an older one): a change is refused with how to upgrade it; the owner’s join with the PIN upgrades it', async () => {
    const rig = await pc();
    await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 1', pin: '2468' });
    await store.client.query('DELETE FROM store_pins');
    const counter = rig.counters[0];
    if (!counter) throw new Error('no counter');
    const refused = await rig.raw('counter-update', { managerToken: rig.managerToken, counterId: counter.id, name: 'Front' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/join this store again with its owner’s address and the manager PIN/);
    const wrong = await rig.raw('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 1', pin: '1357' });
    expect(wrong).toMatchObject({ ok: false, error: { field: 'pin' } });
    expect((await store.client.query('SELECT store_id FROM store_pins')).rows).toEqual([]);
    await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 1', pin: '2468' });
    expect((await store.client.query('SELECT store_id FROM store_pins')).rows).toHaveLength(1);
    const renamed = await rig.call('counter-update', { managerToken: rig.managerToken, counterId: counter.id, name: 'Front' });
    expect(renamed.name).toBe('Front');
  });
});

describe('the store link down', () => {
  it('charging goes on; the status says since when and how many changes wait; configuration waits; then everything catches up', async () => {
    const rig = await pc();
    await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName: 'Till 1', pin: '2468' });
    const { stationId } = await rig.call('store-status', {});
    const counterId = rig.counters[0]?.id ?? '';
    await rig.call('counter-claim', { counterId }); // this PC's counter: it charges there with the link down too
    await store.cluster.pause();
    const down = await eventually(async () => {
      const status = await rig.call('store-status', {});
      return status.link === 'down' ? status : undefined;
    }, 10_000, 'the link going down');
    expect(down.downSince).toEqual(expect.any(Number));

    const attempt = await rig.charge(4_200);
    await rig.control.pay(attempt.terminalId, { outcome: 'succeeded', method: 'card' });
    await rig.waitFor(attempt.id, (a) => a.state === 'succeeded');
    const waiting = await rig.call('store-status', {});
    expect(waiting).toMatchObject({ link: 'down' });
    expect(waiting.pendingChanges).toBeGreaterThan(0);
    expect(waiting.message).toMatch(/The store link is down: payments go on on this PC, and the payment log shows this PC only\. \d+ changes wait to be sent\. Cannot reach the store’s database/);
    const own = await rig.call('log-day', { date: localDate(Date.now()) });
    expect(own.store).toMatchObject({ storeName: 'Main Street', wholeStore: false });
    expect(own.attempts.map((a) => a.id)).toContain(attempt.id);
    const change = await rig.raw('counter-create', { managerToken: rig.managerToken, name: 'Counter 9', terminalId: 'TRM009' });
    expect(change).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!change.ok) expect(change.error.message).toMatch(/needs the store link, which is down/);

    await store.cluster.resume();
    await eventually(async () => {
      const status = await rig.call('store-status', {});
      return status.link === 'up' && status.pendingChanges === 0 ? status : undefined;
    }, 15_000, 'the link catching up');
    const stored = await withStoreClient(store.url, async (client) =>
      storeLedgerRows(client, (await client.query<{ id: string }>('SELECT id FROM stores')).rows[0]?.id ?? ''),
    );
    expect(stored).toEqual(pcLedgerRows(join(rig.dataDir, 'counter.db'), stationId ?? ''));
  });
});
