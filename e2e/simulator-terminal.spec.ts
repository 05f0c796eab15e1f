// The virtual terminal in a real browser: a session created over HTTP is fetched, shown and paid
// on /terminal/TRM001, and the payments API then reports the outcome.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startSimulator, type RunningSimulator, type WireSession } from '../simulator/index';

const SHOTS = '/tmp/shots';

test.use({ viewport: { width: 400, height: 700 } });

let sim: RunningSimulator;

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
test.beforeEach(async () => {
  sim = await startSimulator();
});
test.afterEach(async () => {
  await sim.stop();
});

async function accessToken(): Promise<string> {
  const { fixture } = sim;
  const response = await fetch(`${sim.url}/oauth/v2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: fixture.client_id,
      client_secret: fixture.client_secret,
      refresh_token: fixture.refresh_token,
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

async function createSession(token: string, body: Record<string, unknown>): Promise<WireSession> {
  const response = await fetch(`${sim.url}/api/v1/terminal/paymentsessions?account_id=${sim.fixture.account_id}`, {
    method: 'POST',
    headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ currency: 'INR', type: 'pos_payment', terminal_id: 'TRM001', ...body }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { payments_session: WireSession }).payments_session;
}

async function retrieveSession(token: string, sessionId: string): Promise<WireSession> {
  const response = await fetch(`${sim.url}/api/v1/terminal/paymentsessions/${sessionId}?account_id=${sim.fixture.account_id}`, {
    headers: { authorization: `Zoho-oauthtoken ${token}` },
  });
  return ((await response.json()) as { payments_session: WireSession }).payments_session;
}

async function fetchOnTerminal(page: Page): Promise<void> {
  await page.goto(`${sim.url}/terminal/TRM001`);
  await expect(page.getByRole('heading', { name: 'Ready for payment' })).toBeVisible();
  await page.getByRole('button', { name: 'Fetch Payments' }).click();
}

test('the cashier fetches the payment and the customer pays by card', async ({ page }) => {
  const token = await accessToken();
  const session = await createSession(token, {
    amount: 1234.5,
    invoice_number: 'A-1001',
    description: 'Groceries, 6 items',
    payment_method_details: { type: 'card' },
  });

  await page.goto(`${sim.url}/terminal/TRM001`);
  await page.screenshot({ path: `${SHOTS}/sim-terminal-idle.png` });
  await page.getByRole('button', { name: 'Fetch Payments' }).click();

  await expect(page.locator('#amount')).toHaveText('₹1,234.50');
  await expect(page.locator('#invoice')).toHaveText('A-1001');
  await expect(page.getByRole('radio', { name: 'Card' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'UPI' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/sim-terminal-fetched.png` });

  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { name: 'Payment approved' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/sim-terminal-approved.png` });

  const final = await retrieveSession(token, session.payments_session_id);
  expect(final.session_status).toBe('succeeded');
  expect(final.payments?.[0]).toMatchObject({ status: 'succeeded', amount: '1234.50', payment_method: { type: 'card' } });
  await expect(page.getByText(`Payment ID ${final.payments?.[0]?.payment_id ?? ''}`)).toBeVisible();
});

test('a declined attempt lets the customer retry; a final decline carries the chosen code', async ({ page }) => {
  const token = await accessToken();
  const session = await createSession(token, { amount: 250, invoice_number: 'A-1002' });
  await fetchOnTerminal(page);

  await page.getByLabel('Decline reason').selectOption('incorrect_pin');
  await page.getByLabel('Customer may try again').check();
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByRole('heading', { name: 'Declined: customer may retry' })).toBeVisible();
  expect((await retrieveSession(token, session.payments_session_id)).session_status).toBe('in_progress');

  await page.getByRole('button', { name: 'Back to payment' }).click();
  await expect(page.getByLabel('Customer may try again')).not.toBeChecked();
  await page.getByRole('radio', { name: 'UPI' }).check();
  await page.getByLabel('Decline reason').selectOption('upi_timeout');
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
  await expect(page.getByText('UPI request timed out (upi_timeout)')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/sim-terminal-declined.png` });

  const final = await retrieveSession(token, session.payments_session_id);
  expect(final.session_status).toBe('failed');
  expect(final.payments?.map((payment) => [payment.failure_code, payment.payment_method.type])).toEqual([
    ['incorrect_pin', 'card'],
    ['upi_timeout', 'upi'],
  ]);
});

test('Fetch Payments with nothing pending says so', async ({ page }) => {
  await fetchOnTerminal(page);

  await expect(page.getByRole('status')).toHaveText('There is no payment to fetch on terminal TRM001.');
});
