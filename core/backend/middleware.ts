// What runs around every call's handler besides the mode switch's gate (mode-switch.ts): the
// manager's unlock. A PC of a store differs through the ports its handlers are given (core/ports.ts).
import { MANAGER_ONLY } from '../../contract/handlers';
import { HandlerFailure } from '../failure';
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
