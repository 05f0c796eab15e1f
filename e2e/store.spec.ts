// Store mode in Chromium: two PCs (browser host processes, each its own data folder) on one store
// (a throwaway PostgreSQL cluster) and one simulator. A manager on PC 1 sees PC 2's payment and cash
// sale in the log, totals and CSV; PC 2 is refused a counter PC 1 holds and told which PC holds it; the header
// says when the store link is down, and the store's tax settings cannot change then; a bad store
// address is refused on the Store screen.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { StoreStations, STATION_PIN } from '../testkit/store-stations';
import { eventually, withStoreClient } from '../testkit/store-ledger';
import { localDate } from '../testkit/time';
import { expect, test } from '@playwright/test';
import { chargeButton, expectAccessible, fillItem, shot, shotAtBothWidths } from './screens-support';

let stations: StoreStations;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stations = await StoreStations.start({ stations: 2, counters: 2 });
});

test.afterAll(async () => {
  await stations?.close();
});

async function openPc(page: Page, index: number): Promise<void> {
  await page.goto(stations.address(index));
  await expect(page.getByRole('status', { name: 'Store link' })).toContainText('Store Main Street');
}

async function unlockManager(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Manager' }).click();
  await page.getByLabel('Manager PIN').fill(STATION_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Counters' })).toBeVisible();
}

test('a manager on PC 1 sees PC 2’s payment in the log, the totals and the CSV', async ({ page }) => {
  const attempt = await stations.charge(1, 1, 4_321_00);
  await stations.control.pay(attempt.terminalId, { outcome: 'succeeded', method: 'card' });
  await eventually(async () => {
    const day = await stations.station(0).host.ok('log-day', { date: localDate(Date.now()) });
    return day.attempts.some((a) => a.id === attempt.id && a.state === 'succeeded') ? true : undefined;
  }, 20_000, 'the payment settled in the store');
  const pc2 = stations.station(1).host;
  const bill = await pc2.ok('invoice-create', { counterId: attempt.counterId, lines: [{ description: 'Rice 5 kg', quantity: 1, unitPriceMinor: 1_234_00 }] });
  await pc2.ok('cash-settle', { invoiceId: bill.id, counterId: bill.counterId, tenderedMinor: 1_300_00 });

  await openPc(page, 0);
  await page.getByRole('link', { name: 'Payment log' }).click();
  const row = page.locator('tbody tr').filter({ hasText: attempt.invoiceNumber });
  await expect(row).toContainText('PC 2');
  await expect(page.getByRole('table', { name: 'Cash sales' }).locator('tr').filter({ hasText: bill.number })).toContainText('PC 2');
  await expect(row).toContainText('₹4,321.00');
  await expect(page.locator('.log-totals')).toContainText('₹4,321.00');
  await page.getByLabel('PC', { exact: true }).selectOption({ label: 'PC 1' });
  await expect(page.locator('tbody tr').filter({ hasText: attempt.invoiceNumber })).toHaveCount(0);
  await page.getByLabel('PC', { exact: true }).selectOption({ label: 'All PCs' });
  await expect(row).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'store-01-log-pc1');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await downloadPromise).path(), 'utf8').trimEnd().split('\r\n');
  expect(csv[0]?.endsWith(',pc')).toBe(true);
  const line = csv.find((l) => l.includes(attempt.invoiceNumber))?.split(',');
  expect([line?.[4], line?.[7], line?.at(-1)]).toEqual(['4321.00', 'succeeded', 'PC 2']);
  const cash = csv.find((l) => l.includes(bill.number))?.split(',');
  expect([cash?.[4], cash?.[6], cash?.at(-1)]).toEqual(['1234.00', 'cash', 'PC 2']);
});

test('a second PC is refused a counter another PC holds, and told which PC holds it', async ({ page }) => {
  const [a] = stations.counters;
  if (!a) throw new Error('no counter');
  await stations.station(0).host.ok('counter-claim', { counterId: a.id });
  await openPc(page, 1);
  await expect(page.getByRole('heading', { name: 'Which counter is this?' })).toBeVisible();
  const choice = page.getByRole('button', { name: new RegExp(`^${a.name}\\b`) });
  await expect(choice).toContainText('In use at PC 1');
  await choice.click();
  await expect(page.getByRole('alert')).toHaveText(/Counter A is in use at PC “PC 1”\. Choose another counter, or take this one there first\./);
  await expect(page.getByRole('heading', { name: 'Which counter is this?' })).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'store-02-claimed');
});

test('the header says since when the store link is down and how many changes wait; the log says it shows this PC only', async ({ page }) => {
  await openPc(page, 0);
  await stations.cluster.pause();
  try {
    const attempt = await stations.charge(0, 0, 99_00);
    await stations.control.pay(attempt.terminalId, { outcome: 'succeeded', method: 'card' });
    const pill = page.getByRole('status', { name: 'Store link' });
    await expect(pill).toHaveText(/^Store link down since \d{2}:\d{2} · \d+ changes? waiting$/, { timeout: 20_000 });
    await page.getByRole('link', { name: 'Payment log' }).click();
    await expect(page.getByText('The store link is down: this list shows this PC’s payments only.')).toBeVisible();
    await expectAccessible(page);
    await shot(page, 'store-03-link-down');
    // The tax settings are the store's: with the link down they cannot change, and the tab says why.
    await unlockManager(page);
    await page.getByRole('tab', { name: 'Tax' }).click();
    const whose = page.getByText('These settings are the store’s: every PC of Main Street bills with them. The store link is down, so they cannot change now; this PC bills with the ones shown.');
    await expect(whose).toBeVisible();
    await shotAtBothWidths(page, 'store-03-tax-link-down', whose);
    await page.getByLabel('Store GSTIN').fill('27AAPFU0939F1ZV');
    const save = page.getByRole('button', { name: 'Save tax settings' });
    await save.click();
    await expect(page.getByRole('alert')).toHaveText(/Changing the store’s tax settings needs the store link, which is down\. Every PC goes on billing with the settings it has; try again when the link is back\.$/);
    await expectAccessible(page);
    await shotAtBothWidths(page, 'store-03-tax-refused', save);
  } finally {
    await stations.cluster.resume();
  }
  await expect(page.getByRole('status', { name: 'Store link' })).toHaveText('Store Main Street', { timeout: 30_000 });
});

test('the Store screen: the store, its PCs and counters in use; a wrong address is refused at the field, nothing changed', async ({ page }) => {
  await openPc(page, 1);
  await unlockManager(page);
  await page.getByRole('tab', { name: 'Store' }).click();
  await expect(page.getByRole('heading', { name: 'Store', exact: true })).toBeVisible();
  await expect(page.locator('.store-list-item').filter({ hasText: 'PC 1' }).first()).toBeVisible();
  await page.getByLabel('Store address').fill('postgres://counter:secret@127.0.0.1:9/store');
  await page.getByLabel('Store name').fill('Station Road');
  await page.getByLabel('Store’s manager PIN').fill(STATION_PIN);
  await page.getByRole('button', { name: 'Join store' }).click();
  await expect(page.getByText(/^⚠ ?Cannot reach the store’s database at 127\.0\.0\.1:9\. Check the address and that the database server is running\.$/)).toBeVisible();
  await expect(page.getByLabel('Store address')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status', { name: 'Store link' })).toContainText('Store Main Street');
  await expectAccessible(page);
  await shot(page, 'store-04-store-screen');
});

test('a counter released from a PC cut off from the store: the cashier on the other PC is told its terminal may still be finishing that PC’s payment, and for how long at most', async ({ page }) => {
  const [a] = stations.counters;
  if (!a) throw new Error('no counter');
  const live = await stations.charge(0, 0, 75_00); // PC 1 holds counter A and takes a payment there
  const shipped = async () => (await stations.ledgers()).store.charge_attempts?.some((row) => row.id === live.id) ?? false;
  await eventually(async () => ((await shipped()) ? true : undefined), 20_000, 'PC 1’s payment in the store');
  // As release_claim records a manager's release once PC 1's lease has lapsed (a PC cut off from the
  // store, with the lease's wait, is core/store-link/stale-claim.integration.test.ts).
  await withStoreClient(stations.url, async (client) => {
    await client.query(
      `INSERT INTO claim_releases (store_id, counter_id, station_id, terminal_id, released_by, released_at)
       SELECT c.store_id, c.counter_id, c.station_id, $2, $3, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM counter_claims AS c WHERE c.counter_id = $1`,
      [a.id, a.terminalId, stations.station(1).stationId],
    );
    await client.query('DELETE FROM counter_claims WHERE counter_id = $1', [a.id]);
  });

  await openPc(page, 1);
  await page.getByRole('button', { name: new RegExp(`^${a.name}\\b`) }).click();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
  await fillItem(page, 1, 'Rice 5 kg', '1', '450');
  await chargeButton(page).click();
  await expect(page.getByText(/^Counter A’s terminal may still be finishing a payment started on PC “PC 1”, which a manager released while that PC was cut off from the store\. It will be free in 3:[0-3]\d at the latest, sooner once Zoho says that payment has ended\.$/)).toBeVisible();
  await expectAccessible(page);
  await shotAtBothWidths(page, 'store-07-released-terminal');

  // Zoho says PC 1's payment ended (it was still open after the release): the terminal is this PC's.
  await stations.control.pay(live.terminalId, { outcome: 'succeeded', method: 'card' });
  await chargeButton(page).click();
  const taken = await eventually(async () => {
    const day = await stations.station(1).host.ok('log-day', { date: localDate(Date.now()) });
    // Its write-ahead row (creating) is logged before Zoho has answered: wait for the session.
    return day.attempts.find((x) => x.counterId === a.id && x.amountMinor === 450_00 && x.state !== 'creating');
  }, 20_000, 'PC 2’s payment on counter A');
  expect(taken.state).toBe('in_progress');
  await stations.control.pay(a.terminalId, { outcome: 'succeeded', method: 'card' });
});

test('Manager → Store → Remove this PC: asked first, with the owner’s address; the PC is cut off, its sales stay', async ({ page }) => {
  const sale = await stations.charge(1, 1, 12_00);
  const shipped = async () => (await stations.ledgers()).store.charge_attempts?.some((row) => row.id === sale.id) ?? false;
  await eventually(async () => ((await shipped()) ? true : undefined), 20_000, 'PC 2’s sale in the store');
  await page.setViewportSize({ width: 1366, height: 768 });
  await openPc(page, 0);
  await unlockManager(page);
  await page.getByRole('tab', { name: 'Store' }).click();
  const pc2 = page.locator('.store-list-item').filter({ hasText: 'PC 2' }).first();
  await pc2.getByRole('button', { name: /Remove this PC/ }).click();
  await expect(pc2.getByText('Remove PC “PC 2”?')).toBeVisible();
  await pc2.getByLabel('Owner’s address').fill('postgres://counter:secret@127.0.0.1:9/elsewhere');
  await pc2.getByRole('button', { name: 'Remove PC 2' }).click();
  await expect(pc2.getByText(/another database than this store’s/)).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'store-05-remove-pc-1366');
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, 'store-05-remove-pc-1024');

  await pc2.getByLabel('Owner’s address').fill(stations.url);
  await pc2.getByRole('button', { name: 'Remove PC 2' }).click();
  await expect(page.getByText('PC “PC 2” is removed: it cannot reach the store any more. Its sales stay in the store’s log.')).toBeVisible();
  await expect(page.getByText('Owner’s address')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove this PC (PC 2)' })).toHaveCount(0);
  await shot(page, 'store-06-removed-1024');
  await eventually(async () => ((await stations.station(1).host.ok('store-status', {})).link === 'down' ? true : undefined), 20_000, 'PC 2 cut off');
  expect(await shipped()).toBe(true);
});
