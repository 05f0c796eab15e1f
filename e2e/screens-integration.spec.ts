// A charge started by another billing program through the integration API, on the cashier's screen:
// which program and which of its invoices, then Zoho's outcome, as for a charge made at the counter.
import { expect, test } from './fixtures/browser-host';
import { callIntegrationApi } from '../testkit/integration-client';
import { expectAccessible, expectWaiting, FINAL, openApp, payStatus, shot } from './screens-support';

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
