// The counter's screen defects of issue 23, each against the real backend and the simulator in
// Chromium at 1366×768 and 1024×768: no earlier invoice's "sent to the printer" on the next sale,
// "New sale" in view after a cash sale, advice on how to stop a waiting payment, the amount limit
// said as money, room for an item's name at 1024 px, and a dashboard that counts the whole day.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-host';
import { chargeButton, counters, expectAccessible, expectWaiting, FINAL, fillItem, openApp, payStatus, sale, setFirstPin, shot } from './screens-support';

async function cashSale(page: Page, description: string, price: string): Promise<void> {
  await fillItem(page, 1, description, '1', price);
  await page.keyboard.press('F7');
  await page.getByRole('group', { name: 'Quick cash' }).getByRole('button', { name: /^Exact/ }).click();
  await page.keyboard.press('F9');
  await expect(payStatus(page)).toHaveText(/PAID IN CASH/);
}

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  test(`the next sale shows no earlier receipt's notice, and New sale stays in view (${width}×${height})`, async ({ page, host }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await openApp(page, host, 'Counter A');
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await cashSale(page, 'Atta 10 kg', '450.50');
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await expect(page.getByText('The receipt for A-000001 sent to the printer.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'New sale' })).toBeInViewport();
    await shot(page, `defects-01-cash-paid-printed-${width}`);

    await page.getByRole('button', { name: 'New sale' }).click();
    await cashSale(page, 'Sugar 1 kg', '52');
    await expect(page.getByRole('region', { name: 'Payment' })).toContainText('A-000002');
    await expect(page.getByText(/sent to the printer/)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'New sale' })).toBeInViewport();
    await expectAccessible(page);
    await shot(page, `defects-02-next-sale-${width}`);
  });

  test(`a waiting payment says how to stop it; the limit is said as money; names keep their room (${width}×${height})`, async ({ page, host }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await openApp(page, host, 'Counter B');
    await fillItem(page, 1, 'Basmati rice premium 5 kg', '1', '99999999');
    await chargeButton(page).click();
    await expect(page.getByText('The amount cannot be more than ₹1,00,00,000.00.')).toBeVisible();
    const nameWidth = await page.getByLabel('Item 1 description').evaluate((input) => input.getBoundingClientRect().width);
    expect(nameWidth).toBeGreaterThanOrEqual(180);
    await shot(page, `defects-03-limit-${width}`);

    await page.getByLabel('Item 1 unit price').fill('620.50');
    await chargeButton(page).click();
    await expectWaiting(page, 'TRM002');
    await expect(page.getByText(/To stop this payment, ask the customer not to pay on the terminal/)).toBeVisible();
    await expectAccessible(page);
    await shot(page, `defects-04-waiting-${width}`);
  });

  test(`the dashboard counts the whole day, not only each counter's latest payment (${width}×${height})`, async ({ page, host }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    const { 'Counter A': a } = await counters(host);
    await sale(host, a!, 10_000, 'card', { outcome: 'succeeded' });
    await sale(host, a!, 20_000, 'upi', { outcome: 'succeeded' });
    await sale(host, a!, 30_000, 'upi', { outcome: 'failed', failure_code: 'upi_timeout' });
    await openApp(page, host);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.locator('.screen-summary')).toHaveText('0 waiting now · today 2 paid · 1 failed · 0 need review', FINAL);
    await expectAccessible(page);
    await shot(page, `defects-05-dashboard-${width}`);
  });

  test(`the day close panel shows every column, Cash in drawer too, and one button called Close (${width}×${height})`, async ({ page, host }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    const { 'Counter A': a } = await counters(host);
    await sale(host, a!, 1_23_456_78, 'card', { outcome: 'succeeded' });
    await openApp(page, host);
    await setFirstPin(page);
    await page.getByRole('link', { name: 'Payment log' }).click();
    await page.getByRole('button', { name: 'Close the day' }).click();
    const panel = page.getByRole('complementary');
    const drawer = panel.getByRole('columnheader', { name: 'Cash in drawer' });
    await expect(drawer).toBeInViewport({ ratio: 1 });
    const [panelBox, drawerBox] = await Promise.all([panel.boundingBox(), drawer.boundingBox()]);
    expect(drawerBox!.x + drawerBox!.width).toBeLessThanOrEqual(panelBox!.x + panelBox!.width);
    await expect(panel.getByRole('button', { name: 'Back to the log' })).toBeVisible();
    await expect(panel.getByRole('button', { name: /^Close\b/ })).toHaveCount(1);
    await expectAccessible(page);
    await shot(page, `defects-06-day-close-${width}`);
  });
}
