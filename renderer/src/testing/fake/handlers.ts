import type { HandlerName, HandlerOutput, ParsedInput } from '../../../../contract/handlers';
import { fail, type AppError, type Result } from '../../../../contract/result';

/** One contract call answered in memory: the input already parsed by the contract's schema. */
export type FakeHandler<K extends HandlerName> = (input: ParsedInput<K>) => Result<HandlerOutput<K>>;
/** Every contract call, no more: a call added to or dropped from the contract fails the typecheck here. */
export type FakeHandlers = { [K in HandlerName]: FakeHandler<K> };

/** A refusal thrown from deep inside a handler and answered as the call's error. */
export class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export function refuse(code: AppError['code'], message: string, field?: string): never {
  throw new Refusal(fail(code, message, field).error);
}
