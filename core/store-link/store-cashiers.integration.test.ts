// Cashiers shared by a store's PCs (issue 23), with two live backends on one simulator and a real
// PostgreSQL: a cashier the manager adds on PC 1 signs in on PC 2; a joining PC brings its own
// cashiers; one removed on PC 2 signs in on PC 1 no more once PC 1 has heard; with its link down a
// PC signs its cashiers in from its cache, and wrong PINs lock a cashier out on that PC only.
import { afterEach, describe, expect, it } from 'vitest';
import type { CashierRoster } from '../../contract/answers';
import { Rig, TEST_TUNING } from '../../testkit/rig';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually } from '../../testkit/store-ledger';

const store = storeDatabaseEachTest();
const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };
const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function pc(stationName: string, first?: Rig, before?: (rig: Rig) => Promise<void>): Promise<Rig> {
  const tuning = { ...TEST_TUNING, store: FAST_LINK };
  const rig = await Rig.start(first ? { sharedSimulator: first.sim, counters: 0, tuning } : { tuning });
  rigs.push(rig);
  await before?.(rig);
  await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName, pin: '2468' });
  if (first) rig.counters = await rig.call('counters-list', {});
  return rig;
}

const names = (roster: CashierRoster) => roster.cashiers.map((c) => c.name);
const idOf = (roster: CashierRoster, name: string) => roster.cashiers.find((c) => c.name === name)?.id ?? '';

/** PC `rig`'s roster once `ready` holds (its heartbeat brought the store's cashiers). */
const rosterWhen = (rig: Rig, ready: (roster: CashierRoster) => boolean, what: string, counterId?: string) =>
  eventually(async () => {
    const roster = await rig.call('cashier-list', counterId ? { counterId } : {});
    return ready(roster) ? roster : undefined;
  }, 10_000, what);

async function cashSale(rig: Rig, counterId: string, amountMinor: number) {
  const bill = await rig.call('invoice-create', { counterId, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: amountMinor }] });
  return (await rig.call('cash-settle', { invoiceId: bill.id, counterId, tenderedMinor: amountMinor })).sale;
}

describe('a store’s cashiers', () => {
  it('are the store’s: added on PC 1 they sign in on PC 2, removed on PC 2 they sign in on PC 1 no more; a PC cut off signs them in from its cache', async () => {
    const pc1 = await pc('Till 1');
    await pc1.call('cashier-add', { managerToken: pc1.managerToken, name: 'Asha', pin: '1357' });
    // PC 2 had cashiers of its own: Meena joins the store with it; its own “asha” gives way to the store's Asha.
    const pc2 = await pc('Till 2', pc1, async (rig) => {
      await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'Meena', pin: '8642' });
      await rig.call('cashier-add', { managerToken: rig.managerToken, name: 'asha', pin: '9999' });
    });
    const joined = await rosterWhen(pc2, (r) => names(r).join() === 'Asha,Meena', 'the store’s cashiers on PC 2');
    await rosterWhen(pc1, (r) => names(r).join() === 'Asha,Meena', 'Meena on PC 1');
    const [counter1, counter2] = [pc1.counters[0]?.id ?? '', pc2.counters[1]?.id ?? ''];
    expect((await pc2.raw('cashier-sign-in', { counterId: counter2, cashierId: idOf(joined, 'Asha'), pin: '9999' })).ok).toBe(false);
    expect((await pc1.call('cashier-sign-in', { counterId: counter1, cashierId: idOf(joined, 'Meena'), pin: '8642' })).signedIn?.name).toBe('Meena');

    // The manager adds Ravi on PC 1: he signs in on PC 2, and PC 2's sale names him.
    const added = await pc1.call('cashier-add', { managerToken: pc1.managerToken, name: 'Ravi', pin: '2460' });
    const ravi = idOf(added, 'Ravi');
    const twin = await pc2.raw('cashier-add', { managerToken: pc2.managerToken, name: ' RAVI ', pin: '1111' });
    expect(!twin.ok && twin.error).toMatchObject({ code: 'conflict', field: 'name' });
    await rosterWhen(pc2, (r) => names(r).includes('Ravi'), 'Ravi on PC 2');
    expect((await pc2.call('cashier-sign-in', { counterId: counter2, cashierId: ravi, pin: '2460' })).signedIn).toEqual({ id: ravi, name: 'Ravi' });
    const sale = await cashSale(pc2, counter2, 2_500);
    expect(sale.cashier).toBe('Ravi');
    // Cash paid back on PC 2 names Ravi, signed in there (not the name of the sale's cashier): shipped with the row.
    const paidBack = await pc2.call('cash-refund', { managerToken: pc2.managerToken, counterId: counter2, invoiceId: sale.invoiceId, amountMinor: 500, reason: 'others', requestKey: 'key-ravi-0001' });
    expect(paidBack.cashier).toBe('Ravi');
    const shipped = async () => (await store.client.query<{ cashier: string | null }>('SELECT cashier FROM cash_refunds WHERE id = $1', [paidBack.id])).rows[0]?.cashier;
    await eventually(async () => ((await shipped()) === 'Ravi' ? true : undefined), 10_000, 'the cash refund’s cashier in the store');

    // Wrong PINs are counted where they are typed: Asha locked out on PC 1 still signs in on PC 2.
    const asha = idOf(joined, 'Asha');
    await Promise.all(Array.from({ length: 5 }, () => pc1.raw('cashier-sign-in', { counterId: counter1, cashierId: asha, pin: '0000' })));
    const locked = await pc1.raw('cashier-sign-in', { counterId: counter1, cashierId: asha, pin: '1357' });
    expect(!locked.ok && locked.error).toMatchObject({ code: 'locked', field: 'pin', message: expect.stringMatching(/^Too many wrong PINs for Asha/) as string });

    // PC 2 cut off from the store (its login refused, its connections cut): it signs its cashiers in from its cache, and adds none.
    const role = (await store.client.query<{ role_name: string }>("SELECT r.role_name FROM station_roles AS r JOIN stations AS s ON s.store_id = r.store_id AND s.id = r.station_id WHERE s.name = 'Till 2' AND r.removed_at IS NULL")).rows[0]?.role_name ?? '';
    await store.client.query(`ALTER ROLE "${role}" NOLOGIN`);
    await store.client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
    try {
      await eventually(async () => ((await pc2.call('store-status', {})).link === 'down' ? true : undefined), 10_000, 'PC 2’s link down');
      expect((await pc2.call('cashier-sign-in', { counterId: counter2, cashierId: asha, pin: '1357' })).signedIn?.name).toBe('Asha');
      const offline = await pc2.raw('cashier-add', { managerToken: pc2.managerToken, name: 'Kiran', pin: '1470' });
      expect(!offline.ok && offline.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/needs the store link/) as string });
    } finally {
      await store.client.query(`ALTER ROLE "${role}" LOGIN`);
    }
    await eventually(async () => ((await pc2.call('store-status', {})).link === 'up' ? true : undefined), 10_000, 'PC 2’s link back');

    // The manager removes Meena on PC 2: PC 1 signs her out and signs her in no more.
    await pc2.call('cashier-remove', { managerToken: pc2.managerToken, cashierId: idOf(joined, 'Meena') });
    const after = await rosterWhen(pc1, (r) => !names(r).includes('Meena'), 'Meena removed on PC 1', counter1);
    expect(after).toEqual({ cashiers: [{ id: asha, name: 'Asha' }, { id: ravi, name: 'Ravi' }], signedIn: null });
    const gone = await pc1.raw('cashier-sign-in', { counterId: counter1, cashierId: idOf(joined, 'Meena'), pin: '8642' });
    expect(!gone.ok && gone.error).toMatchObject({ code: 'not_found', field: 'cashierId' });
    const stored = await store.client.query<{ name: string; removed: boolean }>('SELECT name, removed_at IS NOT NULL AS removed FROM store_cashiers ORDER BY created_at');
    expect(stored.rows).toEqual([
      { name: 'Asha', removed: false },
      { name: 'Meena', removed: true },
      { name: 'Ravi', removed: false },
    ]);
  }, 90_000);
});
