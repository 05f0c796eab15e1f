// Changing the store's configuration: made in the store first (every PC then picks it up at its
// next heartbeat), then in this PC's cache at once. It needs the link: a PC cut off works from its
// cache but changes nothing store-wide.
import type pg from 'pg';
import { ConflictError } from '../../db/local/errors';
import { HandlerFailure } from '../failure';
import type { StoreLink } from './link';
import type { StoredStoreLink } from './link-file';
import { inStoreTransaction, pgCode } from '../../db/store/pg';
import { bumpConfigVersion, setPinHash } from '../../db/store/config';

export const LINK_NEEDED = 'Changing the store’s settings needs the store link, which is down. This PC works on; try again when the link is back.';

/** The link and its pool, or a refusal saying the change needs the link. */
export function requireLink(link: StoreLink, refusal = LINK_NEEDED): { pool: pg.Pool; joined: StoredStoreLink } {
  const { joined, connection } = link;
  if (!joined || !connection || !link.isUp) throw new HandlerFailure('conflict', refusal);
  return { pool: connection, joined };
}

const UNIQUE_FIELDS: Record<string, { field: 'terminalId' | 'invoicePrefix'; message: string }> = {
  counters_active_terminal: { field: 'terminalId', message: 'Another active counter of the store already uses this terminal.' },
  counters_active_invoice_prefix: { field: 'invoicePrefix', message: 'Another active counter of the store already uses this invoice prefix.' },
};

/** Runs `work` in one store transaction that also moves the store's configuration version on. */
export async function changeStoreConfig<T>(link: StoreLink, work: (client: pg.PoolClient, storeId: string) => Promise<T>): Promise<T> {
  const { pool, joined } = requireLink(link);
  try {
    const result = await inStoreTransaction(pool, async (client) => {
      const value = await work(client, joined.storeId);
      await bumpConfigVersion(client, joined.storeId);
      return value;
    });
    void link.refresh();
    return result;
  } catch (error) {
    const constraint = typeof error === 'object' && error !== null && 'constraint' in error ? String(error.constraint) : '';
    const unique = pgCode(error) === '23505' ? UNIQUE_FIELDS[constraint] : undefined;
    if (unique) throw new ConflictError('counter', unique.field, unique.message);
    throw error;
  }
}

/** A new manager PIN on a PC of a store is the store's: its hash goes to the store first (no-op on a PC of its own). */
export async function publishPinHash(link: StoreLink, hash: string): Promise<void> {
  if (!link.joined) return;
  await changeStoreConfig(link, (client, storeId) => setPinHash(client, storeId, hash));
}
