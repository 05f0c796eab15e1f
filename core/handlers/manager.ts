import type { ManagerAccess } from '../manager/access';
import type { ManagerSessions } from '../manager/auth';
import type { Handlers } from './types';

export function managerHandlers(
  access: ManagerAccess,
  sessions: ManagerSessions,
): Handlers<'manager-status' | 'manager-unlock' | 'manager-set-pin' | 'manager-lock'> {
  return {
    'manager-status': () => access.status(),
    'manager-unlock': (input) => access.unlock(input.pin),
    'manager-set-pin': (input) => access.setPin(input.pin, input.currentPin),
    'manager-lock': (input) => {
      sessions.close(input.managerToken);
      return { locked: true };
    },
  };
}
