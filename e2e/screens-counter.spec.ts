// The cashier's screen against the real backend and the simulator: paid, failed then UPI,
// declined then paid, a reload mid-payment, the keyboard alone, and no double charge.
import { expect, test } from './fixtures/browser-host';
import { chargeButton, expectAccessible, expectWaiting, FINAL, fillItem, openApp, payStatus, shot } from './screens-support';

test('the first visit asks which counter this is and remembers it', async ({ page, host }) => {
  await openApp(page, host);
  await expect(page.getByRole('heading', { name: 'Which counter is this?' })).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'counter-01-choose');
  await page.getByRole('button', { name: /^Counter B\b/ }).click();
  await expect(page.getByRole('banner')).toContainText('Counter B');
  await expect(page.getByRole('banner')).toContainText('Terminal TRM002');
  const terminalLink = page.getByRole('link', { name: /virtual terminal TRM002/ });
  await expect(terminalLink).toHaveAttribute('href', /\/terminal\/TRM002$/);
  await expect(terminalLink).toHaveAttribute('target', '_blank');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Counter B');
});

test('the Charge button is a button named "Charge ₹…" with the exact total', async ({ page, host }) => {
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'Basmati rice 5 kg', '2', '620.50');
  await fillItem(page, 2, 'Tea', '3', '0.10');
  await fillItem(page, 3, 'Salt', '1', '0.20');
  const button = chargeButton(page);
  await expect(button).toHaveAccessibleName('Charge ₹1,241.50');
  expect(await button.evaluate((element) => element.tagName)).toBe('BUTTON');
  await expect(page.getByText('F9')).toBeVisible();
  await expect(page.getByLabel('Invoice number')).toHaveValue('B-000001');
  await expectAccessible(page);
  await shot(page, 'counter-02-invoice');
});

test('a paid sale: waiting with a countdown, then PAID with the payment id, then a new sale on Enter', async ({ page, host }) => {
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'Groceries', '1', '1234.50');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM002');
  await expect(page.getByRole('progressbar', { name: 'Terminal session time left' })).toBeVisible();
  await expect(page.getByText(/^(Last checked|Not checked yet)/)).toBeVisible();
  await expect(chargeButton(page)).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'counter-03-waiting');

  await host.sim.pay('TRM002', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  const panel = page.getByRole('region', { name: 'Payment' });
  await expect(panel).toContainText('₹1,234.50');
  await expect(panel).toContainText('Payment ID');
  await expect(panel).toContainText('Card');
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'Paid: ₹1,234.50 by Card.' })).toHaveCount(1);
  await expectAccessible(page);
  await shot(page, 'counter-04-paid');

  await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
  await expect(page.getByLabel('Invoice number')).toHaveValue('B-000002');
});

test('a failed card payment shows the reason in plain words, then succeeds by UPI', async ({ page, host }) => {
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'Shoes', '1', '2499');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM002');
  await host.sim.pay('TRM002', { outcome: 'failed', failure_code: 'insufficient_funds' });

  await expect(payStatus(page)).toHaveText(/FAILED/, FINAL);
  await expect(page.getByText('The bank declined it: not enough money in the account.', { exact: true })).toBeVisible();
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'Payment failed: The bank declined it' })).toHaveCount(1);
  await expectAccessible(page);
  await shot(page, 'counter-05-failed');

  await page.getByRole('button', { name: 'Switch to UPI' }).click();
  await expectWaiting(page, 'TRM002');
  await expect(page.getByRole('region', { name: 'Payment' })).toContainText('by UPI');
  await host.sim.pay('TRM002', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  await expect(page.getByRole('region', { name: 'Payment' })).toContainText('UPI');

  const log = await host.call('log-day', { date: await page.evaluate(() => new Date().toLocaleDateString('en-CA')) });
  expect(log.ok && log.value.attempts.map((attempt) => [attempt.invoiceNumber, attempt.method, attempt.state])).toEqual([
    ['B-000001', 'upi', 'succeeded'],
    ['B-000001', 'card', 'failed'],
  ]);
});

test('a declined try inside the session is shown while waiting; the customer then pays', async ({ page, host }) => {
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'Jacket', '1', '3200');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM002');
  await host.sim.pay('TRM002', { outcome: 'declined_attempt', failure_code: 'card_declined' });

  await expect(page.getByRole('status').filter({ hasText: 'Declined: The card was declined by the bank. The customer can try again on the terminal.' })).toBeVisible(FINAL);
  await expect(payStatus(page)).toHaveText('Waiting for payment');
  await shot(page, 'counter-06-declined');

  await host.sim.pay('TRM002', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
});

test('a reload in the middle of a payment comes back to the same payment', async ({ page, host }) => {
  await openApp(page, host, 'Counter C');
  await fillItem(page, 1, 'Watch', '1', '5600');
  await page.getByLabel('Invoice number').fill('C-WATCH-1');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM003');

  await page.reload();
  await expectWaiting(page, 'TRM003');
  await expect(page.getByRole('heading', { name: /Invoice C-WATCH-1/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Payment' })).toContainText('₹5,600.00');

  await host.sim.pay('TRM003', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
});

test('a whole checkout with the keyboard alone', async ({ page, host }) => {
  await page.goto(host.url);
  // Tab to Counter A's choice and press Enter.
  for (let i = 0; i < 15; i += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith('Counter A')) break;
  }
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Item 1 description')).toBeFocused();

  await page.keyboard.type('Milk 1 L');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('30.50');
  await page.keyboard.press('Enter'); // next item
  await expect(page.getByLabel('Item 2 description')).toBeFocused();
  await page.keyboard.type('Bread');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('45');
  await expect(chargeButton(page)).toHaveAccessibleName('Charge ₹106.00');
  await page.keyboard.press('F8'); // Card → UPI
  await expect(page.getByRole('radio', { name: 'UPI' })).toBeChecked();
  await page.keyboard.press('Control+Enter');

  await expectWaiting(page, 'TRM001');
  await host.sim.pay('TRM001', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  await page.keyboard.press('Enter'); // New sale
  await expect(page.getByLabel('Item 1 description')).toBeFocused();
  await expect(page.getByLabel('Invoice number')).toHaveValue('A-000002');
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Payment log' })).toBeVisible();
});

test('pressing Charge twice (and F9) sends one payment to the terminal', async ({ page, host }) => {
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'TV', '1', '45000');
  await chargeButton(page).dblclick();
  await page.keyboard.press('F9');
  await page.keyboard.press('F9');
  await expectWaiting(page, 'TRM002');
  await page.keyboard.press('F9');
  await page.waitForTimeout(500);
  expect((await host.sim.sessions()).filter((session) => session.terminal_id === 'TRM002')).toHaveLength(1);
});

test('a lost answer to the charge holds the terminal, saying until when; then the cashier checks the terminal before charging again', async ({ page, host }) => {
  test.setTimeout(120_000); // three screens, each checked with axe
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'Phone', '1', '15999');
  await host.sim.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });
  await chargeButton(page).click();

  await expect(payStatus(page)).toHaveText(/CHECK THE TERMINAL/, FINAL);
  const panel = page.getByRole('region', { name: 'Payment' });
  await expect(panel).toContainText('Counter cannot reach Zoho: the internet connection or Zoho is down. Counter cannot tell whether the terminal received this payment');
  // The lost request may have put the amount on the terminal: the counter waits, and says until when.
  const hold = panel.getByRole('group', { name: /Terminal TRM002 may still show this payment until/ });
  await expect(hold).toContainText(/until \d{2}:\d{2} \(3:\d\d/i);
  await expect(hold).toContainText('Until then this counter cannot charge');
  await expect(page.getByRole('button', { name: /Charge ₹15,999.00 again/ })).toHaveCount(0);
  await page.keyboard.press('F9');
  expect((await host.sim.sessions()).filter((session) => session.terminal_id === 'TRM002')).toHaveLength(1);
  await expectAccessible(page);
  await shot(page, 'counter-07-unknown-held');

  // A manager releases it (the log's form, tested there): the screen follows at once.
  const manager = await host.call('manager-set-pin', { pin: '2468' });
  const status = await host.call('dashboard', {});
  if (!manager.ok || !status.ok) throw new Error('manager or dashboard refused');
  const lost = status.value.find((s) => s.counter.name === 'Counter B')?.attempt;
  if (!lost) throw new Error('no lost attempt');
  await host.call('attempt-release-hold', { managerToken: manager.value.managerToken, attemptId: lost.id, note: 'Terminal TRM002 checked' });
  await expect(hold).toHaveCount(0);
  await expect(panel).toContainText('Tap Fetch Payments on the terminal');
  const again = page.getByRole('button', { name: 'Charge ₹15,999.00 again' });
  await expect(again).toBeDisabled();
  await expectAccessible(page);
  await shot(page, 'counter-07b-unknown-released');

  // The terminal does show it: it finishes there. The cashier must not charge again blindly.
  await page.getByRole('checkbox', { name: /I checked the terminal/ }).check();
  await expect(again).toBeEnabled();
  await again.click();
  // The lost request did reach the terminal, so Zoho refuses a second session there: its words are shown.
  await expect(payStatus(page)).toHaveText(/NOT SENT/, FINAL);
  await expect(panel).toContainText('Zoho refused the payment:');
  await expect(panel).toContainText('Nothing was sent to the terminal.');
  // The first try still has no known outcome: charging again needs the check again, and the invoice cannot be voided.
  await expect(page.getByRole('checkbox', { name: /I checked the terminal/ })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Try again by Card' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Cancel this invoice' })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'counter-08-rejected');
});
