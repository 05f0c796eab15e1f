// Cashiers in Chromium against the real backend: the manager adds two; at the counter each signs
// in with their own PIN (a wrong one is refused), F10 switches cashier, and each is named on their
// own sales in the log and the day’s CSV, and on the shift, the cash paid back and the day close
// made while signed in (no name typed); left alone, the counter signs its cashier out.
// Screenshots at 1366×768 and 1024×768 into /tmp/shots.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { localDate } from '../testkit/time';
import { expect, test } from './fixtures/browser-host';
import { expectAccessible, fillItem, openApp, payStatus, setFirstPin, shotAtBothWidths } from './screens-support';

async function signIn(page: Page, name: string, pin: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in at Counter A' });
  await form.getByLabel('Cashier').selectOption({ label: name });
  await form.getByLabel('Your PIN').fill(pin);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Cashier: ${name}`)).toBeVisible();
}

async function cashSale(page: Page, item: string, price: string): Promise<void> {
  await fillItem(page, 1, item, '1', price);
  await page.keyboard.press('F7');
  await page.getByLabel('Amount tendered').fill(price);
  await page.getByRole('button', { name: /^Take cash/ }).click();
  await expect(payStatus(page)).toHaveText(/PAID IN CASH/);
  await page.getByRole('button', { name: 'New sale' }).click();
}

test('two cashiers, each signed in with their own PIN, named on their own sales in the log and the CSV', async ({ page, host }) => {
  test.setTimeout(150_000);
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Cashiers' }).click();
  for (const [name, pin] of [['Asha', '1357'], ['Ravi', '2468']] as const) {
    await page.getByLabel('Cashier name').fill(name);
    await page.getByLabel('Cashier PIN').fill(pin);
    await page.getByRole('button', { name: 'Add cashier' }).click();
    await expect(page.getByRole('button', { name: `Remove ${name}` })).toBeVisible();
  }
  await expectAccessible(page);
  await shotAtBothWidths(page, 'cashiers-01-manager');

  await page.getByRole('link', { name: 'Counter' }).click();
  await page.getByRole('button', { name: /^Counter A\b/ }).click();
  const form = page.getByRole('form', { name: 'Sign in at Counter A' });
  await form.getByLabel('Cashier').selectOption({ label: 'Asha' });
  await form.getByLabel('Your PIN').fill('2468');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByText('That PIN is not right.')).toBeVisible();
  await expectAccessible(page);
  await shotAtBothWidths(page, 'cashiers-02-sign-in');
  await signIn(page, 'Asha', '1357');
  await shotAtBothWidths(page, 'cashiers-03-signed-in');
  // F2 at the cash form is quick cash's exact amount; it does not sign the cashier out.
  await fillItem(page, 1, 'Biscuits', '1', '50');
  await page.keyboard.press('F7');
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Amount tendered')).toHaveValue('50.00');
  await expect(page.getByText('Cashier: Asha')).toBeVisible();
  await page.getByRole('button', { name: /^Take cash/ }).click();
  await expect(payStatus(page)).toHaveText(/PAID IN CASH/);
  await page.getByRole('button', { name: 'New sale' }).click();
  await cashSale(page, 'Tea', '100');

  await page.keyboard.press('F10');
  await signIn(page, 'Ravi', '2468');
  await cashSale(page, 'Sugar', '200');
  // The shift names the cashier signed in: no name is typed.
  await page.getByRole('button', { name: 'Shift and cash' }).click();
  const shift = page.getByRole('region', { name: 'Shift at Counter A' });
  await expect(shift.getByTestId('shift-cashier')).toHaveText('Each step is recorded as Ravi, signed in at this counter.');
  await expect(shift.getByLabel('Your name')).toHaveCount(0);
  await shift.getByLabel('Opening float').fill('1000');
  await shift.getByRole('button', { name: 'Open the shift' }).click();
  await expect(shift.getByText(/Opened by Ravi at/)).toBeVisible();
  await expectAccessible(page);
  await shotAtBothWidths(page, 'cashiers-05-shift');
  await page.getByRole('button', { name: 'Back to the sale' }).click();
  // The last two bills' numbers, oldest first: Asha's, then Ravi's.
  const day = await host.call('log-day', { date: localDate(Date.now()) });
  if (!day.ok) throw new Error(day.error.message);
  const [byAsha, byRavi] = day.value.cashSales.map((sale) => sale.invoiceNumber).reverse().slice(-2);
  if (!byAsha || !byRavi) throw new Error('the two cash sales are not in the log');

  await page.getByRole('link', { name: 'Payment log' }).click();
  const cash = page.getByRole('table', { name: /Cash sales/ });
  await expect(cash.getByRole('row', { name: new RegExp(byAsha) })).toContainText('Counter A · Asha');
  await expect(cash.getByRole('row', { name: new RegExp(byRavi) })).toContainText('Counter A · Ravi');
  await cash.scrollIntoViewIfNeeded();
  await shotAtBothWidths(page, 'cashiers-04-log');

  // Cash paid back for Asha's sale while Ravi is signed in at this counter: it names Ravi.
  await page.getByRole('button', { name: `Pay back cash for ${byAsha}` }).click();
  const payBack = page.getByRole('form', { name: `Pay back cash for ${byAsha}` });
  await payBack.getByLabel('Cash to pay back').fill('40');
  await payBack.getByRole('button', { name: 'Pay back in cash' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Pay back ₹40.00 in cash?' });
  await expect(confirm).toContainText('Paid back by Ravi.');
  await confirm.getByRole('button', { name: 'Yes, pay back ₹40.00' }).click();
  await expect(payBack.getByText('Give the customer ₹40.00 from the drawer.')).toBeVisible();
  await payBack.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Cash paid back' }).getByRole('row', { name: new RegExp(byAsha) })).toContainText('Counter A · Ravi');
  // The day close names him too, with no name to type.
  await page.getByRole('button', { name: 'Close the day' }).click();
  const closePanel = page.getByRole('complementary', { name: /Close the day/ });
  await expect(closePanel.getByTestId('day-close-cashier')).toHaveText('The close is recorded as Ravi, signed in at this counter.');
  await expect(closePanel.getByLabel('Your name')).toHaveCount(0);
  await expectAccessible(page);
  await shotAtBothWidths(page, 'cashiers-06-day-close');
  await closePanel.getByRole('button', { name: 'Back to the log' }).click();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const lines = readFileSync(await (await downloadPromise).path(), 'utf8').trimEnd().split('\r\n');
  expect(lines[0]?.endsWith(',record,refund_id,taxable_value,tax,tax_by_rate,cashier')).toBe(true);
  expect(lines.find((line) => line.includes(byAsha))?.endsWith(',Asha')).toBe(true);
  expect(lines.find((line) => line.includes(byRavi))?.endsWith(',Ravi')).toBe(true);
  expect(lines.find((line) => line.includes(byAsha) && line.includes(',cash refund,'))?.endsWith(',Ravi')).toBe(true);
});

test('a counter left alone signs its cashier out after the minutes the manager set', async ({ page, host }) => {
  test.setTimeout(120_000);
  // The page's clock is Playwright's, so the idle minutes can pass at once.
  await page.clock.install();
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Cashiers' }).click();
  await page.getByLabel('Cashier name').fill('Asha');
  await page.getByLabel('Cashier PIN').fill('1357');
  await page.getByRole('button', { name: 'Add cashier' }).click();
  await expect(page.getByRole('button', { name: 'Remove Asha' })).toBeVisible();
  await page.getByLabel('Sign a cashier out after (minutes without use)').fill('2');

  await page.getByRole('link', { name: 'Counter' }).click();
  await page.getByRole('button', { name: /^Counter A\b/ }).click();
  await signIn(page, 'Asha', '1357');
  await page.clock.fastForward('01:30');
  await expect(page.getByText('Cashier: Asha')).toBeVisible();
  await page.clock.fastForward('00:40');
  await expect(page.getByRole('form', { name: 'Sign in at Counter A' })).toBeVisible();
  await expect(page.getByText('Cashier: Asha')).toBeHidden();
});
