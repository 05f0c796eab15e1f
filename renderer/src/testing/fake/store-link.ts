// Store mode: this PC's link to the shop's store database, joining it, and the counters' claims.
import { ok } from '../../../../contract/result';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

export function storeLinkHandlers(b: FakeState) {
  return {
    'store-status': () => ok(b.store),
    'store-join': (input) => {
      if (input.pin !== b.pin) refuse('invalid_input', 'That is not the store’s manager PIN.', 'pin');
      const stationName = input.stationName ?? 'This PC';
      b.store = { ...b.store, link: 'up', storeName: input.storeName, stationId: 'pc-here', stationName, address: 'postgres://store', message: `Connected to store “${input.storeName}”.` };
      return ok(b.store);
    },
    'store-pc-remove': (input) => {
      if (!b.store.stations.some((s) => s.id === input.stationId && !s.thisStation)) refuse('not_found', 'That PC has no login of its own in this store.', 'stationId');
      b.store = { ...b.store, stations: b.store.stations.filter((s) => s.id !== input.stationId) };
      return ok(b.store);
    },
    'counter-claim': (input) => {
      const held = b.store.claims.find((c) => c.counterId === input.counterId && !c.thisStation);
      if (held) refuse('conflict', `${b.requireCounter(input.counterId).name} is in use at PC “${held.stationName}”.`, 'counterId');
      if (b.store.link === 'off') return ok(b.store);
      const mine = { counterId: input.counterId, stationId: 'pc-here', stationName: b.store.stationName ?? '', claimedAt: b.now(), stale: false, thisStation: true };
      b.store = { ...b.store, claims: [...b.store.claims.filter((c) => !c.thisStation), mine] };
      return ok(b.store);
    },
    'counter-release': (input) => {
      b.store = { ...b.store, claims: b.store.claims.filter((c) => c.counterId !== input.counterId) };
      return ok(b.store);
    },
    'store-set-aside-dismiss': (input) => {
      if (!b.store.setAside.some((entry) => entry.id === input.entryId)) refuse('not_found', 'That entry is not on this PC’s set-aside list.', 'entryId');
      b.store = { ...b.store, setAside: b.store.setAside.filter((entry) => entry.id !== input.entryId) };
      return ok(b.store);
    },
  } satisfies Partial<FakeHandlers>;
}
