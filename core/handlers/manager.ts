import { HandlerFailure } from '../failure';
import { hashPin, verifyPin, type ManagerSessions } from '../manager/auth';
import type { ManagerPinFile } from '../manager/pin-file';
import type { Handlers } from './types';

export interface PinChangeHooks {
  /** Called with a new PIN's hash before it is kept here (a PC of a store changes the store's first). */
  beforePinChange?: (hash: string) => Promise<void>;
}

export function managerHandlers(
  sessions: ManagerSessions,
  pinFile: ManagerPinFile,
  hooks: PinChangeHooks = {},
): Handlers<'manager-status' | 'manager-unlock' | 'manager-set-pin' | 'manager-lock'> {
  const checkPin = async (pin: string, field: string) => {
    const waitMs = sessions.lockoutRemainingMs();
    if (waitMs > 0) throw new HandlerFailure('locked', `Too many wrong PINs. Try again in ${Math.ceil(waitMs / 1000)} seconds.`, field);
    const stored = await pinFile.read();
    if (!stored) throw new HandlerFailure('conflict', 'No manager PIN is set yet. Set one first.', field);
    if (!verifyPin(pin, stored)) {
      sessions.recordFailedTry();
      throw new HandlerFailure('locked', 'That PIN is not right.', field);
    }
  };
  return {
    'manager-status': async () => ({ pinSet: (await pinFile.read()) !== null }),
    'manager-unlock': async (input) => {
      await checkPin(input.pin, 'pin');
      return sessions.open();
    },
    'manager-set-pin': async (input) => {
      if ((await pinFile.read()) !== null) {
        if (input.currentPin === undefined) throw new HandlerFailure('invalid_input', 'Enter the current PIN to change it.', 'currentPin');
        await checkPin(input.currentPin, 'currentPin');
      }
      const hash = hashPin(input.pin);
      await hooks.beforePinChange?.(hash);
      await pinFile.write(hash);
      return sessions.open();
    },
    'manager-lock': (input) => {
      sessions.close(input.managerToken);
      return { locked: true };
    },
  };
}
