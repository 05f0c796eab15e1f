// How much a daily backup slows a charge: a live backend (testkit/rig.ts) whose database is padded
// to a given size, its daily backup started at a quiet moment, then charges (the cashier's
// charge-create, timed end to end through the backend and the simulator over HTTP) while the backup
// runs, and the same number of charges after it. The benchmark and the test both run it.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { listBackups } from '../core/upkeep/backups';
import { Rig } from './rig';
import { sleep } from './time';

export interface ChargesDuringBackup {
  /** charge-create times (ms) while the backup ran (its stepped copy, then its check in a worker thread). */
  during: number[];
  /** The same after it. */
  after: number[];
  /** Whether the backup was still running when the last charge of `during` ended. */
  overlapped: boolean;
  databaseMb: number;
  backupMs: number;
}

const PAGE_FILL = 3_900;

export async function chargesDuringBackup(options: { databaseMb: number; charges: number }): Promise<ChargesDuringBackup> {
  // One counter more, for a first charge after the restart that warms the new connection's statements.
  const rig = await Rig.start({ counters: options.charges * 2 + 1 });
  try {
    await rig.stopBackend();
    const file = join(rig.dataDir, 'counter.db');
    padDatabase(file, options.databaseMb);
    rig.retune({ backups: { firstCheckMs: 200, checkEveryMs: 100 } });
    await rig.restart();
    // The warm-up charge is live when the backup first looks, so the backup waits until it is paid.
    const warmUp = rig.counters[options.charges * 2];
    if (!warmUp) throw new Error('no warm-up counter');
    const first = await rig.charge(500, { counter: options.charges * 2 });
    await rig.control.pay(warmUp.terminalId, { outcome: 'succeeded' });
    await rig.waitFor(first.id, (a) => a.state === 'succeeded');

    const backups = join(rig.dataDir, 'backups');
    const copying = () => existsSync(backups) && readdirSync(backups).some((name) => name.endsWith('.partial'));
    const deadline = Date.now() + 30_000;
    while (!copying()) {
      if (Date.now() > deadline) throw new Error('the daily backup did not start');
      await sleep(2);
    }
    const started = performance.now();
    const during = await timedCharges(rig, 0, options.charges);
    const overlapped = copying();
    while (listBackups(backups, 'counter').length === 0) {
      if (Date.now() > deadline + 600_000) throw new Error('the daily backup did not finish');
      await sleep(20);
    }
    const backupMs = performance.now() - started;
    const after = await timedCharges(rig, options.charges, options.charges);
    return { during, after, overlapped, databaseMb: options.databaseMb, backupMs };
  } finally {
    await rig.close();
  }
}

/** Adds a table of `mb` megabytes to the (closed) database file: pages for the backup to copy. */
export function padDatabase(file: string, mb: number): void {
  const db = new Database(file);
  db.exec('CREATE TABLE padding (data BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO padding (data) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < Math.ceil((mb * 1024 * 1024) / PAGE_FILL); i += 1) insert.run(randomBytes(PAGE_FILL));
  })();
  db.close();
}

async function timedCharges(rig: Rig, firstCounter: number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = firstCounter; i < firstCounter + count; i += 1) {
    const counter = rig.counters[i];
    if (!counter) throw new Error(`no counter ${i}`);
    const invoice = await rig.call('invoice-create', { counterId: counter.id, lines: [{ description: 'Item', quantity: 1, unitPriceMinor: 1000 + i }] });
    const started = performance.now();
    await rig.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
    times.push(performance.now() - started);
  }
  return times;
}
