// The manager: the PIN and its unlocks, counters, preferences, the Zoho connection, support and updates.
import { ok } from '../../../../contract/result';
import { newCounter, type FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

export function managerHandlers(b: FakeState) {
  return {
    'settings-get': () => ok(b.settings),
    'connection-status': () => ok(b.connection),
    'manager-status': () => ok({ pin: b.pin === null ? 'not_set' : 'set', message: null, reset: null }),
    'manager-unlock': (input) => {
      if (input.pin !== b.pin) refuse('locked', 'That PIN is not right.', 'pin');
      return ok(b.grant());
    },
    'manager-set-pin': (input) => {
      if (b.pin !== null && input.currentPin !== b.pin) refuse('locked', 'That PIN is not right.', 'currentPin');
      b.pin = input.pin;
      return ok(b.grant());
    },
    'manager-lock': (input) => {
      b.unlocks.delete(input.managerToken);
      return ok({ locked: true });
    },
    'counter-create': (input) => {
      if (b.counters.some((c) => c.active && c.terminalId === input.terminalId)) {
        refuse('conflict', `Another counter already uses this terminal.`, 'terminalId');
      }
      const created = newCounter(`c${b.counters.length + 1}`, input.name, input.terminalId, input.invoicePrefix ?? '', b.now());
      b.counters.push(created);
      b.emit({ type: 'counters-changed' });
      return ok(created);
    },
    'counter-update': ({ managerToken: _token, counterId, ...changes }) => {
      const c = b.requireCounter(counterId);
      Object.assign(c, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
      b.emit({ type: 'counters-changed' });
      return ok(c);
    },
    'counter-deactivate': (input) => {
      const c = b.requireCounter(input.counterId);
      c.active = false;
      b.emit({ type: 'counters-changed' });
      return ok(c);
    },
    'settings-update': ({ managerToken: _token, ...changes }) => {
      b.settings = { ...b.settings, ...changes };
      return ok(b.settings);
    },
    'preferences-update': ({ managerToken: _token, ...changes }) => {
      b.settings = { ...b.settings, ...changes };
      return ok(b.settings);
    },
    'connection-configure': (input) => {
      b.connection = { ...b.connection, state: 'not_configured', edition: input.edition, accountId: input.accountId, clientId: input.clientId, message: 'Sign in with Zoho.' };
      return ok(b.connection);
    },
    'connection-signin-start': () => ok({ authUrl: 'https://accounts.example/consent' }),
    'connection-code-submit': () => {
      b.connection = { ...b.connection, state: 'connected', message: 'Connected to Zoho.' };
      return ok(b.connection);
    },
    'connection-test': () => ok(b.connection.state === 'connected' ? { ok: true, message: 'Zoho answered.' } : { ok: false, message: 'Not connected to Zoho.' }),
    'connection-disconnect': () => {
      b.connection = { ...b.connection, state: 'demo', message: 'Demo mode' };
      return ok(b.connection);
    },
    'support-info': () => ok(b.support),
    // An empty zip (its end-of-central-directory record alone).
    'support-bundle': () => ok({ fileName: 'counter-support-20261129-143005.zip', zipBase64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' }),
    'update-install': () => {
      if (!b.support.updates.canInstall) refuse('conflict', 'A payment is in progress. Install the update once no payment is waiting on a terminal.');
      b.installs += 1;
      return ok({ installing: true as const });
    },
  } satisfies Partial<FakeHandlers>;
}
