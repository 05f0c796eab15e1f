// Store mode in Chromium, two PCs (browser host processes) on one PostgreSQL store and one simulator:
// another PC's sale from this PC (issue 21). PC 1's dashboard shows PC 2's live payment; PC 1
// reprints PC 2's sale and refunds part of it as its own refund; PC 2 lists that refund and its log
// says "Partly refunded"; PC 2's receipt carries the store name and address a manager set on PC 1;
// PC 2's Manager screen tells of a change its link set aside.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { ChargeAttempt } from '../contract/records';
import { withStoreClient } from '../testkit/store-ledger';
import { StoreStations, STATION_PIN } from '../testkit/store-stations';
import { attemptRows, expectAccessible, FINAL, shot } from './screens-support';

let stations: StoreStations;
let sale: ChargeAttempt;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stations = await StoreStations.start({ stations: 2, counters: 2 });
  const pc1 = stations.station(0);
  await pc1.host.ok('preferences-update', { managerToken: pc1.managerToken, storeName: 'Sharma General Store', storeAddress: '12 MG Road\nPune 411001' });
});

test.afterAll(async () => {
  await stations?.close();
});

async function openPc(page: Page, index: number): Promise<void> {
  await page.goto(stations.address(index));
  await expect(page.getByRole('status', { name: 'Store link' })).toContainText('Store Main Street');
}

async function openLogUnlocked(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Manager' }).click();
  await page.getByLabel('Manager PIN').fill(STATION_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Counters' })).toBeVisible();
  await page.getByRole('link', { name: 'Payment log' }).click();
}

/** Both widths the shop's screens have. */
async function shots(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-1366`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('PC 1’s dashboard shows PC 2’s live payment, then its settling', async ({ page }) => {
  sale = await stations.charge(1, 1, 4_321_00);
  await openPc(page, 0);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const card = page.getByRole('listitem').filter({ hasText: 'Counter B' });
  await expect(card).toContainText('₹4,321.00', { timeout: 15_000 });
  await expect(card).toContainText(sale.invoiceNumber);
  await expectAccessible(page);
  await shots(page, 'store-other-01-dashboard-live');
  await stations.control.pay(sale.terminalId, { outcome: 'succeeded', method: 'card' });
  await expect(card).toContainText(/Paid at/, { timeout: 20_000 });
});

test('PC 1 reprints PC 2’s sale, with the store’s name, and refunds part of it as its own refund', async ({ page }) => {
  await openPc(page, 0);
  await openLogUnlocked(page);
  await page.getByRole('button', { name: new RegExp(`^${sale.invoiceNumber}\\b.*show history`) }).click();
  const panel = page.getByRole('complementary');
  await expect(panel.getByRole('heading', { name: 'Refunds' })).toBeVisible();
  await expect(panel.getByText('None.')).toBeVisible();
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await panel.getByRole('button', { name: 'Reprint receipt' }).click();
  const receipt = page.locator('.print-area .receipt');
  for (const expected of ['Sharma General Store', '12 MG Road', sale.invoiceNumber, 'Counter B', '₹4,321.00']) await expect(receipt).toContainText(expected);
  await expect(page.getByText('That invoice does not exist')).toHaveCount(0);

  await panel.getByLabel('Refund amount').fill('100');
  await panel.getByRole('button', { name: 'Refund', exact: true }).click();
  await panel.getByRole('alertdialog', { name: 'Refund ₹100.00?' }).getByRole('button', { name: 'Yes, refund ₹100.00' }).click();
  await expect(panel.getByText('Refund of ₹100.00 sent to Zoho.')).toBeVisible();
  const refunded = panel.locator('.refund-list li').first();
  await expect(refunded).toContainText('₹100.00');
  await expect(refunded).toContainText('Refunded', FINAL);
  await expect(refunded).not.toContainText('made on');
  await expectAccessible(page);
  await shots(page, 'store-other-02-reprint-refund');
  // PC 1's own refund of PC 2's sale, on the day's refunds of the store, with its invoice.
  await page.keyboard.press('Escape');
  await expect(page.locator('table').filter({ hasText: 'Reason' }).getByRole('row').filter({ hasText: '₹100.00' })).toContainText(sale.invoiceNumber);
  await shots(page, 'store-other-02a-pc1-refunds-table');
});

test('PC 2 lists PC 1’s refund of its sale, and its log says Partly refunded', async ({ page }) => {
  await openPc(page, 1);
  await openLogUnlocked(page);
  await expect(attemptRows(page).filter({ hasText: sale.invoiceNumber })).toContainText('Partly refunded', FINAL);
  await page.getByRole('button', { name: new RegExp(`^${sale.invoiceNumber}\\b.*show history`) }).click();
  const refunded = page.getByRole('complementary').locator('.refund-list li').first();
  await expect(refunded).toContainText('₹100.00');
  await expect(refunded).toContainText('Refunded');
  await expect(refunded).toContainText('made on PC “PC 1”');
  await expectAccessible(page);
  await shots(page, 'store-other-02b-pc2-sees-refund');
});

test('PC 2’s receipt carries the store name and address set on PC 1', async ({ page }) => {
  await openPc(page, 1);
  await openLogUnlocked(page);
  await page.getByRole('button', { name: new RegExp(`^${sale.invoiceNumber}\\b.*show history`) }).click();
  const panel = page.getByRole('complementary');
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await panel.getByRole('button', { name: 'Reprint receipt' }).click();
  const receipt = page.locator('.print-area .receipt');
  for (const expected of ['Sharma General Store', '12 MG Road', 'Pune 411001', sale.invoiceNumber]) await expect(receipt).toContainText(expected);
  await shots(page, 'store-other-03-pc2-receipt');
});

test('PC 2’s Manager screen says what its store link set aside, and what to do', async ({ page }) => {
  const [pc1, pc2] = [stations.station(0), stations.station(1)];
  // PC 1's manager checked PC 2's sale while the store still showed it waiting: PC 2 has Zoho's answer, so it cannot record that.
  await withStoreClient(stations.url, (client) =>
    client.query(
      `INSERT INTO attempt_reviews (store_id, owner_station_id, attempt_id, reviewed_by_station_id, note, at)
       SELECT store_id, id, $2, $3, 'No payment on the terminal', $4 FROM stations WHERE id = $1`,
      [pc2.stationId, sale.id, pc1.stationId, Date.now()],
    ),
  );
  await openPc(page, 1);
  await page.getByRole('link', { name: 'Manager' }).click();
  await page.getByLabel('Manager PIN').fill(STATION_PIN);
  await page.keyboard.press('Enter');
  const alert = page.getByRole('region', { name: 'The store link set 1 change aside' });
  await expect(alert).toContainText(`A manager’s check made on PC “PC 1” of the payment of invoice ${sale.invoiceNumber} could not be recorded here`, { timeout: 15_000 });
  await expect(alert).toContainText('What to do: Open the payment in the payment log on this PC');
  await expectAccessible(page);
  await shots(page, 'store-other-04-set-aside');

  // Dealt with: a manager dismisses it in their name; it leaves the alert (and stays in PC 2's records).
  await alert.getByRole('button', { name: 'Dismiss…' }).click();
  await alert.getByRole('button', { name: 'Dismiss this entry' }).click();
  await expect(alert.getByText('Your name is required')).toBeVisible();
  await shots(page, 'store-other-05-set-aside-dismiss');
  await alert.getByLabel('Your name').fill('Asha');
  await alert.getByRole('button', { name: 'Dismiss this entry' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByText('Dismissed in Asha’s name: it is kept in this PC’s records.')).toBeVisible();
  await expectAccessible(page);
  await shots(page, 'store-other-06-set-aside-dismissed');
});
