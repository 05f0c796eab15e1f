import { describe, expect, it } from 'vitest';
import { camelCaseName } from '../../../contract/api';
import { HANDLER_NAMES, MANAGER_ONLY, type HandlerName } from '../../../contract/handlers';
import { parseHandlerInput } from '../../../contract/parse';
import type { Result } from '../../../contract/result';
import { FakeBackend } from './fake-backend';

/** A call by its contract name with any input, as a transport passes it on. */
function callByName(backend: FakeBackend, name: HandlerName, input: unknown): Promise<Result<unknown>> {
  const call = (backend.api as unknown as Record<string, ((input: unknown) => Promise<Result<unknown>>) | undefined>)[camelCaseName(name)];
  if (!call) throw new Error(`The fake backend has no ${name}`);
  return call(input);
}

// The handlers' names, inputs and outputs are checked by the typecheck (FakeHandlers); these check
// what a type cannot: that every call goes through the contract's parser and its manager gate.
describe('the fake backend agrees with the contract', () => {
  it('refuses an input outside a call’s schema exactly as the contract’s parser does, for every call', async () => {
    const backend = new FakeBackend();
    const input = { notInTheContract: true };
    for (const name of HANDLER_NAMES) {
      expect(await callByName(backend, name, input), name).toEqual(parseHandlerInput(name, input));
    }
  });

  it('locks the manager-only calls without a granted unlock, and no other call', async () => {
    const backend = new FakeBackend();
    const locked = async (name: HandlerName, input: unknown) => {
      const answer = await callByName(backend, name, input);
      return !answer.ok && answer.error.code === 'locked';
    };
    const token = { managerToken: 'never-granted' };
    const tokenOnly = HANDLER_NAMES.filter((name) => parseHandlerInput(name, token).ok);
    const open = HANDLER_NAMES.filter((name) => !MANAGER_ONLY.has(name) && parseHandlerInput(name, {}).ok);
    expect(tokenOnly.length).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(0);
    for (const name of tokenOnly) expect(await locked(name, token), name).toBe(true);
    for (const name of open) expect(await locked(name, {}), name).toBe(false);
  });
});
