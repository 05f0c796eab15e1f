// After a restore (core/maintenance/restore.ts): the first heartbeat that reaches the store reads this
// PC's own rows changed since the restored file's newest change and writes them into the restored
// ledger (db/local/relearn.ts), before the shipper sends anything and before money moves again on the
// sales the backup held: refunds, cash sales and settled payments made after the backup are known again.
import type pg from 'pg';
import type { Db } from '../../db/local/database';
import { relearnMark, relearnOwnRows } from '../../db/local/relearn';
import { readOwnLedgerRows } from '../../db/store/ledger-tables';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import { setAsideRelearnt } from './set-aside';

/** Re-learns this PC's rows from the store when its file was restored; nothing otherwise. */
export async function relearnAfterRestore(pool: pg.Pool, pc: { storeId: string; stationId: string }, db: Db, deps: { log: Logger; events: EventBus; now: () => number }): Promise<void> {
  const mark = relearnMark(db);
  if (!mark) return;
  const rows = await readOwnLedgerRows(pool, pc, mark.since);
  const { learnt, skipped } = relearnOwnRows(db, rows);
  deps.log.info('re-learnt this PC’s ledger from the store after a restore', { learnt, skipped: skipped.length });
  for (const row of skipped) {
    deps.log.warn('a row of the store the restored ledger refused: set aside, kept as this PC has it', row);
    setAsideRelearnt(db, deps.now(), row);
  }
  deps.events.emit({ type: 'ledger-changed' });
}
