// Cashiers: the manager adds and removes them (name and a short PIN, hashed like the manager PIN);
// a cashier signs in at a counter with their PIN (5 wrong tries, then a lockout that doubles, as the
// manager PIN's); the counter's invoices then name them. With no cashiers defined, no sign-in.
// On a PC of a store the list is the store's, cached here, so a sign-in needs no link; the wrong
// tries are counted on the PC where the PIN is typed (each PC's screen locks the cashier there).
import type { CashierRoster } from '../../contract/answers';
import * as cashiers from '../../db/local/cashiers';
import * as counters from '../../db/local/counters';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';
import { hashPin, verifyPin } from '../manager/pin-hash';
import { countTry, lockoutRemainingMs, NO_WRONG_TRIES, waitText } from '../manager/pin-guard';

type CashierCalls = 'cashier-list' | 'cashier-add' | 'cashier-remove' | 'cashier-sign-in' | 'cashier-sign-out';

export function cashierHandlers(ctx: DataContext): Handlers<CashierCalls> {
  const roster = (counterId?: string): CashierRoster => ({
    cashiers: cashiers.listCashiers(ctx.db),
    signedIn: counterId ? cashiers.signedInAt(ctx.db, counterId) : null,
  });
  return {
    'cashier-list': (input) => {
      if (input.counterId) counters.requireCounter(ctx.db, input.counterId);
      return roster(input.counterId);
    },
    // On a PC of a store the cashiers are the store's: changed there first (core/ports.ts).
    'cashier-add': async (input) => {
      await ctx.ports().config.addCashier(ctx.db, cashiers.newCashier(input.name, await hashPin(input.pin), ctx.now()));
      return roster();
    },
    'cashier-remove': async (input) => {
      await ctx.ports().config.removeCashier(ctx.db, input.cashierId, ctx.now());
      return roster();
    },
    'cashier-sign-in': async (input) => {
      counters.requireCounter(ctx.db, input.counterId);
      const cashier = cashiers.requireCashierAuth(ctx.db, input.cashierId);
      const now = ctx.now();
      const waitMs = lockoutRemainingMs(cashier.guard, now);
      if (waitMs > 0) throw new HandlerFailure('locked', `Too many wrong PINs for ${cashier.name}. Try again in ${waitText(waitMs)}.`, 'pin');
      // Counted before the check, so tries sent at once are all counted.
      cashiers.saveTries(ctx.db, cashier.id, countTry(cashier.guard, now));
      if (!(await verifyPin(input.pin, cashier.pinHash))) throw new HandlerFailure('locked', 'That PIN is not right.', 'pin');
      cashiers.saveTries(ctx.db, cashier.id, NO_WRONG_TRIES);
      cashiers.signIn(ctx.db, input.counterId, cashier.id, now);
      return roster(input.counterId);
    },
    'cashier-sign-out': (input) => {
      counters.requireCounter(ctx.db, input.counterId);
      cashiers.signOut(ctx.db, input.counterId);
      return roster(input.counterId);
    },
  };
}

/**
 * The name an invoice made at the counter carries: the signed-in cashier's; none while no cashiers
 * are defined; refused (nothing is made) while cashiers are defined and nobody is signed in there.
 * A program's charge (the local integration API) is not a person at the till: with nobody signed
 * in it names the program ("Integration: Tally"), and is never refused for it. The same goes for the
 * drawer's float, cash in and out and count (personAtCounter).
 */
export function cashierAtCounter(ctx: DataContext, counterId: string, program?: string): string | undefined {
  const signedIn = cashiers.signedInAt(ctx.db, counterId);
  if (signedIn) return signedIn.name;
  if (!cashiers.hasCashiers(ctx.db)) return undefined;
  if (program !== undefined) return `Integration: ${program}`;
  throw new HandlerFailure('conflict', 'Sign in at this counter first: each sale names the cashier who made it.', 'counterId');
}

/** The cashier signed in at the counter (by the counter's session, never a name the screen sends); none. */
export function signedInCashier(ctx: DataContext, counterId: string | undefined): string | undefined {
  return counterId ? cashiers.signedInAt(ctx.db, counterId)?.name : undefined;
}

/**
 * Who did something at the counter that names a person (a shift's float, cash in or out, its close;
 * a day close): the cashier signed in there; where nobody is, the name typed (`typed`, its field
 * `field`), required. At the till (`atTill`), with cashiers defined and nobody signed in, it is
 * refused as a sale is: the drawer is a cashier's.
 */
export function personAtCounter(ctx: DataContext, counterId: string | undefined, typed: string | undefined, field: string, atTill: boolean): string {
  const name = atTill && counterId ? cashierAtCounter(ctx, counterId) : signedInCashier(ctx, counterId);
  if (name !== undefined) return name;
  if (typed === undefined) throw new HandlerFailure('invalid_input', 'Your name is required: it is recorded with what you do.', field);
  return typed;
}
