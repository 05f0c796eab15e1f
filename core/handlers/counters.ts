import * as counters from '../../db/local/counters';
import { InvalidStateError } from '../../db/local/errors';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from './types';

// The database refuses a terminal or prefix already used by an active counter, and a terminal
// change or deactivation while a payment is live, inside its own transactions.
export function counterHandlers(ctx: DataContext): Handlers<'counters-list' | 'counter-create' | 'counter-update' | 'counter-deactivate'> {
  const announce = <T>(result: T): T => {
    ctx.events.emit({ type: 'counters-changed' });
    return result;
  };
  return {
    'counters-list': (input) => counters.listCounters(ctx.db, { includeInactive: input.includeInactive ?? false }),
    'counter-create': (input) =>
      announce(
        counters.createCounter(ctx.db, {
          name: input.name,
          terminalId: input.terminalId,
          invoicePrefix: input.invoicePrefix ?? defaultPrefix(input.name),
          createdAt: ctx.now(),
        }),
      ),
    'counter-update': (input) =>
      announce(
        whileNoPaymentRuns('terminalId', 'Change the terminal when it has finished.', () =>
          counters.updateCounter(ctx.db, input.counterId, {
            ...(input.name === undefined ? {} : { name: input.name }),
            ...(input.terminalId === undefined ? {} : { terminalId: input.terminalId }),
            ...(input.invoicePrefix === undefined ? {} : { invoicePrefix: input.invoicePrefix }),
          }),
        ),
      ),
    'counter-deactivate': (input) =>
      announce(
        whileNoPaymentRuns('counterId', 'Deactivate the counter when it has finished.', () =>
          counters.deactivateCounter(ctx.db, input.counterId),
        ),
      ),
  };
}

/** The database refuses the change while the counter has a live payment: say so at the field. */
function whileNoPaymentRuns<T>(field: string, advice: string, change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof InvalidStateError && error.reason === 'payment_in_progress') {
      throw new HandlerFailure('conflict', `A payment is in progress on this counter. ${advice}`, field);
    }
    throw error;
  }
}

/** "Counter 2" → "C2-": short, readable, and distinct for most names. */
export function defaultPrefix(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => word.replace(/[^A-Za-z0-9]/g, '').charAt(0))
    .join('')
    .toUpperCase()
    .slice(0, 4);
  return `${letters || 'INV'}-`;
}
