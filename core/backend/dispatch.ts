// One call through the backend: its input parsed by its schema (here and only here), then the
// middleware in order around the registry's handler, and every failure turned into a result.
import type { HandlerName, HandlerOutput, ParsedInput } from '../../contract/handlers';
import { parseHandlerInput } from '../../contract/parse';
import { ok, type Result } from '../../contract/result';
import { toAppError } from '../failure';
import type { Handler } from '../handlers/types';
import type { Logger } from '../logger';

export type Next<K extends HandlerName> = (input: ParsedInput<K>) => Promise<HandlerOutput<K>>;

/** Runs around a call's handler: may refuse it, wait, or run something else instead of `next`. */
export type Middleware = <K extends HandlerName>(name: K, input: ParsedInput<K>, next: Next<K>) => Promise<HandlerOutput<K>>;

export interface Dispatch {
  middleware: readonly Middleware[];
  /** The call's handler, looked up once every middleware has let the call through. */
  handler: <K extends HandlerName>(name: K) => Handler<K>;
  log: Logger;
}

/**
 * `last` stands in for the registry's handler where a shell takes the call's answer another way (a
 * CSV written as it is read, core/backend/day-csv.ts): the same schema and middleware run first.
 */
export async function dispatch<K extends HandlerName>(route: Dispatch, name: K, input: unknown, last?: Next<K>): Promise<Result<HandlerOutput<K>>> {
  const parsed = parseHandlerInput(name, input);
  if (!parsed.ok) return parsed;
  const run = route.middleware.reduceRight<Next<K>>(
    (next, middleware) => (value) => middleware(name, value, next),
    last ?? (async (value) => route.handler(name)(value)),
  );
  try {
    return ok(await run(parsed.value));
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'internal') route.log.error('call failed', { call: name, error: error instanceof Error ? error.stack : String(error) });
    return { ok: false, error: appError };
  }
}
