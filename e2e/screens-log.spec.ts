// The payment log and the dashboard against real payments: totals, filters, search, an attempt's
// history, Re-check, the CSV's content, and the dashboard's live cards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_LOG_PAGE } from '../contract/answers';
import { insertCreatingAttempt, transitionAttempt } from '../db/local/attempts';
import { closeDatabase, openDatabase } from '../db/local/database';
import { createInvoice } from '../db/local/invoices';
import { expect, test, type CounterHost } from './fixtures/browser-host';
import { attemptRows, chargeButton, counters, expectAccessible, expectWaiting, fillItem, FINAL, openApp, payStatus, sale, setFirstPin, shot } from './screens-support';

async function dayOfSales(host: CounterHost) {
  const c = await counters(host);
  const a = c['Counter A']!;
  const b = c['Counter B']!;
  const cc = c['Counter C']!;
  await sale(host, a, 123450, 'card', { outcome: 'succeeded' });
  await sale(host, b, 50000, 'upi', { outcome: 'succeeded' });
  await sale(host, cc, 9900, 'card', { outcome: 'failed', failure_code: 'insufficient_funds' });
  await sale(host, a, 25025, 'upi', { outcome: 'succeeded' });
  return c;
}

test('the log shows the day\'s totals and filters by counter, state, method and invoice number', async ({ page, host }) => {
  await dayOfSales(host);
  await openApp(page, host);
  await page.getByRole('link', { name: 'Payment log' }).click();
  const table = page.getByRole('table', { name: /Payment attempts on/ });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(4);

  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals.getByTestId('collected')).toHaveText('₹1,984.75');
  await expect(totals).toContainText('3 paid of 4 attempts');
  const byMethod = page.getByRole('list', { name: 'Collected by tender' });
  await expect(byMethod.getByRole('listitem').filter({ hasText: 'Card' })).toContainText('₹1,234.50 (1)');
  await expect(byMethod.getByRole('listitem').filter({ hasText: 'UPI' })).toContainText('₹750.25 (2)');
  await expect(page.getByRole('img', { name: /Collections by hour\. Busiest .* with ₹1,984\.75/ })).toBeVisible();
  await expect(rows.filter({ hasText: 'C-000001' })).toContainText('The bank declined it: not enough money in the account.');
  await expectAccessible(page);
  await shot(page, 'log-01-day');

  await page.getByLabel('Counter', { exact: true }).selectOption({ label: 'Counter A' });
  await expect(rows).toHaveCount(2);
  await expect(totals.getByTestId('collected')).toHaveText('₹1,484.75');

  await page.getByLabel('Counter', { exact: true }).selectOption({ label: 'All counters' });
  await page.getByLabel('State', { exact: true }).selectOption({ label: 'Failed' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('C-000001');
  await shot(page, 'log-02-filtered');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Method', { exact: true }).selectOption({ label: 'UPI' });
  await expect(rows).toHaveCount(2);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Invoice number').fill('A-000002');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('₹250.25');
});

test('a busy day is listed a page at a time, with the count of all of them', async ({ page, host }) => {
  const counterA = (await counters(host))['Counter A']!;
  // 205 refused charges written straight into the demo database, as a busy day would leave them.
  const db = openDatabase(join(host.dataDir, 'demo.db'));
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < DAY_LOG_PAGE + 5; i += 1) {
      const invoice = createInvoice(db, { counterId: counterA.id, number: `BUSY-${i}`, lines: [{ description: 'x', quantity: 1, unitPriceMinor: 100 }], totalMinor: 100, currency: 'INR', createdAt: now });
      const { attempt } = insertCreatingAttempt(db, { invoiceId: invoice.id, counterId: counterA.id, method: 'card', at: now + i, actor: 'test' });
      transitionAttempt(db, { attemptId: attempt.id, from: ['creating'], to: 'rejected', at: now + i, actor: 'test', reason: 'busy day' });
    }
  })();
  closeDatabase(db);

  await openApp(page, host);
  await page.getByRole('link', { name: 'Payment log' }).click();
  const rows = page.getByRole('table', { name: /Payment attempts on/ }).locator('tbody tr');
  await expect(rows).toHaveCount(DAY_LOG_PAGE);
  await expect(rows.first()).toContainText(`BUSY-${DAY_LOG_PAGE + 4}`);
  await expect(page.getByText(`Showing the latest ${DAY_LOG_PAGE} of ${DAY_LOG_PAGE + 5} payments.`)).toBeVisible();
  const more = page.getByRole('button', { name: `Show ${DAY_LOG_PAGE} more` });
  await more.scrollIntoViewIfNeeded();
  await shot(page, 'log-05-more');
  await more.click();
  await expect(rows).toHaveCount(DAY_LOG_PAGE + 5);
  await expect(rows.last()).toContainText('BUSY-0');
  await expect(more).toHaveCount(0);
});

test('a row opens its history beside the table', async ({ page, host }) => {
  await dayOfSales(host);
  await openApp(page, host);
  await page.getByRole('link', { name: 'Payment log' }).click();
  await page.getByRole('button', { name: /^C-000001/ }).click();
  const panel = page.getByRole('complementary', { name: 'Invoice C-000001' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('The bank declined it: not enough money in the account.');
  const history = panel.getByRole('list');
  await expect(history.getByRole('listitem').first()).toContainText('Sending');
  await expect(history).toContainText('Failed');
  await expectAccessible(page);
  await shot(page, 'log-03-history');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^C-000001/ })).toBeFocused();
});

test('a manager releases a held terminal and marks a lost payment as checked; the cashier may then charge again unasked', async ({ page, host }) => {
  test.setTimeout(120_000); // two forms, each checked with axe
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'Phone', '1', '15999');
  await host.sim.faults({ scope: 'create', error_rate: 1, count: 1 });
  await chargeButton(page).click();
  await expect(payStatus(page)).toHaveText(/CHECK THE TERMINAL/, FINAL);

  await page.getByRole('link', { name: 'Payment log' }).click();
  await expect(page.getByRole('region', { name: 'Totals' })).toContainText('1 need review');
  await page.getByRole('button', { name: /^B-000001/ }).click();
  const panel = page.getByRole('complementary', { name: 'Invoice B-000001' });
  await expect(panel).toContainText('A manager can mark this payment as checked');
  await expect(panel).toContainText('A manager who has checked the terminal can release it sooner');
  await expect(panel).toContainText(/Terminal on hold\s*Until \d{2}:\d{2}: no charge on terminal TRM002 or this invoice meanwhile/i);
  await expect(panel.getByRole('button', { name: 'Re-check with Zoho' })).toHaveCount(0); // no session to ask about

  await setFirstPin(page);
  await page.getByRole('link', { name: 'Payment log' }).click();
  await page.getByRole('button', { name: /^B-000001/ }).click();
  // First the terminal: the manager has looked at it, and it shows nothing pending.
  const release = panel.getByRole('form', { name: 'Release the terminal' });
  await release.getByRole('button', { name: 'Release the terminal' }).click();
  await expect(release.getByText('Note is required')).toBeVisible();
  await release.getByLabel('What the terminal shows').fill('Terminal TRM002 shows no pending payment');
  await expectAccessible(page);
  await shot(page, 'log-04-release-hold');
  await release.getByRole('button', { name: 'Release the terminal' }).click();
  await expect(panel).toContainText(/Terminal on hold\s*Ended/);
  await expect(panel.getByRole('list')).toContainText('Hold released after checking the terminal: Terminal TRM002 shows no pending payment');
  await expect(release).toHaveCount(0);

  const review = panel.getByRole('form', { name: 'Mark as checked' });
  await review.getByRole('button', { name: 'Mark as checked' }).click();
  await expect(review.getByText('Note is required')).toBeVisible();
  await review.getByLabel('What you found').fill('Terminal and Zoho show no payment: nothing was charged');
  await expectAccessible(page);
  await shot(page, 'log-04-review');
  await review.getByRole('button', { name: 'Mark as checked' }).click();
  await expect(panel).toContainText('Checked by hand');
  await expect(panel.getByRole('list')).toContainText('Manager');
  await expect(page.getByRole('region', { name: 'Totals' })).not.toContainText('need review');
  await expect(attemptRows(page).first()).toContainText('Checked by hand: Terminal and Zoho show no payment: nothing was charged');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Counter B' })).toContainText('Manager found: Terminal and Zoho show no payment');
  await expect(page.getByText(/0 need review/)).toBeVisible();
  await shot(page, 'dashboard-02-checked');

  await page.getByRole('link', { name: 'Counter', exact: true }).click();
  await expect(payStatus(page)).toHaveText(/CHECKED BY YOUR MANAGER/);
  await expect(page.getByRole('region', { name: 'Payment' })).toContainText('Your manager found: Terminal and Zoho show no payment: nothing was charged');
  await expect(page.getByRole('checkbox', { name: /I checked the terminal/ })).toHaveCount(0);
  await shot(page, 'counter-10-reviewed');
  await page.getByRole('button', { name: 'Charge ₹15,999.00 again' }).click();
  await expectWaiting(page, 'TRM002');
});

test('a check of the latest try does not cover an older unknown one: the cashier is still asked', async ({ page, host }) => {
  const counterB = (await counters(host))['Counter B']!;
  const invoice = await host.call('invoice-create', { counterId: counterB.id, lines: [{ description: 'Phone', quantity: 1, unitPriceMinor: 15_999_00 }] });
  if (!invoice.ok) throw new Error(invoice.error.message);
  await host.sim.faults({ scope: 'create', error_rate: 1, count: 2 });
  const manager = await host.call('manager-set-pin', { pin: '2468' });
  if (!manager.ok) throw new Error(manager.error.message);
  const { managerToken } = manager.value;
  const first = await host.call('charge-create', { invoiceId: invoice.value.id, counterId: counterB.id, method: 'card' });
  if (!first.ok) throw new Error(first.error.message);
  // Each lost answer holds the terminal; the manager has checked it and releases it each time.
  await host.call('attempt-release-hold', { managerToken, attemptId: first.value.id, note: 'Nothing on the terminal' });
  const second = await host.call('charge-create', { invoiceId: invoice.value.id, counterId: counterB.id, method: 'card', confirmChecked: true });
  if (!second.ok) throw new Error(second.error.message);
  await host.call('attempt-release-hold', { managerToken, attemptId: second.value.id, note: 'Nothing on the terminal' });
  expect([first.value.state, second.value.state]).toEqual(['unknown', 'unknown']);
  const checked = await host.call('attempt-mark-reviewed', { managerToken, attemptId: second.value.id, note: 'Second try: nothing on the terminal' });
  expect(checked.ok).toBe(true);

  await openApp(page, host);
  await page.getByRole('button', { name: /^Counter B\b/ }).click();
  await expect(payStatus(page)).toHaveText(/CHECKED BY YOUR MANAGER/);
  const again = page.getByRole('button', { name: 'Charge ₹15,999.00 again' });
  const confirm = page.getByRole('checkbox', { name: /I checked the terminal/ });
  await expect(confirm).toBeVisible();
  await expect(again).toBeDisabled();
  await confirm.check();
  await again.click();
  await expectWaiting(page, 'TRM002');
});

test('Export CSV downloads exactly the shown day\'s attempts', async ({ page, host }) => {
  await dayOfSales(host);
  await openApp(page, host);
  await page.getByRole('link', { name: 'Payment log' }).click();
  await expect(attemptRows(page)).toHaveCount(4);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^payments-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('time,invoice,counter,terminal,amount,currency,method,state,failure_code,failure_reason,payment_id,payments_session_id,note,checked_at,checked_note,record,refund_id,taxable_value,tax,tax_by_rate');
  expect(lines).toHaveLength(5);
  const byInvoice = new Map(lines.slice(1).map((line): [string, string[]] => [line.split(',')[1] ?? '', line.split(',')]));
  expect(byInvoice.get('A-000001')?.slice(2, 8)).toEqual(['Counter A', 'TRM001', '1234.50', 'INR', 'card', 'succeeded']);
  expect(byInvoice.get('A-000002')?.slice(4, 8)).toEqual(['250.25', 'INR', 'upi', 'succeeded']);
  expect(byInvoice.get('C-000001')?.slice(6, 9)).toEqual(['card', 'failed', 'insufficient_funds']);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 4 payments' })).toBeVisible();
});

test('the dashboard shows every counter and follows a payment live', async ({ page, host }) => {
  const c = await counters(host);
  await sale(host, c['Counter B']!, 50000, 'upi', { outcome: 'succeeded' });
  await sale(host, c['Counter C']!, 9900, 'card', { outcome: 'failed', failure_code: 'expired_card' });
  const waiting = await sale(host, c['Counter A']!, 43210, 'card', null);

  await openApp(page, host);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const card = (name: string) => page.getByRole('listitem', { name });
  await expect(card('Counter A')).toContainText('Waiting');
  await expect(card('Counter A')).toContainText('₹432.10');
  await expect(card('Counter A')).toContainText(`Invoice ${waiting}`);
  await expect(card('Counter A').getByRole('progressbar')).toBeVisible();
  await expect(card('Counter B')).toContainText('Paid');
  await expect(card('Counter C')).toContainText('The card has expired.');
  await expectAccessible(page);
  await shot(page, 'dashboard-01');

  await host.sim.pay('TRM001', { outcome: 'succeeded' });
  await expect(card('Counter A')).toContainText('Paid', FINAL);
});

test.describe('a payment Zoho never finalises', () => {
  // A short session validity so the attempt is handed to a person within seconds.
  test.use({ hostTuning: { timing: { sessionValidityMs: 1_000, graceMs: 0, lateIntervalMs: 250, lateWindowMs: 1_000 } } });

  test('needs review; Re-check finds it paid after the customer paid on the terminal', async ({ page, host }) => {
    await openApp(page, host, 'Counter B');
    await page.getByRole('radio', { name: 'Single amount' }).check();
    await page.getByLabel(/^Amount/).fill('777');
    await page.getByRole('button', { name: /^Charge/ }).click();
    await expect(page.locator('#pay-status-heading')).toHaveText(/NEEDS REVIEW/, FINAL);
    await expect(page.getByRole('region', { name: 'Payment' })).toContainText('Zoho never gave a final answer');
    await expectAccessible(page);
    await shot(page, 'counter-09-unresolved');

    await page.getByRole('link', { name: 'Payment log' }).click();
    await expect(attemptRows(page).first()).toContainText('Needs review');
    await expect(page.getByRole('region', { name: 'Totals' })).toContainText('1 need review');

    await host.sim.pay('TRM002', { outcome: 'succeeded' });
    await page.getByRole('button', { name: /^Re-check B-000001/ }).click();
    await expect(attemptRows(page).first()).toContainText('Paid', FINAL);
    await page.getByRole('link', { name: 'Counter', exact: true }).click();
    await expect(page.locator('#pay-status-heading')).toHaveText(/PAID/);
  });
});
