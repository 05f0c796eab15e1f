// A charge started by another billing program through the integration API, on the cashier's screen:
// which program and which of its invoices, then Zoho's outcome, as for a charge made at the counter.
import { expect, test, type CounterHost } from './fixtures/browser-host';
import type { IntegrationScope } from '../contract/vocabulary';
import { callIntegrationApi } from '../testkit/integration-client';
import { expectAccessible, expectWaiting, FINAL, openApp, payStatus, setFirstPin, shot } from './screens-support';

test.use({ hostIntegrationApi: true });

test('the counter screen shows a charge started by the API with its program and reference', async ({ page, host }) => {
  const apiUrl = host.integrationApiUrl;
  if (!apiUrl) throw new Error('the integration API did not start');
  await openApp(page, host, 'Counter B');
  const unlock = await host.call('manager-set-pin', { pin: '2468' });
  if (!unlock.ok) throw new Error(unlock.error.message);
  const counters = await host.call('counters-list', {});
  if (!counters.ok) throw new Error(counters.error.message);
  const made = await host.call('integration-key-create', { managerToken: unlock.value.managerToken, name: 'Tally', scopes: ['charge', 'read'], counterIds: counters.value.map((c) => c.id) });
  if (!made.ok) throw new Error(made.error.message);

  const charge = await callIntegrationApi(apiUrl, '/v1/charges', {
    key: made.value.secret,
    idempotencyKey: 'tally-inv-9-first',
    body: { reference: 'INV-9', amountMinor: 123_450, currency: 'INR', counter: 'Counter B', method: 'card' },
  });
  expect(charge.status).toBe(201);

  await expectWaiting(page, 'TRM002');
  const panel = page.getByRole('region', { name: 'Payment' });
  await expect(panel.getByText('From Tally, ref INV-9')).toBeVisible();
  await expect(page.getByText('From Tally', { exact: true })).toBeVisible();
  await expect(page.locator('.invoice-number')).toHaveText('INV-9');
  await expect(panel).toContainText('₹1,234.50');
  await expectAccessible(page);
  await shot(page, 'integration-01-waiting-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, 'integration-02-waiting-1024');

  await host.sim.pay('TRM002', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  await expect(panel.getByText('From Tally, ref INV-9')).toBeVisible();
  await shot(page, 'integration-03-paid-1024');
});

test('Manager → Integrations: a key made for a program is shown once, works, and stops working when revoked', async ({ page, host }) => {
  const apiUrl = host.integrationApiUrl;
  if (!apiUrl) throw new Error('the integration API did not start');
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Integrations' }).click();
  await expect(page.getByText('No program has a key yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Make the key' }).click();
  await expect(page.getByText('Program name is required')).toBeVisible();
  await page.getByLabel('Program name').fill('Vyapar');
  await page.getByRole('checkbox', { name: 'Counter A' }).check();
  await page.getByRole('button', { name: 'Make the key' }).click();
  const secret = (await page.locator('.manager-secret').textContent()) ?? '';
  expect(secret).toMatch(/^ck_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('list', { name: 'API keys' })).toContainText('Vyapar');
  await expectAccessible(page);
  await shot(page, 'integration-04-key-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, 'integration-05-key-1024');

  expect((await callIntegrationApi(apiUrl, '/v1/counters', { key: secret })).body).toMatchObject({ counters: [{ name: 'Counter A', state: 'free' }] });
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.locator('.manager-secret')).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke the key of Vyapar' }).click();
  await expect(page.getByRole('list', { name: 'API keys' })).toContainText('Revoked');
  const refused = await callIntegrationApi(apiUrl, '/v1/counters', { key: secret });
  expect(refused.status).toBe(401);
  expect(refused.body.error).toMatchObject({ code: 'key_revoked' });
});

test('a charge started by the API is stopped on the terminal as any other: the screen and the program both see it cancelled', async ({ page, host }) => {
  const apiUrl = host.integrationApiUrl;
  if (!apiUrl) throw new Error('the integration API did not start');
  await openApp(page, host, 'Counter B');
  const secret = await programKey(host, ['charge', 'read']);
  const charge = await callIntegrationApi(apiUrl, '/v1/charges', {
    key: secret,
    idempotencyKey: 'tally-inv-10-first',
    body: { reference: 'INV-10', amountMinor: 50_000, currency: 'INR', counter: 'Counter B', method: 'upi' },
  });
  await expectWaiting(page, 'TRM002');
  await host.sim.pay('TRM002', { outcome: 'failed', failure_code: 'cancelled' });
  await expect(page.getByText('The payment was cancelled on the terminal.').first()).toBeVisible(FINAL);
  const read = await callIntegrationApi(apiUrl, `/v1/charges/${charge.body.id as string}`, { key: secret });
  expect(read.body).toMatchObject({ state: 'failed', pending: false, failure: { code: 'cancelled' } });
});

test('a refund the program asks for waits on the counter screen until a manager approves it', async ({ page, host }) => {
  const apiUrl = host.integrationApiUrl;
  if (!apiUrl) throw new Error('the integration API did not start');
  await openApp(page, host);
  await setFirstPin(page, '2468');
  const secret = await programKey(host, ['charge', 'read', 'refund-request']);
  await page.getByRole('link', { name: 'Counter' }).click();
  await page.getByRole('button', { name: /^Counter B\b/ }).click();
  const charge = await callIntegrationApi(apiUrl, '/v1/charges', {
    key: secret,
    idempotencyKey: 'tally-inv-11-first',
    body: { reference: 'INV-11', amountMinor: 123_450, currency: 'INR', counter: 'Counter B', method: 'card' },
  });
  await expectWaiting(page, 'TRM002');
  await host.sim.pay('TRM002', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);

  const asked = await callIntegrationApi(apiUrl, `/v1/charges/${charge.body.id as string}/refund-requests`, {
    key: secret,
    idempotencyKey: 'tally-refund-11-a',
    body: { amountMinor: 50_000, note: 'Returned one shirt' },
  });
  expect(asked.status).toBe(202);
  const requests = page.getByRole('region', { name: 'Refund requests' });
  await expect(requests).toContainText('Tally asks to refund ₹500.00 of invoice INV-11');
  await expect(requests).toContainText('Returned one shirt');
  await expectAccessible(page);
  await shot(page, 'integration-06-refund-request-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, 'integration-07-refund-request-1024');

  await requests.getByRole('button', { name: 'Refund ₹500.00' }).click();
  await expect(requests).toHaveCount(0);
  const read = await callIntegrationApi(apiUrl, `/v1/refund-requests/${asked.body.id as string}`, { key: secret });
  expect(read.body).toMatchObject({ state: 'approved', amountMinor: 50_000, refund: { state: expect.stringMatching(/initiated|pending|succeeded/) as unknown } });
});

test('Manager → Integrations: the manager opens the API to the shop’s network and closes it again', async ({ page, host }) => {
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Integrations' }).click();
  const access = page.getByRole('checkbox', { name: /Let programs on the shop’s other computers use it/ });
  await expect(page.getByText(host.integrationApiUrl ?? 'no url')).toBeVisible();
  await expect(access).not.toBeChecked();
  await access.click();
  await expect(access).toBeChecked();
  await expect(page.getByText(/from the shop’s other computers: this computer’s network address, port/)).toBeVisible();
  await shot(page, 'integration-08-network-1366');
  await access.click();
  await expect(access).not.toBeChecked();
});

/** A key for "Tally" on every counter, made with the manager PIN 2468 (set here when no PIN is set yet). */
async function programKey(host: CounterHost, scopes: IntegrationScope[]): Promise<string> {
  const unlocked = await host.call('manager-unlock', { pin: '2468' });
  const session = unlocked.ok ? unlocked : await host.call('manager-set-pin', { pin: '2468' });
  if (!session.ok) throw new Error(session.error.message);
  const counters = await host.call('counters-list', {});
  if (!counters.ok) throw new Error(counters.error.message);
  const made = await host.call('integration-key-create', { managerToken: session.value.managerToken, name: 'Tally', scopes, counterIds: counters.value.map((c) => c.id) });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.secret;
}
