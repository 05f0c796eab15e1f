import * as counters from '../../db/local/counters';
import { prefixTooLongForYearlySeries, readTaxSettings } from '../catalogue/tax-settings';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from './types';

// Counters are configuration: written through the configuration writer (a store's first, on a PC of a store).
export function counterHandlers(ctx: DataContext): Handlers<'counters-list' | 'counter-create' | 'counter-update' | 'counter-deactivate'> {
  const announce = <T>(result: T): T => {
    ctx.events.emit({ type: 'counters-changed' });
    return result;
  };
  /** While numbers restart each financial year, a prefix must leave room for the year in 16 characters. */
  const fitting = (prefix: string): string => {
    const tooLong = readTaxSettings(ctx.db).invoiceNumbersRestartEachYear ? prefixTooLongForYearlySeries(prefix) : null;
    if (tooLong) throw new HandlerFailure('invalid_input', tooLong, 'invoicePrefix');
    return prefix;
  };
  return {
    'counters-list': (input) => counters.listCounters(ctx.db, { includeInactive: input.includeInactive ?? false }),
    'counter-create': async (input) =>
      announce(
        await ctx.ports().config.createCounter(ctx.db, {
          name: input.name,
          terminalId: input.terminalId,
          invoicePrefix: fitting(input.invoicePrefix ?? defaultPrefix(input.name)),
          createdAt: ctx.now(),
        }),
      ),
    'counter-update': async (input) =>
      announce(
        await ctx.ports().config.updateCounter(ctx.db, input.counterId, {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.terminalId === undefined ? {} : { terminalId: input.terminalId }),
          ...(input.invoicePrefix === undefined ? {} : { invoicePrefix: fitting(input.invoicePrefix) }),
        }),
      ),
    'counter-deactivate': async (input) => announce(await ctx.ports().config.deactivateCounter(ctx.db, input.counterId)),
  };
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
