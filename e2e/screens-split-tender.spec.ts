// Split tender in Chromium against the real backend and the simulator: ₹500 taken in cash, the
// balance due shown large, the rest paid by UPI on the terminal (asked for the balance only), and
// one receipt listing both tenders, rendered to PDF and read back. Screenshots at 1366×768 and
// 1024×768 into /tmp/shots, axe clean. Then the cash part paid back in cash from the log; a ₹300 UPI
// part first (typed by the cashier, its own session), then the ₹200 balance in cash, both parts still
// shown after a reload; and cash, UPI, then cash again.
import type { Page } from '@playwright/test';
import { pdfText, squeezed } from '../testkit/pdf-text';
import { localDate } from '../testkit/time';
import { expect, test } from './fixtures/browser-host';
import { chargeButton, counters, expectAccessible, expectTouchTargets, expectWaiting, FINAL, fillItem, openApp, payStatus, setFirstPin, shot } from './screens-support';

async function shotBothWidths(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-1366`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('a sale paid ₹500 in cash and the rest by UPI, with one receipt listing both', async ({ page, host }) => {
  test.setTimeout(120_000);
  await openApp(page, host, 'Counter A');
  await fillItem(page, 1, 'Silk saree', '1', '1234');
  await page.keyboard.press('F7');
  await page.getByLabel('Amount tendered').fill('500');
  await expect(page.getByTestId('change-due')).toHaveText('Short by ₹734.00');
  await shotBothWidths(page, 'split-01-cash-part');

  await page.getByRole('button', { name: 'Take ₹500.00 now, ₹734.00 by card or UPI' }).click();
  await expect(page.getByTestId('balance-due')).toContainText('Balance due ₹734.00');
  await expect(page.getByTestId('balance-due')).toContainText('Paid so far ₹500.00 in cash, of ₹1,234.00.');
  // Cash stays on offer: the balance may be paid in several cash parts too.
  await expect(page.getByRole('radio', { name: 'Cash' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Cancel this invoice' })).toHaveCount(0);
  await expectAccessible(page);
  await expectTouchTargets(page);
  await shotBothWidths(page, 'split-02-balance-due');

  await page.getByRole('radio', { name: 'UPI' }).check();
  await expect(chargeButton(page)).toHaveText('Charge ₹734.00');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM001');
  expect((await host.sim.sessions()).map((s) => s.amount)).toEqual(['734.00']);
  await host.sim.pay('TRM001', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  const region = page.getByRole('region', { name: 'Payment' });
  await expect(region.locator('.payment-amount')).toHaveText('₹1,234.00');
  await expect(region).toContainText('Cash part₹500.00');
  const paymentId = (await region.locator('dd').first().textContent()) ?? '';
  expect(paymentId).toMatch(/^\d+$/);
  await expectAccessible(page);
  await shotBothWidths(page, 'split-03-paid');

  await page.evaluate(() => {
    window.print = () => undefined; // no dialog here: the print styles are rendered to PDF instead
  });
  await page.getByRole('button', { name: 'Print receipt' }).click();
  await expect(page.locator('.print-area .receipt')).toHaveCount(1);
  const printed = squeezed(pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
  for (const text of ['Silk saree', 'Total', '₹1,234.00', 'Paid by', 'Cash ₹500.00', 'Cash tendered', 'UPI ₹734.00', 'Payment ID', paymentId]) {
    expect(printed, text).toContain(squeezed(text));
  }
  expect(printed.indexOf(squeezed('Cash ₹500.00'))).toBeLessThan(printed.indexOf(squeezed('UPI ₹734.00')));

  const day = await host.call('log-day', { date: localDate(Date.now()) });
  expect(day.ok && day.value.totals.byTender).toEqual([
    { tender: 'card', count: 0, amountMinor: 0 },
    { tender: 'upi', count: 1, amountMinor: 73_400 },
    { tender: 'cash', count: 1, amountMinor: 50_000 },
  ]);
});

test('the cash part of a split sale is paid back in cash from the log, never through Zoho', async ({ page, host }) => {
  test.setTimeout(120_000);
  const { 'Counter A': a } = await counters(host);
  const counterId = a?.id ?? '';
  const invoice = await host.call('invoice-create', { counterId, lines: [{ description: 'Silk saree', quantity: 1, unitPriceMinor: 123_400 }] });
  if (!invoice.ok) throw new Error(invoice.error.message);
  const cash = await host.call('cash-settle', { invoiceId: invoice.value.id, counterId, tenderedMinor: 50_000, amountMinor: 50_000 });
  if (!cash.ok) throw new Error(cash.error.message);
  const upi = await host.call('charge-create', { invoiceId: invoice.value.id, counterId, method: 'upi' });
  if (!upi.ok) throw new Error(upi.error.message);
  await host.sim.pay('TRM001', { outcome: 'succeeded' });
  await expect.poll(async () => {
    const got = await host.call('invoice-get', { invoiceId: invoice.value.id });
    return got.ok ? got.value.invoice.status : 'missing';
  }, FINAL).toBe('paid');

  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('link', { name: 'Payment log' }).click();
  await page.getByRole('button', { name: `Pay back cash for ${invoice.value.number}` }).click();
  const form = page.getByRole('form', { name: `Pay back cash for ${invoice.value.number}` });
  await expect(form.getByLabel('Cash to pay back')).toHaveValue('');
  await form.getByLabel('Cash to pay back').fill('600');
  await form.getByRole('button', { name: 'Pay back in cash' }).click();
  await expect(form.getByText('Refund amount must be at most ₹500.00: that is what is left to refund of this ₹500.00 payment.')).toBeVisible();
  await form.getByLabel('Cash to pay back').fill('200');
  await form.getByRole('button', { name: 'Pay back in cash' }).click();
  // Paying back cash is confirmed first, as a card/UPI refund is: nothing is recorded before "Yes".
  const confirm = page.getByRole('alertdialog', { name: 'Pay back ₹200.00 in cash?' });
  await expect(confirm).toContainText(`₹200.00 in cash from the drawer to the customer who paid ₹500.00 in cash for invoice ${invoice.value.number}.`);
  const beforeYes = await host.call('log-day', { date: localDate(Date.now()) });
  expect(beforeYes.ok && beforeYes.value.cashRefunds).toEqual([]);
  await confirm.scrollIntoViewIfNeeded();
  await shotBothWidths(page, 'split-04-cash-pay-back-confirm');
  await confirm.getByRole('button', { name: 'Yes, pay back ₹200.00' }).click();
  await expect(form.getByText('Give the customer ₹200.00 from the drawer.')).toBeVisible();
  const paidBack = page.getByRole('table', { name: 'Cash paid back' });
  await expect(paidBack).toContainText('₹200.00');
  await expect(page.getByTestId('refunded')).toHaveText('₹200.00', FINAL);
  expect((await host.sim.requests()).filter((r) => r.path.includes('refund'))).toEqual([]);
  await expectAccessible(page);
  await shotBothWidths(page, 'split-05-cash-paid-back');
  await paidBack.scrollIntoViewIfNeeded();
  await shotBothWidths(page, 'split-06-cash-paid-back-listed');
});

test('a sale paid ₹300 by UPI first, then the ₹200 balance in cash, with one receipt listing both in that order', async ({ page, host }) => {
  test.setTimeout(120_000);
  await openApp(page, host, 'Counter A');
  await fillItem(page, 1, 'Kurta', '1', '500');
  await page.getByRole('radio', { name: 'UPI' }).check();
  await page.getByRole('button', { name: 'Pay only part by card or UPI' }).click();
  await page.getByLabel('Card or UPI part').fill('500.01');
  await chargeButton(page).click();
  await expect(page.getByText('Card or UPI part must be at most the balance due, ₹500.00.')).toBeVisible();
  expect(await host.sim.sessions()).toEqual([]);
  await page.getByLabel('Card or UPI part').fill('300');
  await expect(chargeButton(page)).toHaveText('Charge ₹300.00');
  await expectAccessible(page);
  await shotBothWidths(page, 'split-06-card-part');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM001');
  expect((await host.sim.sessions()).map((s) => s.amount)).toEqual(['300.00']);
  await host.sim.pay('TRM001', { outcome: 'succeeded' });

  await expect(page.getByTestId('balance-due')).toContainText('Balance due ₹200.00', FINAL);
  await expect(page.getByTestId('balance-due')).toContainText('Paid so far ₹300.00 by card or UPI, of ₹500.00.');
  await expect(chargeButton(page)).toHaveText('Charge ₹200.00');
  await expectAccessible(page);
  await expectTouchTargets(page);
  await shotBothWidths(page, 'split-07-after-card-part');

  await page.keyboard.press('F7');
  await page.getByLabel('Amount tendered').fill('500');
  await expect(page.getByTestId('change-due')).toHaveText('Change due ₹300.00');
  await page.getByRole('button', { name: 'Take cash ₹200.00' }).click();
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  const region = page.getByRole('region', { name: 'Payment' });
  await expect(region.locator('.payment-amount')).toHaveText('₹500.00');
  await expect(region.getByTestId('change-due')).toHaveText('Change due ₹300.00');
  await expect(region).toContainText('UPI part₹300.00');
  await expect(region).toContainText('Cash part₹200.00');
  await expect(region).toContainText('MethodUPI and Cash');
  await expectAccessible(page);
  await shotBothWidths(page, 'split-08-paid');
  expect(await host.sim.sessions()).toHaveLength(1);
  // Brought back by a reload, the paid panel still shows both parts, as the receipt does.
  await page.reload();
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  await expect(region).toContainText('MethodUPI and Cash');
  await expect(region).toContainText('UPI part₹300.00');
  await expect(region).toContainText('Cash part₹200.00');
  await shotBothWidths(page, 'split-09-paid-reloaded');

  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('button', { name: 'Print receipt' }).click();
  await expect(page.locator('.print-area .receipt')).toHaveCount(1);
  const printed = squeezed(pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
  for (const text of ['Kurta', '₹500.00', 'UPI ₹300.00', 'Cash ₹200.00', 'Cash tendered']) {
    expect(printed, text).toContain(squeezed(text));
  }
  expect(printed.indexOf(squeezed('UPI ₹300.00'))).toBeLessThan(printed.indexOf(squeezed('Cash ₹200.00')));
});

test('cash, then UPI, then cash again: each cash part its own, the paid panel and receipt listing all three in order', async ({ page, host }) => {
  test.setTimeout(120_000);
  await openApp(page, host, 'Counter A');
  await fillItem(page, 1, 'Lehenga', '1', '1000');
  await page.keyboard.press('F7');
  await page.getByLabel('Amount tendered').fill('300');
  await page.getByRole('button', { name: 'Take ₹300.00 now, ₹700.00 by card or UPI' }).click();
  await expect(page.getByTestId('balance-due')).toContainText('Balance due ₹700.00');

  await page.getByRole('radio', { name: 'UPI' }).check();
  await page.getByRole('button', { name: 'Pay only part by card or UPI' }).click();
  await page.getByLabel('Card or UPI part').fill('400');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM001');
  await host.sim.pay('TRM001', { outcome: 'succeeded' });
  await expect(page.getByTestId('balance-due')).toContainText('Balance due ₹300.00', FINAL);
  await expect(page.getByTestId('balance-due')).toContainText('Paid so far ₹700.00 (₹300.00 in cash), of ₹1,000.00.');

  await page.keyboard.press('F7');
  await page.getByLabel('Amount tendered').fill('500');
  await page.getByRole('button', { name: 'Take cash ₹300.00' }).click();
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  const region = page.getByRole('region', { name: 'Payment' });
  await expect(region.getByTestId('change-due')).toHaveText('Change due ₹200.00');
  await expect(region).toContainText('MethodCash and UPI');
  await expect(region.locator('dt', { hasText: /part$/ })).toHaveText(['Cash part', 'UPI part', 'Cash part']);
  await expect(region.locator('dt', { hasText: /part$/ }).locator('+ dd')).toHaveText(['₹300.00', '₹400.00', '₹300.00']);
  await expectAccessible(page);
  await shotBothWidths(page, 'split-10-cash-upi-cash');

  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('button', { name: 'Print receipt' }).click();
  await expect(page.locator('.print-area .receipt')).toHaveCount(1);
  const printed = squeezed(pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
  const first = printed.indexOf(squeezed('Cash ₹300.00'));
  const upi = printed.indexOf(squeezed('UPI ₹400.00'));
  expect(first).toBeGreaterThan(-1);
  expect(upi).toBeGreaterThan(first);
  expect(printed.indexOf(squeezed('Cash ₹300.00'), upi)).toBeGreaterThan(upi);
});
