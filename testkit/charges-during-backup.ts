// How much a daily backup slows a charge: a live backend (testkit/rig.ts) whose database is padded
// to a given size, its daily backup started at a quiet moment, then charges while the backup runs
// and the same number after it. Each charge (the cashier's charge-create, timed end to end through
// the backend and the simulator over HTTP) is paid and settled before the next, and the next comes
// once the copy has had time to go on: each one meets the copy at work, as the first sale after a
// quiet moment does. The benchmark and the test both run it.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BACKUP_PACE, listBackups } from '../core/maintenance/backups';
import { Rig } from './rig';
import { sleep } from './time';

export interface ChargesDuringBackup {
  /** charge-create times (ms) while the backup ran. */
  during: number[];
  /** The same after it. */
  after: number[];
  /** Whether the backup was still running when the last charge of `during` ended. */
  overlapped: boolean;
  databaseMb: number;
  backupMs: number;
}

const PAGE_FILL = 3_900;
/** Longer than the copy's sleep while a payment is live (BACKUP_PACE.pauseMs): it is copying again. */
const RESUME_MS = BACKUP_PACE.pauseMs + 100;

export async function chargesDuringBackup(options: { databaseMb: number; charges: number }): Promise<ChargesDuringBackup> {
  // Counter 0 charges during the backup, counter 1 after it; counter 2 first warms the statements of
  // the connection the restart opens (its charge is live when the backup first looks, so it waits).
  const rig = await Rig.start({ counters: 3 });
  try {
    await rig.stopBackend();
    const file = join(rig.dataDir, 'counter.db');
    padDatabase(file, options.databaseMb);
    rig.retune({ backups: { firstCheckMs: 200, checkEveryMs: 100 } });
    await rig.restart();
    await paidCharge(rig, 2);

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
    const after = await timedCharges(rig, 1, options.charges);
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

/** charge-create of a new invoice on counter `index`, timed; then paid and settled. */
async function paidCharge(rig: Rig, index: number): Promise<number> {
  const counter = rig.counters[index];
  if (!counter) throw new Error(`no counter ${index}`);
  const invoice = await rig.call('invoice-create', { counterId: counter.id, lines: [{ description: 'Item', quantity: 1, unitPriceMinor: 1000 }] });
  const started = performance.now();
  const attempt = await rig.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: 'card' });
  const took = performance.now() - started;
  await rig.control.pay(counter.terminalId, { outcome: 'succeeded' });
  await rig.waitFor(attempt.id, (a) => a.state === 'succeeded');
  return took;
}

/** `count` charges on counter `index`, each settled, each after the copy had time to resume. */
async function timedCharges(rig: Rig, index: number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    await sleep(RESUME_MS);
    times.push(await paidCharge(rig, index));
  }
  return times;
}
