// A charge started by another billing program through the integration API, on the cashier's screen:
// which program and which of its invoices, then Zoho's outcome, as for a charge made at the counter.
import { expect, test } from './fixtures/browser-host';
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
