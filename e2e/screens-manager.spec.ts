// The manager's screens: the first-run PIN, lock and unlock, counters (add, map a terminal, the
// errors), and connecting a Zoho account through the consent page or a Self Client code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ManagerPinFile, PIN_FILE } from '../core/manager/pin-file';
import { startSimulator, type RunningSimulator } from '../simulator/index';
import { expect, test } from './fixtures/browser-host';
import { chargeButton, expectAccessible, expectWaiting, fillItem, openApp, setFirstPin, shot } from './screens-support';

test('first run: set a manager PIN, lock, and unlock only with the right PIN', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByRole('link', { name: 'Manager' }).click();
  await expect(page.getByRole('heading', { name: 'Set a manager PIN' })).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'manager-01-set-pin');

  await page.getByLabel('New manager PIN').fill('12');
  await page.getByRole('button', { name: 'Set PIN and unlock' }).click();
  await expect(page.getByText('The PIN must be 4 to 8 digits.')).toBeVisible();
  await page.getByLabel('New manager PIN').fill('2468');
  await page.getByLabel('Type the PIN again').fill('2467');
  await page.getByRole('button', { name: 'Set PIN and unlock' }).click();
  await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
  await page.getByLabel('Type the PIN again').fill('2468');
  await page.getByRole('button', { name: 'Set PIN and unlock' }).click();
  await expect(page.getByRole('tab', { name: 'Counters' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Manager' })).toBeVisible();
  await expect(page.getByLabel('Manager PIN')).toBeFocused();
  await page.getByLabel('Manager PIN').fill('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByText('That PIN is not right.')).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'manager-02-unlock');
  await page.getByLabel('Manager PIN').fill('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Counters' })).toBeVisible();

  // The unlock lives in memory only: a reload locks the manager screens again.
  await page.reload();
  await expect(page.getByLabel('Manager PIN')).toBeVisible();
});

test('a PIN file that cannot be read locks the manager screens, and says how to reset the PIN on the computer', async ({ page, host }) => {
  writeFileSync(join(host.dataDir, PIN_FILE), '{"hash":"scr');
  await openApp(page, host);
  await page.getByRole('link', { name: 'Manager' }).click();
  await expect(page.getByRole('heading', { name: 'Manager screens locked' })).toBeVisible();
  await expect(page.getByText(/is damaged or cannot be read, so the manager screens stay locked\. To choose a new PIN, someone who can sign in to this computer’s user account/)).toBeVisible();
  await expect(page.getByLabel(/PIN/)).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'manager-01b-pin-unreadable');
});

test('after a reset on the computer, the Manager screen says who reset the PIN and asks for a new one', async ({ page, host }) => {
  await new ManagerPinFile(host.dataDir).write({ kind: 'reset', at: Date.UTC(2026, 10, 30, 3, 45), by: 'asha on shop-pc' });
  await openApp(page, host);
  await page.getByRole('link', { name: 'Manager' }).click();
  await expect(page.getByRole('heading', { name: 'Set a new manager PIN' })).toBeVisible();
  await expect(page.getByText(/The manager PIN was reset on this computer by asha on shop-pc \(at (29|30) Nov 2026, \d{2}:\d{2}\)/)).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'manager-01c-pin-reset');
  await page.getByLabel('New manager PIN', { exact: true }).fill('8642');
  await page.getByLabel('Type the PIN again').fill('8642');
  await page.getByRole('button', { name: 'Set PIN and unlock' }).click();
  await expect(page.getByRole('tab', { name: 'Counters' })).toBeVisible();
});

test.describe('settings from outside Counter', () => {
  test.use({ hostEnv: { ZOHO_PAYMENTS_URL: 'https://payments-proxy.example.test/zoho', ZOHO_ACCOUNTS_URL: 'https://accounts-proxy.example.test' } });

  test('are shown on the Manager screen', async ({ page, host }) => {
    await openApp(page, host);
    await setFirstPin(page);
    const notice = page.getByRole('region', { name: 'Settings from outside Counter are in use' });
    await expect(notice).toContainText('ZOHO_PAYMENTS_URL: https://payments-proxy.example.test/zoho');
    await expect(notice).toContainText('ZOHO_ACCOUNTS_URL: https://accounts-proxy.example.test');
    await page.getByRole('tab', { name: 'Zoho connection' }).click();
    await expect(notice).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'manager-01d-overrides');
  });
});

test('counters: add one on its terminal, refuse a terminal already in use, rename, and refuse a change while a payment is live', async ({ page, host }) => {
  await openApp(page, host);
  await setFirstPin(page);
  const addForm = page.getByRole('form', { name: 'Add a counter' });
  await addForm.getByLabel('Counter name').fill('Counter D');
  await addForm.getByLabel('Terminal ID').fill('TRM001');
  await addForm.getByLabel('Invoice prefix').fill('D-');
  await addForm.getByRole('button', { name: 'Add counter' }).click();
  // The error sits under the field it is about.
  const terminalField = addForm.getByLabel('Terminal ID');
  await expect(terminalField).toHaveAttribute('aria-invalid', 'true');
  await expect(terminalField).toHaveAccessibleDescription(/already uses this terminal/);
  await expectAccessible(page);
  await shot(page, 'manager-03-counter-error');

  await terminalField.fill('TRM004');
  await addForm.getByRole('button', { name: 'Add counter' }).click();
  await expect(addForm.getByText('Counter D added, on terminal TRM004.')).toBeVisible();
  const list = page.getByRole('list', { name: 'Counters' });
  await expect(list).toContainText('Counter D');

  await page.getByRole('button', { name: 'Edit Counter D' }).click();
  const editForm = page.getByRole('form', { name: 'Edit Counter D' });
  await editForm.getByLabel('Counter name').fill('Counter Delta');
  await editForm.getByRole('button', { name: /^Save/ }).click();
  await expect(list).toContainText('Counter Delta');
  await shot(page, 'manager-04-counters');

  // A payment goes live on Counter B; its terminal cannot be changed until it is final.
  await page.getByRole('link', { name: 'Counter', exact: true }).click();
  await page.getByRole('button', { name: /^Counter B\b/ }).click();
  await fillItem(page, 1, 'Lamp', '1', '899');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM002');
  await page.getByRole('link', { name: 'Manager' }).click();
  await page.getByRole('button', { name: 'Edit Counter B' }).click();
  const editB = page.getByRole('form', { name: 'Edit Counter B' });
  await editB.getByLabel('Terminal ID').fill('TRM009');
  await editB.getByRole('button', { name: /^Save/ }).click();
  await expect(editB.getByRole('alert').or(editB.locator('.field-error'))).toContainText(/payment/i);
  await shot(page, 'manager-05-counter-live-refused');
  await editB.getByRole('button', { name: 'Cancel' }).click();

  // Deactivating asks first.
  await page.getByRole('button', { name: 'Deactivate Counter C' }).click();
  await page.getByRole('group', { name: 'Confirm deactivating Counter C' }).getByRole('button', { name: 'Deactivate' }).click();
  await expect(list.getByRole('listitem').filter({ hasText: 'Counter C' })).toContainText('Deactivated');
});

test.describe('connecting a Zoho account', () => {
  let zoho: RunningSimulator;
  const saved: Record<string, string | undefined> = {};

  test.beforeEach(async () => {
    // A stand-in for Zoho's accounts and payments servers; the backend reads these at sign-in time.
    zoho = await startSimulator();
    for (const name of ['ZOHO_ACCOUNTS_URL', 'ZOHO_PAYMENTS_URL']) {
      saved[name] = process.env[name];
      process.env[name] = zoho.url;
    }
  });

  test.afterEach(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await zoho.stop();
  });

  async function saveAccount(page: Page) {
    await page.getByRole('tab', { name: 'Zoho connection' }).click();
    await page.getByLabel('Edition').selectOption('in');
    await page.getByLabel('Account ID').fill(zoho.fixture.account_id);
    await page.getByLabel('Client ID').fill(zoho.fixture.client_id);
    await page.getByLabel('Client secret').fill(zoho.fixture.client_secret);
    await page.getByRole('button', { name: 'Save account details' }).click();
    await expect(page.getByText('Saved. Now sign in with Zoho, or paste a Self Client code.')).toBeVisible();
    // The secret is never shown back.
    await expect(page.getByLabel('Client secret')).toHaveValue('');
  }

  test('with a Self Client code: demo mode ends and the header says connected', async ({ page, host }) => {
    await openApp(page, host);
    await setFirstPin(page);
    await saveAccount(page);
    await expectAccessible(page);
    await shot(page, 'manager-06-connection');

    const response = await fetch(`${zoho.url}/_sim/oauth/codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { code } = (await response.json()) as { code: string };
    await page.getByLabel('Or paste a Self Client code').fill(code);
    await page.getByRole('button', { name: 'Connect with code' }).click();

    await expect(page.getByRole('status', { name: 'Zoho connection' })).toHaveText(/Connected to Zoho/, { timeout: 15_000 });
    await expect(page.getByRole('region', { name: 'Demo mode' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Another account?' })).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'manager-07-connected');

    // Disconnecting asks first, then returns to demo mode.
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    const confirm = page.getByRole('group', { name: 'Confirm disconnecting' });
    await expect(confirm.getByRole('button', { name: 'Stay connected' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Disconnect from Zoho' }).click();
    await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible({ timeout: 15_000 });
  });

  test('with "Sign in with Zoho": the consent page opens in a new tab and Accept connects', async ({ page, host }) => {
    await openApp(page, host);
    await setFirstPin(page);
    await saveAccount(page);

    const popupPromise = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in with Zoho' }).click();
    const consent = await popupPromise;
    await expect(consent.getByRole('button', { name: 'Accept' })).toBeVisible();
    await consent.screenshot({ path: '/tmp/shots/manager-08-consent.png' });
    await consent.getByRole('button', { name: 'Accept' }).click();

    await expect(page.getByRole('status', { name: 'Zoho connection' })).toHaveText(/Connected to Zoho/, { timeout: 15_000 });
    await expect(page.getByRole('region', { name: 'Demo mode' })).toHaveCount(0);
  });
});
