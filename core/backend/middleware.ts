// What runs around every call's handler besides the mode switch's gate (mode-switch.ts): the
// manager's unlock, and what a PC of a store does instead while joined and live.
import { MANAGER_ONLY, type HandlerName } from '../../contract/handlers';
import { HandlerFailure } from '../failure';
import type { Handler } from '../handlers/types';
import type { ManagerSessions } from '../manager/auth';
import type { Middleware } from './dispatch';

/** Manager-only calls (those carrying a `managerToken`) need an unlock from the manager PIN. */
export function managerOnly(sessions: ManagerSessions): Middleware {
  return (name, input, next) => {
    if (MANAGER_ONLY.has(name)) {
      const token = (input as { managerToken?: string }).managerToken;
      if (!token || !sessions.check(token)) {
        throw new HandlerFailure('locked', 'The manager screens are locked. Enter the manager PIN.', 'managerToken');
      }
    }
    return next(input);
  };
}

/** The store's own way of running a call, for the calls that a PC of a store runs differently. */
export type StoreWays = { [K in HandlerName]?: Handler<K> };

/** While this PC is joined to a store and live, the store's way runs instead of the local handler. */
export function storeInstead(ways: StoreWays, joinedLive: () => boolean): Middleware {
  return async (name, input, next) => {
    const way = joinedLive() ? ways[name] : undefined;
    return way ? way(input) : next(input);
  };
}
