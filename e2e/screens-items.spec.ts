// Manager → Items against the real backend: a catalogue file with mistakes is checked and refused
// row by row (nothing imported), the fixed file is imported, then the manager finds an item, edits
// its price and takes another off the counter; a file of 50,000 items (some MB, more than any other
// call may send) checked and imported from the screen. Manager → Tax: the GSTIN checked, the yearly
// invoice series.
import { localDate } from '../contract/calendar';
import { financialYearLabel, financialYearStart } from '../contract/billing/invoice-number';
import { expect, test } from './fixtures/browser-host';
import { largeCatalogue, SAMPLE_CATALOGUE_ROWS } from '../testkit/catalogue';
import { expectAccessible, openApp, setFirstPin, shot } from './screens-support';

const GOOD_FILE = SAMPLE_CATALOGUE_ROWS.join('\n');
const BAD_FILE = [SAMPLE_CATALOGUE_ROWS[0], 'Assam Tea 250 g,TEA-250,8901234567890,piece,140.555,yes,5,0902', ',RICE-1,8901234500011,sack,120.50,yes,5,1006', SAMPLE_CATALOGUE_ROWS[3]].join('\n');

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('a manager imports a catalogue from CSV (a bad file first, refused row by row), then finds and edits an item', async ({ page, host }) => {
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Items' }).click();
  await expect(page.getByText('The catalogue is empty: add an item or import a file.')).toBeVisible();

  const file = page.getByLabel('Catalogue file (CSV)');
  await file.setInputFiles(csvFile('shop-items.csv', BAD_FILE));
  await expect(page.getByRole('alert')).toContainText('shop-items.csv: 2 of 3 rows need fixing. Nothing was imported');
  const problems = page.getByRole('list', { name: 'Problems in the file' });
  await expect(problems.getByRole('listitem')).toHaveText([
    'Line 2, Price: Use at most 2 decimal places (paise or cents), like 100.50.',
    'Line 3, Unit: Unit "sack" is not one Counter knows: use one of piece, kg, g, litre, ml, metre, box, pack, dozen, pair.',
    'Line 3, Name: Item name is required',
  ]);
  await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await expectAccessible(page);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await shot(page, `items-01-bad-file-${width}`);
  }
  const catalogue = await host.call('catalogue-search', { query: '', includeInactive: true });
  expect(catalogue.ok && catalogue.value).toEqual([]);

  await file.setInputFiles(csvFile('shop-items.csv', GOOD_FILE));
  await expect(page.getByText('shop-items.csv is ready: 3 rows, 3 items to add and 0 items to change.')).toBeVisible();
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(page.getByText('Imported shop-items.csv: 3 items added, 0 items changed.')).toBeVisible();
  const rows = page.getByRole('table', { name: 'Items' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);

  await page.getByLabel('Search items').fill('8901234500011');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Basmati Rice');
  await expect(rows.first()).toContainText('₹120.50');
  await page.getByLabel('Search items').fill('rice');
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Edit Basmati Rice' }).click();
  await page.getByLabel(/^Price/).fill('12O');
  await page.getByRole('button', { name: 'Save the item' }).click();
  await expect(page.getByText('Price: Enter the amount with the digits 0-9')).toBeVisible();
  await page.getByLabel(/^Price/).fill('125');
  await page.getByLabel('HSN/SAC code').fill('10063');
  await page.getByRole('button', { name: 'Save the item' }).click();
  await expect(page.getByText('HSN/SAC code must be 4, 6 or 8 digits (or empty)')).toBeVisible();
  await page.getByLabel('HSN/SAC code').fill('100630');
  await page.getByRole('button', { name: 'Save the item' }).click();
  await expect(page.getByText('Basmati Rice saved.')).toBeVisible();
  await expect(rows.first()).toContainText('₹125.00');
  await expect(rows.first()).toContainText('100630');

  await page.getByLabel('Search items').fill('');
  await page.getByRole('button', { name: 'Deactivate Steel Tumbler' }).click();
  await expect(page.getByText('Steel Tumbler is off the counter')).toBeVisible();
  await expect(rows.filter({ hasText: 'Steel Tumbler' })).toContainText('Off the counter');
  const scan = await host.call('catalogue-barcode', { barcode: '8901234500028' });
  expect(scan.ok && scan.value.item).toBeNull();

  await page.getByRole('button', { name: 'Add an item' }).click();
  await expectAccessible(page);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await shot(page, `items-02-list-and-form-${width}`);
  }
});

test('a catalogue file of 50,000 items is checked and imported from the screen in one piece', async ({ page, host }) => {
  test.setTimeout(240_000);
  const { csv, barcodes } = largeCatalogue(50_000);
  expect(Buffer.byteLength(csv)).toBeGreaterThan(3 * 1024 * 1024);
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Items' }).click();
  await page.getByLabel('Catalogue file (CSV)').setInputFiles(csvFile('whole-shop.csv', csv));
  await expect(page.getByText('whole-shop.csv is ready: 50000 rows, 50000 items to add and 0 items to change.')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Import 50000 rows' }).click();
  await expect(page.getByText('Imported whole-shop.csv: 50000 items added, 0 items changed.')).toBeVisible({ timeout: 90_000 });
  const last = await host.call('catalogue-barcode', { barcode: barcodes[49_999] ?? '' });
  expect(last.ok && last.value.item?.sku).toBe('SKU-49999');
});

test('a manager sets the store GSTIN (a wrong check character refused), the round-off and invoice numbers that restart each financial year', async ({ page, host }) => {
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Tax' }).click();
  const gstin = page.getByLabel('Store GSTIN');
  await gstin.fill('27AAPFU0939F1ZX');
  await page.getByRole('button', { name: 'Save tax settings' }).click();
  await expect(page.getByText(/check character/i).first()).toBeVisible();
  expect(await host.call('tax-settings-get', {})).toMatchObject({ ok: true, value: { gstin: null } });

  await gstin.fill('27aapfu0939f1zv');
  await page.getByLabel('Sales tax rate (%)').fill('8.255');
  await page.getByRole('button', { name: 'Save tax settings' }).click();
  await expect(page.getByText('US sales tax rate: use at most 2 decimal places')).toBeVisible();
  await page.getByLabel('Sales tax rate (%)').fill('0');
  await page.getByLabel(/Start again at 1 each financial year/).check();
  await page.getByRole('button', { name: 'Save tax settings' }).click();
  await expect(page.getByText('Saved. New invoices use these settings.')).toBeVisible();
  await expect(gstin).toHaveValue('27AAPFU0939F1ZV');
  await expect(page.getByText('Maharashtra (27), from the GSTIN')).toBeVisible();
  await expectAccessible(page);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await shot(page, `items-03-tax-${width}`);
  }

  const counters = await host.call('counters-list', {});
  const counterA = counters.ok ? counters.value.find((c) => c.name === 'Counter A') : undefined;
  if (!counterA) throw new Error('the demo has Counter A');
  const year = financialYearStart(localDate(Date.now()));
  if (!year.ok) throw new Error('today has a financial year');
  const next = await host.call('invoice-next-number', { counterId: counterA.id });
  expect(next).toEqual({ ok: true, value: { number: `A-${financialYearLabel(year.value).slice(2)}/000001` } });
});
