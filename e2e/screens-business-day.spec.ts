// Business days in Chromium against the real backend: the close names what it closes and asks to be
// confirmed; a sale rung up after it is taken at once and counted on the next business day, never
// in the closed one. Screenshots at 1366×768 and 1024×768 into /tmp/shots.
import { localDate } from '../testkit/time';
import { formatDate, nextDate } from '../contract/calendar';
import { expect, test } from './fixtures/browser-host';
import { counters, expectAccessible, fillItem, openApp, payStatus, sale, setFirstPin, shotAtBothWidths } from './screens-support';

test('a close, confirmed with its figures, then a cash sale that lands on the next business day', async ({ page, host }) => {
  test.setTimeout(120_000);
  const today = localDate(Date.now());
  const tomorrow = nextDate(today);
  // As the screens show dates (contract/calendar.ts): "7 Dec 2026".
  const todayShown = formatDate(today);
  const tomorrowShown = formatDate(tomorrow);
  const { 'Counter A': a } = await counters(host);
  const before = await sale(host, a!, 20_000, 'card', { outcome: 'succeeded' });

  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('link', { name: 'Payment log' }).click();
  await page.getByRole('button', { name: 'Close the day' }).click();
  const panel = page.getByRole('complementary');
  await panel.getByLabel('Your name').fill('Asha');
  await panel.getByRole('button', { name: `Close ${todayShown}` }).click();
  const confirm = panel.getByRole('group', { name: `Close ${todayShown} for good?` });
  await expect(confirm).toContainText('1 sale: ₹200.00 collected, ₹0.00 refunded, ₹200.00 net.');
  await expect(confirm).toContainText(`A close cannot be undone: a mistake is put right by a correction on a later day. Sales from now on count on ${tomorrowShown}.`);
  await expect(panel.getByText(/Closed by Asha/)).toHaveCount(0);
  await expectAccessible(page);
  await shotAtBothWidths(page, 'business-day-01-confirm-close');
  await confirm.getByRole('button', { name: `Yes, close ${todayShown}` }).click();
  await expect(panel.getByText(/Closed by Asha at/)).toBeVisible();
  await expect(page.getByText(`Sales since the close count on ${tomorrowShown}.`)).toBeVisible();
  await shotAtBothWidths(page, 'business-day-02-closed');
  await page.keyboard.press('Escape');

  // At the counter the shop goes on: the next bill is taken, not refused.
  await page.getByRole('link', { name: 'Counter' }).click();
  await page.getByRole('button', { name: /^Counter B\b/ }).click();
  await fillItem(page, 1, 'Late item', '1', '75');
  await page.keyboard.press('F7');
  await page.getByLabel('Amount tendered').fill('100');
  await page.getByRole('button', { name: 'Take cash ₹75.00' }).click();
  await expect(payStatus(page)).toHaveText(/PAID IN CASH/);

  await page.getByRole('link', { name: 'Payment log' }).click();
  await expect(page.getByText(/This day was closed by Asha/)).toBeVisible();
  const cashTable = page.getByRole('table', { name: /Cash sales/ });
  await expect(cashTable).toHaveCount(0);
  await page.getByRole('button', { name: `Show ${tomorrowShown}` }).click();
  await expect(page.getByLabel('Day')).toHaveValue(tomorrow);
  await expect(page.getByRole('table', { name: /Cash sales/ })).toContainText('₹75.00');
  await expect(page.getByText(/This day was closed/)).toHaveCount(0);
  await expect(page.getByText(before)).toHaveCount(0);
  await expectAccessible(page);
  await shotAtBothWidths(page, 'business-day-03-next-day-log');
});
