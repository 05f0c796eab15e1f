// A refund done safely: the amount starts empty, a confirmation names the amount, the method and the
// customer's payment before anything is sent, and the log row then says "Partly refunded". Against
// the real backend and the simulator in Chromium.
import { localDate } from '../testkit/time';
import { expect, test, type CounterHost } from './fixtures/browser-host';
import { attemptRows, counters, expectAccessible, FINAL, openApp, sale, setFirstPin, shot } from './screens-support';

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  test(`a part refund asks to confirm, then the log says Partly refunded (${width}×${height})`, async ({ page, host }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    const { 'Counter A': a } = await counters(host);
    const invoice = await sale(host, a!, 100_050, 'upi', { outcome: 'succeeded' });
    await openApp(page, host);
    await setFirstPin(page);
    await page.getByRole('link', { name: 'Payment log' }).click();
    await page.getByRole('button', { name: new RegExp(`^${invoice}\\b.*show history`) }).click();
    const panel = page.getByRole('complementary');
    const amount = panel.getByLabel('Refund amount');
    await expect(amount).toHaveValue('');
    await panel.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(panel.getByText('Enter the amount to refund.')).toBeVisible();

    await amount.fill('400');
    await panel.getByRole('button', { name: 'Refund', exact: true }).click();
    const confirm = panel.getByRole('alertdialog', { name: 'Refund ₹400.00?' });
    await expect(confirm).toContainText(`₹400.00 goes back by UPI to the customer who paid ₹1,000.50 for invoice ${invoice}`);
    await expect(confirm).toContainText('A refund cannot be taken back.');
    await expectAccessible(page);
    await shot(page, `refunds-01-confirm-${width}`);
    // Nothing is sent before the confirmation.
    const before = await host.call('refund-list', { attemptId: (await attemptIdOf(host, invoice)) ?? '' });
    expect(before.ok && before.value).toEqual([]);

    await confirm.getByRole('button', { name: 'Yes, refund ₹400.00' }).click();
    await expect(panel.getByText('Refund of ₹400.00 sent to Zoho.')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Print refund slip' })).toBeVisible();
    await expect(panel.locator('.refund-list li').first()).toContainText('Refunded', FINAL);
    await expect(amount).toHaveValue('');

    await page.keyboard.press('Escape');
    const row = attemptRows(page).filter({ hasText: invoice });
    await expect(row).toContainText('Partly refunded', FINAL);
    await expectAccessible(page);
    await shot(page, `refunds-02-log-partly-${width}`);
  });
}

test('a return by item and quantity fills the amount and the note with what those goods cost', async ({ page, host }) => {
  test.setTimeout(120_000);
  const { 'Counter B': b } = await counters(host);
  const invoice = await host.call('invoice-create', {
    counterId: b!.id,
    lines: [
      { description: 'Tea', quantity: 3, unitPriceMinor: 10_000 },
      { description: 'Soap', quantity: 1, unitPriceMinor: 25_050 },
    ],
  });
  if (!invoice.ok) throw new Error(invoice.error.message);
  const charge = await host.call('charge-create', { invoiceId: invoice.value.id, counterId: b!.id, method: 'card' });
  if (!charge.ok) throw new Error(charge.error.message);
  await host.sim.pay(b!.terminalId, { outcome: 'succeeded' });
  await expect
    .poll(async () => {
      const got = await host.call('invoice-get', { invoiceId: invoice.value.id });
      return got.ok ? got.value.attempts.at(-1)?.state : 'missing';
    }, FINAL)
    .toBe('succeeded');
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('link', { name: 'Payment log' }).click();
  const number = invoice.value.number;
  await page.getByRole('button', { name: new RegExp(`^${number}\\b.*show history`) }).click(FINAL);
  const panel = page.getByRole('complementary');
  const goods = panel.getByRole('group', { name: 'Goods brought back (optional)' });
  await goods.getByLabel('Item').selectOption({ label: 'Tea × 3' });
  await goods.getByLabel('Quantity').selectOption('2');
  await goods.getByRole('button', { name: 'Refund these: ₹200.00' }).click();
  await expect(panel.getByLabel('Refund amount')).toHaveValue('200.00');
  await expect(panel.getByLabel('Note (optional)')).toHaveValue('Returned 2 × Tea');
  await expectAccessible(page);
  await shot(page, 'refunds-03-return-by-line');

  await panel.getByRole('button', { name: 'Refund', exact: true }).click();
  await panel.getByRole('alertdialog', { name: 'Refund ₹200.00?' }).getByRole('button', { name: 'Yes, refund ₹200.00' }).click();
  await expect(panel.locator('.refund-list li').first()).toContainText('Refunded', FINAL);
  await page.keyboard.press('Escape');
  await expect(attemptRows(page).filter({ hasText: number })).toContainText('Partly refunded', FINAL);
});

async function attemptIdOf(host: CounterHost, invoiceNumber: string): Promise<string | undefined> {
  const day = await host.call('log-day', { date: localDate(Date.now()) });
  return day.ok ? day.value.attempts.find((attempt) => attempt.invoiceNumber === invoiceNumber)?.id : undefined;
}
