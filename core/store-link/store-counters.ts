// The counters of a PC of a store (the configuration writer's part in store-ports.ts): changed in
// the store first, through set_counter with the manager's PIN (every PC picks the change up at its
// next heartbeat), then in this PC's cache.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Counter } from '../../contract/records';
import { requireCounter, saveStoreCounter } from '../../db/local/counters';
import type { Db } from '../../db/local/database';
import { counterHasLiveAttempt } from '../../db/local/live-attempts';
import { stationWithLiveAttemptOnCounter } from '../../db/store/attempts';
import { saveCounterWithPin } from '../../db/store/pin-functions';
import { HandlerFailure } from '../failure';
import type { ConfigWriter } from '../ports';
import { changeStoreConfig } from './config-writes';
import { formatTime } from '../../contract/calendar';
import type { StoreHandlerDeps } from './handlers';

export function storeCounterWriter(deps: StoreHandlerDeps): Pick<ConfigWriter, 'createCounter' | 'updateCounter' | 'deactivateCounter'> {
  const { link, access } = deps;
  return {
    createCounter: async (db, input) => {
      const counter: Counter = { id: randomUUID(), ...input, active: true };
      await changeStoreConfig(link, access, (client, pin) => saveCounterWithPin(client, pin, counter));
      return saveStoreCounter(db, counter);
    },
    updateCounter: async (db, counterId, changes) => {
      const current = requireCounter(db, counterId);
      const next: Counter = { ...current, ...changes };
      const moves = next.terminalId !== current.terminalId;
      await changeStoreConfig(link, access, async (client, pin, storeId) => {
        if (moves) await assertNoPaymentAnywhere(deps, db, client, storeId, current, 'terminalId', 'Change the terminal when it has finished.');
        await saveCounterWithPin(client, pin, next);
      });
      return saveStoreCounter(db, next);
    },
    deactivateCounter: async (db, counterId) => {
      const current = requireCounter(db, counterId);
      // set_counter releases the claim of a counter it deactivates.
      await changeStoreConfig(link, access, async (client, pin, storeId) => {
        await assertNoPaymentAnywhere(deps, db, client, storeId, current, 'counterId', 'Deactivate the counter when it has finished.');
        await saveCounterWithPin(client, pin, { ...current, active: false });
      });
      return saveStoreCounter(db, { ...current, active: false });
    },
  };
}

/**
 * A counter's terminal (or the counter) may not change while any PC has a live payment on it: this
 * PC's, the store's (every PC's as shipped), and a PC holding it out of touch, whose payments may
 * not have reached the store.
 */
async function assertNoPaymentAnywhere(
  deps: StoreHandlerDeps,
  db: Db,
  client: pg.PoolClient,
  storeId: string,
  counter: Counter,
  field: string,
  advice: string,
): Promise<void> {
  if (counterHasLiveAttempt(db, counter.id)) throw new HandlerFailure('conflict', `A payment is in progress on this counter. ${advice}`, field);
  const on = await stationWithLiveAttemptOnCounter(client, storeId, counter.id);
  if (on !== null) throw new HandlerFailure('conflict', `A payment is in progress on this counter at PC “${on}”. ${advice}`, field);
  const holder = deps.link.currentClaims.find((claim) => claim.counter_id === counter.id && claim.station_id !== deps.link.joined?.stationId);
  if (holder?.stale) {
    throw new HandlerFailure(
      'conflict',
      `PC “${holder.station_name}” holds this counter and has not been heard from since ${formatTime(holder.last_seen)}: its payments may not have reached the store. Release its claim first.`,
      field,
    );
  }
}
