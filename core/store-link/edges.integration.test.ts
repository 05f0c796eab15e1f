// Store mode at its edges (issue 21), with in-process PCs (each a live backend with its own SQLite
// file) on one simulator and a real PostgreSQL cluster. The process-level edges are in
// reliability/store-edges.test.ts; docs/RELIABILITY.md lists them all.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../maintenance/backups';
import { restoreBackup } from '../maintenance/restore';
import { nextDate } from '../../contract/calendar';
import { TEST_PIN } from '../../testkit/manager-pin';
import { Rig, TEST_TUNING, type RigOptions } from '../../testkit/rig';
import type { BackendTuning } from '../backend';
import { localDate, sleep } from '../../testkit/time';
import { storeDatabaseEachTest } from '../../testkit/store';
import { eventually, pcLedgerRows, storeLedgerRows } from '../../testkit/store-ledger';

const store = storeDatabaseEachTest();
const FAST_LINK = { heartbeatMs: 200, leaseMs: 2_000, maxBackoffMs: 500 };
/** Sessions the simulator keeps open for minutes while the app hands them to a person (unresolved) after ~1 s. */
const QUICK_HANDOVER = { timing: { sessionValidityMs: 400, graceMs: 0, lateWindowMs: 400, lateIntervalMs: 200 } };
const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0).reverse()) await rig.close();
});

async function pc(stationName: string, first?: Rig, options: Pick<RigOptions, 'simulator' | 'now'> & { tuning?: BackendTuning } = {}): Promise<Rig> {
  const tuning = { ...TEST_TUNING, store: FAST_LINK, ...QUICK_HANDOVER, ...options.tuning };
  const rig = await Rig.start(first ? { sharedSimulator: first.sim, counters: 0, tuning, ...options } : { ...options, tuning });
  rigs.push(rig);
  await rig.call('store-join', { managerToken: rig.managerToken, url: store.url, storeName: 'Main Street', stationName, pin: '2468' });
  if (first) rig.counters = await rig.call('counters-list', {});
  return rig;
}

async function cashSale(rig: Rig, amountMinor: number): Promise<string> {
  const invoice = await rig.call('invoice-create', { counterId: rig.counters[0]?.id ?? '', lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: amountMinor }] });
  await rig.call('cash-settle', { invoiceId: invoice.id, counterId: invoice.counterId, tenderedMinor: amountMinor });
  return invoice.id;
}

/** Waits for the PC's daily backup (taken at once, by a restart with quick backup checks) and returns it. */
async function backupNow(rig: Rig): Promise<string> {
  rig.retune({ backups: { firstCheckMs: 100, checkEveryMs: 100 } });
  await rig.restart();
  const backups = join(rig.dataDir, 'backups');
  await eventually(async () => (listBackups(backups, 'counter').length > 0 ? true : undefined), 20_000, 'the daily backup');
  return listBackups(backups, 'counter')[0]?.path ?? '';
}

async function restore(rig: Rig, backup: string): Promise<void> {
  await rig.stopBackend();
  restoreBackup({ dataDir: rig.dataDir, backup, now: Date.now() });
  await rig.boot();
  rig.managerToken = (await rig.call('manager-unlock', { pin: TEST_PIN })).managerToken;
}

const storeRows = async () => storeLedgerRows(store.client, (await store.client.query<{ id: string }>('SELECT id FROM stores')).rows[0]?.id ?? '');
const pending = async (rig: Rig) => (await rig.call('store-status', {})).pendingChanges;

describe('a store at its edges', () => {
  it('a restored backup ships from a new epoch: later sales reach the store, and no row the store holds is overwritten', async () => {
    const pc1 = await pc('Till 1');
    await cashSale(pc1, 100);
    pc1.retune({ backups: { firstCheckMs: 100, checkEveryMs: 100 } });
    await pc1.restart();
    const backups = join(pc1.dataDir, 'backups');
    await eventually(async () => (listBackups(backups, 'counter').length > 0 ? true : undefined), 20_000, 'the daily backup');
    const [backup] = listBackups(backups, 'counter');
    for (const amount of [201, 202, 203]) await cashSale(pc1, amount); // shipped, then lost to the restore
    await eventually(async () => ((await pending(pc1)) === 0 ? true : undefined), 10_000, 'the sales shipped');
    const before = await storeRows();
    await pc1.stopBackend();
    restoreBackup({ dataDir: pc1.dataDir, backup: backup?.path ?? '', now: Date.now() });
    await pc1.boot();

    const later = [await cashSale(pc1, 301), await cashSale(pc1, 302)];
    await eventually(async () => ((await storeRows()).invoices?.filter((row) => later.includes(String(row.id)) && row.status === 'paid').length === 2 ? true : undefined), 10_000, 'the later sales in the store');
    await sleep(500);
    expect(await pending(pc1)).toBe(0);
    const after = await storeRows();
    for (const [table, rows] of Object.entries(before)) {
      for (const row of rows) expect(after[table], `${table} ${String(row.id)}`).toContainEqual(row);
    }
  });

  it('a restored PC re-learns from the store what it did after the backup before money moves: the store equals its ledger, and a refund beyond what is left is refused', async () => {
    const pc1 = await pc('Till 1');
    const sale = await pc1.charge(50_000);
    await pc1.control.pay(sale.terminalId, { outcome: 'succeeded', method: 'card' });
    const paid = await pc1.waitFor(sale.id, (a) => a.state === 'succeeded');
    const backup = await backupNow(pc1);

    // After the backup: a part refund of that payment and 10 sales (9 in cash, 1 by card).
    const refund = await pc1.call('refund-create', { managerToken: pc1.managerToken, attemptId: paid.id, amountMinor: 30_000, reason: 'others', requestKey: randomUUID() });
    await pc1.waitForRefund(refund.id, (r) => r.state === 'succeeded');
    for (let i = 1; i <= 9; i += 1) await cashSale(pc1, 100 * i);
    const card = await pc1.charge(7_700);
    await pc1.control.pay(card.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc1.waitFor(card.id, (a) => a.state === 'succeeded');
    await eventually(async () => ((await pending(pc1)) === 0 ? true : undefined), 10_000, 'the sales shipped');
    const before = await storeRows();

    await restore(pc1, backup);
    // Once the store is heard from, the refund made after the backup counts: only ₹200.00 is left.
    const beyond = await eventually(async () => {
      const answer = await pc1.raw('refund-create', { managerToken: pc1.managerToken, attemptId: paid.id, amountMinor: 20_001, reason: 'others', requestKey: randomUUID() });
      return !answer.ok && answer.error.field === 'amountMinor' ? answer.error : undefined;
    }, 10_000, 'the refund beyond what is left refused');
    expect(beyond).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/₹200\.00/) as string });
    expect(pc1.events.filter((e) => e.type === 'refund-updated' && e.refund.amountMinor === 20_001)).toEqual([]);

    const later = [await cashSale(pc1, 301), await cashSale(pc1, 302)];
    await eventually(async () => ((await storeRows()).invoices?.filter((row) => later.includes(String(row.id)) && row.status === 'paid').length === 2 ? true : undefined), 10_000, 'the later sales in the store');
    await eventually(async () => ((await pending(pc1)) === 0 ? true : undefined), 10_000, 'everything shipped');
    const after = await storeRows();
    for (const [table, rows] of Object.entries(before)) {
      for (const row of rows) expect(after[table], `${table} ${String(row.id)}`).toContainEqual(row);
    }
    const stationId = (await pc1.call('store-status', {})).stationId ?? '';
    expect(pcLedgerRows(join(pc1.dataDir, 'counter.db'), stationId)).toEqual(after);
  });

  it('payments live when the backup was copied settle from Zoho after the restore, and the store’s day close goes through', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    pc1.retune({ timing: { sessionValidityMs: 60_000, graceMs: 0, lateWindowMs: 400, lateIntervalMs: 200 } });
    await pc1.restart();
    await eventually(async () => ((await pc1.call('store-status', {})).link === 'up' ? true : undefined), 10_000, 'the link up');
    const early = await pc1.charge(4_400, { counter: 0 });
    const late = await pc1.charge(5_500, { counter: 1 });
    await eventually(async () => ((await pending(pc1)) === 0 ? true : undefined), 10_000, 'the live payments shipped');
    // A copy of the file while both are live (the daily backup waits for a quiet moment; a copy made otherwise does not).
    const backup = join(pc1.dataDir, 'backups', 'counter-20260101-120000.db');
    mkdirSync(join(pc1.dataDir, 'backups'), { recursive: true });
    const live = new Database(join(pc1.dataDir, 'counter.db'), { readonly: true });
    await live.backup(backup);
    live.close();

    await pc1.control.pay(early.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc1.waitFor(early.id, (a) => a.state === 'succeeded');
    await eventually(async () => ((await pending(pc1)) === 0 ? true : undefined), 10_000, 'the first payment shipped');
    await restore(pc1, backup);
    await pc1.control.pay(late.terminalId, { outcome: 'succeeded', method: 'card' });
    for (const attempt of [early, late]) await pc1.waitFor(attempt.id, (a) => a.state === 'succeeded', 15_000);
    const settled = await eventually(async () => {
      const rows = (await storeRows()).charge_attempts ?? [];
      return rows.filter((row) => [early.id, late.id].includes(String(row.id)) && row.state === 'succeeded').length === 2 ? rows : undefined;
    }, 15_000, 'both payments settled in the store');
    expect(settled.filter((row) => row.state === 'in_progress')).toEqual([]);

    const today = localDate(Date.now());
    const closed = await pc2.call('day-close', { managerToken: pc2.managerToken, date: today, closedBy: 'Asha' });
    expect(closed.close).toMatchObject({ day: today, closedBy: 'Asha' });
    await eventually(async () => ((await pc1.call('log-day', { date: today })).close ? true : undefined), 10_000, 'the close adopted by PC 1');
  });

  it('refunds open at the close are followed to the end: a pending one that succeeds and a lost one Zoho never got become corrections, and the payment may be refunded again', async () => {
    // The sales are made “yesterday” by this PC's clock, then the clock comes back to today.
    let shift = -86_400_000;
    const pc1 = await pc('Till 1', undefined, { simulator: { refundSettleSeconds: null }, tuning: { refundTiming: { lostAnswerGraceMs: 2_000 } }, now: () => Date.now() + shift });
    const day = localDate(Date.now() + shift);
    const paid = async (amountMinor: number, counter: number) => {
      const sale = await pc1.charge(amountMinor, { counter });
      await pc1.control.pay(sale.terminalId, { outcome: 'succeeded', method: 'card' });
      return pc1.waitFor(sale.id, (a) => a.state === 'succeeded');
    };
    const first = await paid(20_000, 0);
    const second = await paid(10_000, 1);
    const refund = (attemptId: string, amountMinor: number) => pc1.raw('refund-create', { managerToken: pc1.managerToken, attemptId, amountMinor, reason: 'others', requestKey: randomUUID() });
    const open = await pc1.call('refund-create', { managerToken: pc1.managerToken, attemptId: first.id, amountMinor: 5_000, reason: 'others', requestKey: randomUUID() });
    pc1.sim.setRefundStatus(open.zohoRefundId ?? '', { status: 'pending' });
    await pc1.waitForRefund(open.id, (r) => r.state === 'pending');
    await pc1.control.faults({ scope: 'refund_create', error_rate: 1, error_status: 503, count: 1 });
    const lost = await pc1.call('refund-create', { managerToken: pc1.managerToken, attemptId: second.id, amountMinor: 10_000, reason: 'others', requestKey: randomUUID() });
    expect(lost.state).toBe('unknown');
    await pc1.call('day-close', { managerToken: pc1.managerToken, date: day, closedBy: 'Asha', closeAnyway: true });

    shift = 0;
    pc1.managerToken = (await pc1.call('manager-unlock', { pin: TEST_PIN })).managerToken; // the unlock of “yesterday” has ended
    pc1.sim.setRefundStatus(open.zohoRefundId ?? '', { status: 'succeeded' });
    const corrections = await eventually(async () => {
      const { corrections: found } = await pc1.call('log-day', { date: nextDate(day) });
      return found.length === 2 ? found : undefined;
    }, 15_000, 'both refunds settled as corrections');
    expect(corrections.map((c) => [c.recordId, c.closedDay, c.fromState, c.toState, c.amountMinor]).sort()).toEqual(
      [[open.id, day, 'pending', 'succeeded', 5_000], [lost.id, day, 'unknown', 'rejected', 0]].sort(),
    );
    expect(pc1.refund(open.id).state).toBe('pending'); // the closed day's record stays as it was
    // The lost refund no longer holds the payment: Zoho never made it, so all of it may be refunded now.
    const again = await refund(second.id, 10_000);
    expect(again.ok && again.value.state).toBe('initiated');
    const beyond = await refund(first.id, 15_001);
    expect(!beyond.ok && beyond.error.field).toBe('amountMinor');
    const inStore = await eventually(async () => {
      const rows = (await storeRows()).corrections ?? [];
      return rows.length === 2 ? rows : undefined;
    }, 10_000, 'the corrections in the store');
    expect(inStore.map((row) => row.record_id).sort()).toEqual([open.id, lost.id].sort());
  });

  it('a payment of a closed day re-checked from another PC: its PC keeps its link up and counts Zoho’s word as a correction, on both PCs', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const today = localDate(Date.now());
    const lost = await pc2.charge(12_500, { counter: 2 });
    await pc2.waitFor(lost.id, (a) => a.state === 'unresolved');
    await pc2.call('day-close', { managerToken: pc2.managerToken, date: today, closedBy: 'Asha', closeAnyway: true });

    await pc1.control.pay(lost.terminalId, { outcome: 'succeeded', method: 'card' });
    // PC 1's re-check is a request to PC 2 (issue 20): PC 2 answers it with its own retrieve, so PC 1
    // sees the payment unsettled (as last shipped: in progress or unresolved).
    const asked = await pc1.call('charge-recheck', { attemptId: lost.id });
    expect(asked.id).toBe(lost.id);
    expect(['in_progress', 'unresolved']).toContain(asked.state);

    const correction = await eventually(async () => (await pc2.call('log-day', { date: nextDate(today) })).corrections.find((c) => c.recordId === lost.id), 10_000, 'the correction on PC 2');
    expect(correction).toMatchObject({ recordKind: 'charge', closedDay: today, fromState: 'unresolved', toState: 'succeeded', amountMinor: 12_500 });
    expect(pc2.attempt(lost.id).state).toBe('unresolved');
    // The link stays up and goes on shipping: the correction reaches the store, and PC 1's log.
    expect((await pc2.call('store-status', {})).link).toBe('up');
    const seenOnPc1 = await eventually(async () => (await pc1.call('log-day', { date: nextDate(today) })).corrections.find((c) => c.recordId === lost.id), 10_000, 'the correction on PC 1');
    expect(seenOnPc1).toMatchObject({ toState: 'succeeded', amountMinor: 12_500 });
    expect((await pc2.call('store-status', {})).link).toBe('up');
  });

  it('a review from another PC that this PC cannot record is set aside: the link goes on, and the store status says what it was and what to do', async () => {
    const pc1 = await pc('Till 1');
    const pc2 = await pc('Till 2', pc1);
    const paid = await pc2.charge(8_800, { counter: 1 });
    await pc2.control.pay(paid.terminalId, { outcome: 'succeeded', method: 'card' });
    await pc2.waitFor(paid.id, (a) => a.state === 'succeeded');
    // PC 1's manager checked it while the store still showed it waiting (the review crossed Zoho's answer).
    const ids = await store.client.query<{ id: string; store_id: string; name: string }>('SELECT id, store_id, name FROM stations ORDER BY name');
    const [till1, till2] = ids.rows;
    await store.client.query('INSERT INTO attempt_reviews (store_id, owner_station_id, attempt_id, reviewed_by_station_id, note, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      till2?.store_id,
      till2?.id,
      paid.id,
      till1?.id,
      'No payment on the terminal',
      Date.now(),
    ]);
    const status = await eventually(async () => {
      const s = await pc2.call('store-status', {});
      return s.setAside.length > 0 ? s : undefined;
    }, 10_000, 'the review set aside on PC 2');
    expect(status.link).toBe('up');
    expect(status.setAside).toEqual([
      {
        id: expect.any(Number) as number,
        at: expect.any(Number) as number,
        what: `A manager’s check made on PC “Till 1” of the payment of invoice ${paid.invoiceNumber} could not be recorded here: the payment no longer waits for a check here.`,
        advice: expect.stringMatching(/^Open the payment in the payment log on this PC/) as string,
      },
    ]);
    expect(pc2.attempt(paid.id)).toMatchObject({ state: 'succeeded', review: null });
    // Set aside once: the link goes on shipping.
    const later = await cashSale(pc2, 1_500);
    await eventually(async () => ((await store.client.query('SELECT 1 FROM invoices WHERE id = $1 AND status = $2', [later, 'paid'])).rowCount ? true : undefined), 10_000, 'the next sale in the store');
    expect((await pc2.call('store-status', {})).setAside).toHaveLength(1);
  });

  it('a change the store refuses while shipping is set aside with the alert and the sales after it ship; a manager dismisses the entry, which stays recorded', async () => {
    const pc1 = await pc('Till 1');
    // The store's own rule refuses one cash sale's tender (as a check a PC's SQLite lacks would).
    await store.client.query('ALTER TABLE tenders ADD CONSTRAINT tenders_not_777 CHECK (amount_minor <> 777) NOT VALID');
    const refused = await cashSale(pc1, 777);
    const after = [await cashSale(pc1, 888), await cashSale(pc1, 999)];
    await eventually(async () => ((await pending(pc1)) === 0 ? true : undefined), 10_000, 'everything shipped');
    const tenders = await store.client.query<{ invoice_id: string }>('SELECT invoice_id FROM tenders ORDER BY amount_minor');
    expect(tenders.rows.map((row) => row.invoice_id)).toEqual(after);
    const status = await pc1.call('store-status', {});
    expect(status.link).toBe('up');
    const number = (await pc1.call('invoice-get', { invoiceId: refused })).invoice.number;
    expect(status.setAside).toEqual([
      {
        id: expect.any(Number) as number,
        at: expect.any(Number) as number,
        what: expect.stringMatching(new RegExp(`^The store refused this PC’s change to tenders row .* of invoice ${number}: .*tenders_not_777`)) as string,
        advice: expect.stringMatching(/^This PC keeps the change; the store and the other PCs do not have it\./) as string,
      },
    ]);

    const entryId = status.setAside[0]?.id ?? 0;
    const dismissed = await pc1.call('store-set-aside-dismiss', { managerToken: pc1.managerToken, entryId, by: 'Asha' });
    expect(dismissed.setAside).toEqual([]);
    const again = await pc1.raw('store-set-aside-dismiss', { managerToken: pc1.managerToken, entryId, by: 'Ravi' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'conflict', field: 'entryId', message: expect.stringMatching(/^That entry was already dismissed by Asha on /) as string });
    const file = new Database(join(pc1.dataDir, 'counter.db'), { readonly: true });
    try {
      expect(file.prepare('SELECT kind, dismissed_by, dismissed_at > 0 AS dismissed FROM link_set_aside').all()).toEqual([{ kind: 'ship', dismissed_by: 'Asha', dismissed: 1 }]);
    } finally {
      file.close();
    }
  });
});
