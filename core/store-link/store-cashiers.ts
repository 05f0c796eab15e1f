// The cashiers of a PC of a store (the configuration writer's part in store-ports.ts): the store's,
// added and removed there first through its PIN functions (store migration 013; every PC caches the
// change at its next heartbeat: config-sync.ts), then in this PC's cache at once.
import { addCashier, assertNameFree, removeCashier, requireCashier } from '../../db/local/cashiers';
import { NotFoundError } from '../../db/local/errors';
import { addCashierWithPin, removeCashierWithPin } from '../../db/store/cashiers';
import { pgCode } from '../../db/store/pg';
import type { ConfigWriter } from '../ports';
import { changeStoreConfig } from './config-writes';
import type { StoreHandlerDeps } from './handlers';

/** What remove_cashier raises for a cashier the store does not have (now). */
const NO_SUCH_CASHIER = 'P0002';

export function storeCashierWriter(deps: StoreHandlerDeps): Pick<ConfigWriter, 'addCashier' | 'removeCashier'> {
  const { link, access } = deps;
  return {
    addCashier: async (db, cashier) => {
      assertNameFree(db, cashier.name);
      await changeStoreConfig(link, access, (client, pin) => addCashierWithPin(client, pin, cashier));
      addCashier(db, cashier);
    },
    removeCashier: async (db, cashierId, at) => {
      requireCashier(db, cashierId);
      try {
        await changeStoreConfig(link, access, (client, pin) => removeCashierWithPin(client, pin, cashierId));
      } catch (error) {
        // Removed at another PC a moment ago: this PC's cache has not caught up yet.
        if (pgCode(error) === NO_SUCH_CASHIER) throw new NotFoundError('cashier', cashierId);
        throw error;
      }
      removeCashier(db, cashierId, at);
    },
  };
}
