// A counter's shift in Chromium against the real backend: opened with a float, a cash sale, cash
// taken out with a reason, then the cash counted at the close shows the shortage; the shift slip
// printed (rendered to PDF and read back). Screenshots at 1366×768 and 1024×768 into /tmp/shots.
import { pdfText, squeezed } from '../testkit/pdf-text';
import { expect, test } from './fixtures/browser-host';
import { expectAccessible, fillItem, openApp, payStatus, shotAtBothWidths } from './screens-support';

test('a shift with a float, a cash sale, cash out and counted cash showing the shortage, and its slip printed', async ({ page, host }) => {
  test.setTimeout(120_000);
  await openApp(page, host, 'Counter A');
  await page.getByRole('button', { name: 'Shift and cash' }).click();
  const panel = page.getByRole('region', { name: 'Shift at Counter A' });
  await panel.getByLabel('Your name').fill('Asha');
  await panel.getByLabel('Opening float').fill('-5');
  await panel.getByRole('button', { name: 'Open the shift' }).click();
  await expect(panel.getByText('Opening float: The amount cannot be negative.')).toBeVisible();
  await panel.getByLabel('Opening float').fill('2000');
  await panel.getByRole('button', { name: 'Open the shift' }).click();
  await expect(panel.getByText(/Opened by Asha at/)).toBeVisible();

  // A cash sale at the counter goes into this drawer.
  await page.getByRole('button', { name: 'Back to the sale' }).click();
  await fillItem(page, 1, 'Atta 10 kg', '1', '450.50');
  await page.keyboard.press('F7');
  await page.getByLabel('Amount tendered').fill('500');
  await page.getByRole('button', { name: 'Take cash ₹450.50' }).click();
  await expect(payStatus(page)).toHaveText(/PAID IN CASH/);
  await page.getByRole('button', { name: 'Shift and cash' }).click();
  await panel.getByLabel('Your name').fill('Asha');

  const move = panel.getByRole('form', { name: 'Cash in or out' });
  await expect(move.getByLabel('Take cash out')).toBeChecked();
  await move.getByLabel('Amount').fill('500');
  await move.getByRole('button', { name: 'Record cash out' }).click();
  await expect(move.getByText('Reason is required')).toBeVisible();
  await move.getByLabel('Reason').fill('Paid the milk supplier');
  await move.getByRole('button', { name: 'Record cash out' }).click();
  const movements = panel.getByRole('table', { name: 'Cash in and out' });
  await expect(movements).toContainText('Paid the milk supplier');
  await expect(movements).toContainText('₹500.00');
  const figures = panel.locator('.shift-figures');
  await expect(figures).toContainText('Opening float₹2,000.00');
  await expect(figures).toContainText('Cash sales (1)₹450.50');
  await expect(figures).toContainText('Cash out₹500.00');
  await expect(figures).toContainText('Expected in drawer₹1,950.50');
  await expectAccessible(page);
  await shotAtBothWidths(page, 'shift-01-open');

  await panel.getByLabel('Counted cash').fill('1900');
  await panel.getByRole('button', { name: 'Close the shift' }).click();
  await expect(panel.getByTestId('shift-result')).toHaveText('Short by ₹50.50');
  await expect(panel.getByText(/Closed by Asha at .*: counted ₹1,900.00/)).toBeVisible();
  await expectAccessible(page);
  await shotAtBothWidths(page, 'shift-02-closed-short');

  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await panel.getByRole('button', { name: 'Print the shift slip' }).click();
  await expect(page.locator('.print-area .shift-slip')).toHaveCount(1);
  const slip = squeezed(pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
  // The title is set in capitals by the receipt's style.
  for (const expected of ['SHIFT SLIP: COUNTER A', 'Opened', 'by Asha', '₹2,000.00', 'Cash sales (1)', '₹450.50', 'Paid the milk supplier (Asha)', '−₹500.00', 'Expected in drawer', '₹1,950.50', 'Counted', '₹1,900.00', 'Short by ₹50.50']) {
    expect(slip, expected).toContain(squeezed(expected));
  }
});
