import * as counters from '../../db/local/counters';
import type { DataContext, Handlers } from './types';

// Counters are configuration: written through the configuration writer (a store's first, on a PC of a store).
export function counterHandlers(ctx: DataContext): Handlers<'counters-list' | 'counter-create' | 'counter-update' | 'counter-deactivate'> {
  const announce = <T>(result: T): T => {
    ctx.events.emit({ type: 'counters-changed' });
    return result;
  };
  return {
    'counters-list': (input) => counters.listCounters(ctx.db, { includeInactive: input.includeInactive ?? false }),
    'counter-create': async (input) =>
      announce(
        await ctx.ports().config.createCounter(ctx.db, {
          name: input.name,
          terminalId: input.terminalId,
          invoicePrefix: input.invoicePrefix ?? defaultPrefix(input.name),
          createdAt: ctx.now(),
        }),
      ),
    'counter-update': async (input) =>
      announce(
        await ctx.ports().config.updateCounter(ctx.db, input.counterId, {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.terminalId === undefined ? {} : { terminalId: input.terminalId }),
          ...(input.invoicePrefix === undefined ? {} : { invoicePrefix: input.invoicePrefix }),
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
