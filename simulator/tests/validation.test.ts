// Every rule of the create request, each broken once, plus the edges that must still pass.
import { describe, expect, it } from 'vitest';
import { startHarness, VALID_CREATE } from './harness';

const meta = (count: number) => Array.from({ length: count }, (_, index) => ({ key: `k${index}`, value: 'v' }));
const without = (field: keyof typeof VALID_CREATE) => {
  const { [field]: _removed, ...rest } = VALID_CREATE;
  return rest;
};

const REFUSED: [rule: string, body: unknown, code: string][] = [
  ['the body must be a JSON object', [VALID_CREATE], 'invalid_request'],
  ['amount is required', without('amount'), 'invalid_parameter'],
  ['amount must be a JSON number', { ...VALID_CREATE, amount: '100.50' }, 'invalid_parameter'],
  ['amount must be > 0 (zero)', { ...VALID_CREATE, amount: 0 }, 'invalid_parameter'],
  ['amount must be > 0 (negative)', { ...VALID_CREATE, amount: -5 }, 'invalid_parameter'],
  ['amount has at most 2 decimals', { ...VALID_CREATE, amount: 1.005 }, 'invalid_parameter'],
  ['amount may not be float noise', { ...VALID_CREATE, amount: 0.1 + 0.2 }, 'invalid_parameter'],
  ['amount may not be tiny', { ...VALID_CREATE, amount: 1e-7 }, 'invalid_parameter'],
  ['currency is required', without('currency'), 'invalid_currency'],
  ['currency is a 3-letter ISO code', { ...VALID_CREATE, currency: 'inr' }, 'invalid_currency'],
  ['currency is the account currency', { ...VALID_CREATE, currency: 'USD' }, 'currency_not_supported_for_payment'],
  ['type is required', without('type'), 'invalid_parameter'],
  ['type is pos_payment', { ...VALID_CREATE, type: 'online' }, 'invalid_parameter'],
  ['terminal_id is required', without('terminal_id'), 'invalid_parameter'],
  ['terminal_id is not empty', { ...VALID_CREATE, terminal_id: '' }, 'invalid_parameter'],
  ['terminal_id is a string', { ...VALID_CREATE, terminal_id: 1 }, 'invalid_parameter'],
  ['terminal_id belongs to the account', { ...VALID_CREATE, terminal_id: 'TRM999' }, 'invalid_terminal_id'],
  ['invoice_number is a string', { ...VALID_CREATE, invoice_number: 12345 }, 'invalid_parameter'],
  ['invoice_number ≤ 50 chars', { ...VALID_CREATE, invoice_number: 'I'.repeat(51) }, 'invalid_parameter'],
  ['description ≤ 500 chars', { ...VALID_CREATE, description: 'd'.repeat(501) }, 'invalid_parameter'],
  ['meta_data is an array', { ...VALID_CREATE, meta_data: { key: 'k', value: 'v' } }, 'invalid_parameter'],
  ['meta_data ≤ 5 items', { ...VALID_CREATE, meta_data: meta(6) }, 'invalid_parameter'],
  ['meta_data items are objects', { ...VALID_CREATE, meta_data: ['k=v'] }, 'invalid_parameter'],
  ['meta_data key ≤ 20 chars', { ...VALID_CREATE, meta_data: [{ key: 'k'.repeat(21), value: 'v' }] }, 'invalid_parameter'],
  ['meta_data key is not empty', { ...VALID_CREATE, meta_data: [{ key: '', value: 'v' }] }, 'invalid_parameter'],
  ['meta_data value is required', { ...VALID_CREATE, meta_data: [{ key: 'k' }] }, 'invalid_parameter'],
  ['meta_data value ≤ 500 chars', { ...VALID_CREATE, meta_data: [{ key: 'k', value: 'v'.repeat(501) }] }, 'invalid_parameter'],
  ['payment_method_details is an object', { ...VALID_CREATE, payment_method_details: 'card' }, 'invalid_parameter'],
  ['payment_method_details.type is card or upi', { ...VALID_CREATE, payment_method_details: { type: 'cash' } }, 'invalid_parameter'],
  ['payment_method_details.type is required in it', { ...VALID_CREATE, payment_method_details: {} }, 'invalid_parameter'],
];

describe('create request validation', () => {
  it.each(REFUSED)('refuses: %s', async (_rule, body, code) => {
    const { api, sim } = await startHarness();
    const answer = await api.create(sim.issueAccessToken(), body);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code, message: expect.any(String) as string });
    expect(sim.sessions()).toEqual([]);
  });

  it('refuses a body that is not JSON', async () => {
    const { api, sim } = await startHarness();
    const answer = await api.create(sim.issueAccessToken(), '{"amount": 1,');

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('invalid_request');
  });

  it('names the broken field in the message', async () => {
    const { api, sim } = await startHarness();
    const answer = await api.create(sim.issueAccessToken(), { ...VALID_CREATE, invoice_number: 'I'.repeat(51) });

    expect(answer.body.message).toBe('invoice_number can be at most 50 characters long.');
  });

  it('refuses a missing account_id (400) and an account the token cannot act on (404 Not Authorised)', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();

    const missing = await api.create(token, VALID_CREATE, '');
    const other = await api.create(token, VALID_CREATE, '99999999');

    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('invalid_parameter');
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ code: 'error', message: 'Not Authorised' });
  });

  it.each([
    ['the smallest amount', { amount: 0.01 }, '0.01'],
    ['a whole amount', { amount: 100 }, '100.00'],
    ['one decimal', { amount: 1234.5 }, '1234.50'],
    ['a large amount', { amount: 9999999.99 }, '9999999.99'],
  ])('accepts %s and writes it with two decimals', async (_name, overrides, amount) => {
    const { api, sim } = await startHarness();
    const session = await api.createSession(sim.issueAccessToken(), overrides);

    expect(session.amount).toBe(amount);
  });

  it('accepts every field at its longest, and the optional fields left out', async () => {
    const { api, sim } = await startHarness();
    const token = sim.issueAccessToken();
    const longest = await api.createSession(token, {
      terminal_id: 'TRM001',
      invoice_number: 'I'.repeat(50),
      description: 'd'.repeat(500),
      meta_data: Array.from({ length: 5 }, (_, index) => ({ key: `${index}`.padEnd(20, 'k'), value: 'v'.repeat(500) })),
    });
    const minimal = await api.createSession(token, {
      terminal_id: 'TRM002',
      invoice_number: undefined,
      description: undefined,
      meta_data: undefined,
      payment_method_details: undefined,
    });

    expect(longest.invoice_number).toHaveLength(50);
    expect(longest.meta_data).toHaveLength(5);
    expect(minimal).not.toHaveProperty('invoice_number');
    expect(minimal).not.toHaveProperty('meta_data');
  });

  it('uses the fixture currency (a US account takes USD and refuses INR)', async () => {
    const { api, sim } = await startHarness({ fixture: { currency: 'USD', timeZone: 'America/New_York' } });
    const token = sim.issueAccessToken();

    const usd = await api.create(token, { ...VALID_CREATE, currency: 'USD' });
    const inr = await api.create(token, { ...VALID_CREATE, terminal_id: 'TRM002' });

    expect(usd.status).toBe(201);
    expect(inr.body.code).toBe('currency_not_supported_for_payment');
  });
});
