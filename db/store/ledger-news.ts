// The store's news that a PC's changes arrived: a NOTIFY in the shipping transaction, heard by
// every PC's LISTEN connection.
import type pg from 'pg';
import type { Queryable } from './migrate';

/** The channel every PC listens on; the payload is the store's id. */
export const LEDGER_CHANNEL = 'counter_store_ledger';

/** Tells the store's PCs, at the transaction's commit, that its ledger changed. */
export async function notifyLedgerChanged(client: Queryable, storeId: string): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [LEDGER_CHANNEL, storeId]);
}

/** Calls `onNews` on the (connected) client whenever `storeId`'s ledger changes. */
export async function listenForLedgerNews(client: pg.Client, storeId: string, onNews: () => void): Promise<void> {
  client.on('notification', (message) => {
    if (message.channel === LEDGER_CHANNEL && message.payload === storeId) onNews();
  });
  await client.query(`LISTEN ${LEDGER_CHANNEL}`);
}
