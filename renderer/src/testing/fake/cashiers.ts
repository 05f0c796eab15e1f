// Cashiers: added and removed by the manager, signed in at a counter with their PIN.
import type { CashierRoster } from '../../../../contract/answers';
import { ok } from '../../../../contract/result';
import type { FakeState } from './state';
import { refuse, type FakeHandlers } from './handlers';

function roster(b: FakeState, counterId?: string): CashierRoster {
  return { cashiers: b.cashiers.map(({ id, name }) => ({ id, name })), signedIn: (counterId && b.signedIn.get(counterId)) || null };
}

export function cashierHandlers(b: FakeState) {
  return {
    'cashier-list': (input) => ok(roster(b, input.counterId)),
    'cashier-add': (input) => {
      if (b.cashiers.some((c) => c.name.toLowerCase() === input.name.toLowerCase())) refuse('conflict', `There is already a cashier called ${input.name}.`, 'name');
      b.cashiers.push({ id: `cashier-${b.cashiers.length + 1}`, name: input.name, pin: input.pin });
      return ok(roster(b));
    },
    'cashier-remove': (input) => {
      b.cashiers = b.cashiers.filter((c) => c.id !== input.cashierId);
      for (const [counterId, cashier] of b.signedIn) if (cashier.id === input.cashierId) b.signedIn.delete(counterId);
      return ok(roster(b));
    },
    'cashier-sign-in': (input) => {
      const cashier = b.cashiers.find((c) => c.id === input.cashierId) ?? refuse('not_found', 'That cashier does not exist.', 'cashierId');
      if (cashier.pin !== input.pin) refuse('locked', 'That PIN is not right.', 'pin');
      b.signedIn.set(input.counterId, { id: cashier.id, name: cashier.name });
      return ok(roster(b, input.counterId));
    },
    'cashier-sign-out': (input) => {
      b.signedIn.delete(input.counterId);
      return ok(roster(b, input.counterId));
    },
  } satisfies Partial<FakeHandlers>;
}
