// Changing the store's configuration: made in the store first, through the database's PIN
// functions with the PIN of the open manager session (db/store/pin-functions.ts; every PC then picks
// the change up at its next heartbeat), then in this PC's cache at once. It needs the link: a PC cut
// off works from its cache but changes nothing store-wide.
import type pg from 'pg';
import { ConflictError } from '../../db/local/errors';
import { HandlerFailure } from '../failure';
import type { ManagerAccess } from '../manager/access';
import type { StoreLink } from './link';
import type { StoredStoreLink } from './link-file';
import { inStoreTransaction, pgCode } from '../../db/store/pg';
import { changeStorePin, PIN_FUNCTION_CODES, verifyStorePin } from '../../db/store/pin-functions';

export const LINK_NEEDED = 'Changing the store’s settings needs the store link, which is down. This PC works on; try again when the link is back.';

/** The link and its pool, or a refusal saying the change needs the link. */
export function requireLink(link: StoreLink, refusal = LINK_NEEDED): { pool: pg.Pool; joined: StoredStoreLink } {
  const store = link.reachable;
  if (!store) throw new HandlerFailure('conflict', refusal);
  return store;
}

const UNIQUE_FIELDS: Record<string, { record: 'counter' | 'cashier'; field: 'terminalId' | 'invoicePrefix' | 'name'; message: string }> = {
  counters_active_terminal: { record: 'counter', field: 'terminalId', message: 'Another active counter of the store already uses this terminal.' },
  counters_active_invoice_prefix: { record: 'counter', field: 'invoicePrefix', message: 'Another active counter of the store already uses this invoice prefix.' },
  store_cashiers_one_name: { record: 'cashier', field: 'name', message: 'The store already has a cashier with this name (added at another PC).' },
};

/** What the store's PIN functions raised, in a manager's words at `field`; other errors as they are. */
export function storePinRefusal(error: unknown, field = 'pin'): unknown {
  const message = error instanceof Error ? error.message : '';
  switch (pgCode(error)) {
    case PIN_FUNCTION_CODES.wrongPin:
      return new HandlerFailure('locked', 'The store’s database did not take this manager PIN (it may have been changed at another PC). Lock the manager screens and unlock them with the store’s PIN.', field);
    case PIN_FUNCTION_CODES.locked:
      return new HandlerFailure('locked', `Too many wrong manager PINs for this store: ${message.replace(/^manager PIN: /, '')}.`, field);
    case PIN_FUNCTION_CODES.noPinInStore:
      return new HandlerFailure('conflict', 'This store has no manager PIN in its database yet: under Manager → Store, join this store again with its owner’s address and the manager PIN, which upgrades it.', field);
    case PIN_FUNCTION_CODES.paymentOnCounter:
      return new HandlerFailure('conflict', 'A payment is in progress on this counter at a PC of the store. Change it when it has finished.', 'terminalId');
    default:
      return error;
  }
}

/** The PIN of the open manager session, which the store's functions check with every change. */
function sessionPin(access: Pick<ManagerAccess, 'sessionPin'>): string {
  const pin = access.sessionPin();
  if (pin === null) throw new HandlerFailure('locked', 'The manager screens locked: unlock them again to change the store’s settings.', 'managerToken');
  return pin;
}

/** Runs `work` with the session's PIN in one store transaction; the configuration version moves on in the store's function. */
export async function changeStoreConfig<T>(
  link: StoreLink,
  access: Pick<ManagerAccess, 'sessionPin'>,
  work: (client: pg.PoolClient, pin: string, storeId: string) => Promise<T>,
): Promise<T> {
  const { pool, joined } = requireLink(link);
  const pin = sessionPin(access);
  try {
    const result = await inStoreTransaction(pool, (client) => work(client, pin, joined.storeId));
    void link.refresh();
    return result;
  } catch (error) {
    const constraint = typeof error === 'object' && error !== null && 'constraint' in error ? String(error.constraint) : '';
    const unique = pgCode(error) === '23505' ? UNIQUE_FIELDS[constraint] : undefined;
    if (unique) throw new ConflictError(unique.record, unique.field, unique.message);
    throw storePinRefusal(error);
  }
}

/**
 * A new manager PIN on a PC of a store is the store's: changed there first (change_pin, with the
 * current PIN). A PIN set without the current one (after a reset) must be the store's own. No-op on
 * a PC of its own.
 */
export async function publishPin(link: StoreLink, pin: string, currentPin: string | null): Promise<void> {
  if (!link.joined) return;
  const { pool } = requireLink(link);
  try {
    await inStoreTransaction(pool, (client) => (currentPin === null ? verifyStorePin(client, pin) : changeStorePin(client, currentPin, pin)));
  } catch (error) {
    if (currentPin === null && pgCode(error) === PIN_FUNCTION_CODES.wrongPin) {
      throw new HandlerFailure('invalid_input', 'This PC belongs to a store, whose manager PIN is kept by the store: enter the store’s PIN.', 'pin');
    }
    throw storePinRefusal(error, currentPin === null ? 'pin' : 'currentPin');
  }
  void link.refresh();
}

/** Whether the store's database takes `pin` (it counts the try); false when the link is down or the PC is on its own. */
export async function storeTakesPin(link: StoreLink, pin: string): Promise<boolean> {
  const { joined, connection } = link;
  if (!joined || !connection || !link.isUp) return false;
  try {
    await inStoreTransaction(connection, (client) => verifyStorePin(client, pin));
    return true;
  } catch (error) {
    const refusal = storePinRefusal(error);
    if (refusal instanceof HandlerFailure && pgCode(error) === PIN_FUNCTION_CODES.locked) throw refusal;
    return false;
  }
}
