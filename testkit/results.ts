// A call's Result, for tests that expect it to succeed.
import type { HandlerName } from '../contract/handlers';
import type { Result } from '../contract/result';

/** The value of an ok result; an error result throws, naming the call, its code and its message. */
export function okValue<T>(name: HandlerName, result: Result<T>): T {
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}
