import { describe, expect, it } from 'vitest';
import { HandlerFailure } from '../failure';
import type { Handler } from '../handlers/types';
import type { Logger } from '../logger';
import { dispatch, type Dispatch, type Middleware } from './dispatch';

function route(steps: string[], handler: Handler<'counters-list'>, middleware: Middleware[] = []): Dispatch & { errors: string[] } {
  const errors: string[] = [];
  const log: Logger = { info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
  return {
    errors,
    middleware,
    handler: <K extends string>(name: K) => {
      steps.push(`handler ${name}`);
      return handler as never;
    },
    log,
  };
}

const tracing =
  (label: string, steps: string[]): Middleware =>
  async (name, input, next) => {
    steps.push(`${label} in ${name}`);
    const output = await next(input);
    steps.push(`${label} out`);
    return output;
  };

describe('dispatch', () => {
  it('runs the middleware in order around the handler, with the parsed input', async () => {
    const steps: string[] = [];
    const inputs: unknown[] = [];
    const r = route(steps, (input) => (inputs.push(input), []), [tracing('first', steps), tracing('second', steps)]);
    expect(await dispatch(r, 'counters-list', { includeInactive: true })).toEqual({ ok: true, value: [] });
    expect(steps).toEqual(['first in counters-list', 'second in counters-list', 'handler counters-list', 'second out', 'first out']);
    expect(inputs).toEqual([{ includeInactive: true }]);
  });

  it('refuses an input its schema refuses before any middleware runs', async () => {
    const steps: string[] = [];
    const r = route(steps, () => [], [tracing('first', steps)]);
    expect(await dispatch(r, 'counters-list', { includeInactive: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'includeInactive' } });
    expect(steps).toEqual([]);
  });

  it('turns a refusal by middleware or handler into its error, and anything unexpected into a logged internal one', async () => {
    const refuse: Middleware = () => Promise.reject(new HandlerFailure('locked', 'Locked.', 'managerToken'));
    const refused = route([], () => [], [refuse]);
    expect(await dispatch(refused, 'counters-list', {})).toEqual({ ok: false, error: { code: 'locked', message: 'Locked.', field: 'managerToken' } });
    expect(refused.errors).toEqual([]);

    const crashed = route([], () => {
      throw new Error('disk on fire');
    });
    expect(await dispatch(crashed, 'counters-list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(crashed.errors).toEqual(['call failed']);
  });
});
