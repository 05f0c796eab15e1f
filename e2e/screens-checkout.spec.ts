// The catalogue checkout against the real backend and the simulator: three barcodes typed as a
// keyboard-wedge scanner types them (fast, ending in Enter), a fourth item found by name with the
// arrow keys and Enter, a line and a bill discount, CGST/SGST by rate and the round-off, and the
// bill's total charged by card on the virtual terminal; then a B2B sale delivered to another state.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test, type CounterHost } from './fixtures/browser-host';
import { pdfText, squeezed } from '../testkit/pdf-text';
import { SAMPLE_CATALOGUE_ROWS } from '../testkit/catalogue';
import { chargeButton, expectAccessible, expectWaiting, FINAL, openApp, payStatus, shot } from './screens-support';

const CATALOGUE = [
  ...SAMPLE_CATALOGUE_ROWS,
  'Coconut Oil 1 l,OIL-1,8901234500035,piece,250,yes,5,1513',
].join('\n');

async function stockTheStore(host: CounterHost): Promise<void> {
  const session = await host.call('manager-set-pin', { pin: '2468' });
  if (!session.ok) throw new Error(session.error.message);
  const { managerToken } = session.value;
  const imported = await host.call('catalogue-import', { managerToken, csv: CATALOGUE, dryRun: false });
  if (!imported.ok || !imported.value.imported) throw new Error(JSON.stringify(imported));
  const tax = await host.call('tax-settings-update', { managerToken, gstin: '27AAPFU0939F1ZV' });
  if (!tax.ok) throw new Error(tax.error.message);
}

/**
 * Types a code as a keyboard-wedge scanner does: a key every 5 ms, then Enter, into whatever has the
 * focus. The keys go through Chromium's input pipeline (CDP) stamped with the scanner's own times, as
 * the OS stamps a real scanner's keys; Playwright's keyboard.type would stamp them when this shared,
 * busy test machine gets round to each one (measured: 20 to 330 ms apart).
 */
async function scan(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...code].map((ch) => ({ key: ch, code: /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, text: ch, vk: ch.toUpperCase().charCodeAt(0) }));
  keys.push({ key: 'Enter', code: 'Enter', text: '\r', vk: 13 });
  for (const [index, key] of keys.entries()) {
    const timestamp = start + index * 0.005;
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: key.key, code: key.code, text: key.text, windowsVirtualKeyCode: key.vk, timestamp });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: key.key, code: key.code, windowsVirtualKeyCode: key.vk, timestamp: timestamp + 0.001 });
  }
  await cdp.detach();
}

test('scan three barcodes, find a fourth by name, discount a line and the bill, and charge the bill total by card', async ({ page, host }) => {
  await stockTheStore(host);
  await openApp(page, host, 'Counter B');
  await page.getByText('Catalogue', { exact: true }).click();
  const search = page.getByRole('combobox', { name: 'Find an item' });
  await search.focus();

  await scan(page, '8901234567890');
  await scan(page, '8901234567890');
  await scan(page, '8901234500028');
  await expect(search).toHaveValue('');
  await scan(page, '0000000000000');
  await expect(page.getByRole('status').filter({ hasText: 'Barcode 0000000000000 is not in the catalogue' })).toBeVisible();

  await search.pressSequentially('rice', { delay: 120 });
  await expect(page.getByRole('option', { name: /Basmati Rice/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(search).toHaveValue('');

  const table = page.getByRole('table', { name: 'Items on this bill' });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByLabel('Line 1 quantity (piece)')).toHaveValue('2');
  await page.getByLabel('Line 3 quantity (kg)').fill('0.750');
  await page.getByLabel('Line 2 discount').fill('10%');
  await page.getByLabel('Bill discount').fill('10');

  await expect(page.getByText('CGST on 5% items')).toBeVisible();
  await expect(page.locator('.bill-totals')).toContainText('Round off−₹0.48');
  await expect(chargeButton(page)).toHaveAccessibleName('Charge ₹449.00');
  await expectAccessible(page);
  for (const [width, name] of [[1366, 'checkout-01-cart-1366'], [1024, 'checkout-01-cart-1024']] as const) {
    await page.setViewportSize({ width, height: 768 });
    // Nothing spills past the bill panel's border: the part below the search scrolls instead.
    const spill = await page.getByRole('region', { name: 'New sale' }).evaluate((panel) => panel.scrollHeight - panel.clientHeight);
    expect(spill, `the bill panel's content overflows it by ${spill} px at ${width}×768`).toBeLessThanOrEqual(0);
    await shot(page, name);
  }

  await chargeButton(page).click();
  await expectWaiting(page, 'TRM002');
  const [session] = await host.sim.sessions();
  expect(session?.amount).toBe('449.00');
  await host.sim.pay('TRM002', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  const paymentId = (await page.getByRole('region', { name: 'Payment' }).locator('dd').first().textContent()) ?? '';
  expect(paymentId).toMatch(/^\d+$/);
  await shot(page, 'checkout-02-paid');

  await page.evaluate(() => {
    window.print = () => undefined; // no dialog here: the print styles are rendered to PDF instead
  });
  await page.getByRole('button', { name: 'Print receipt' }).click();
  await expect(page.locator('.print-area .receipt')).toHaveCount(1);
  // The font sets "ff" as one ligature glyph, which the PDF's text gives back as U+FB00.
  const printed = squeezed(pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }))).replaceAll('\uFB00', 'ff');
  const expected = [
    'TAX INVOICE', 'GSTIN 27AAPFU0939F1ZV', 'B-000001', 'Maharashtra (27)',
    'Assam Tea 250 g', 'HSN 0902', 'Basmati Rice', 'HSN 1006', '0.750 KGS', '₹120.50', 'Steel Tumbler', 'HSN 7323',
    'Item discounts', '−₹9.90', 'Bill discount', '−₹10.00', 'Taxable value', '₹418.93',
    'CGST', 'SGST', '5%₹345.07₹8.63', '₹8.62', '18%₹73.86₹6.65', 'Round off', '−₹0.48', 'Total', '₹449.00',
    'Rupees Four Hundred Forty-Nine Only', 'Paid by', 'Card', 'Payment ID', paymentId,
  ];
  for (const text of expected) expect(printed, text).toContain(squeezed(text));
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'checkout-04-tax-invoice');
  await page.emulateMedia({ media: null });
});

test('a B2B sale delivered to another state is billed with IGST and the checked customer', async ({ page, host }) => {
  await stockTheStore(host);
  await openApp(page, host, 'Counter B');
  await page.getByText('Catalogue', { exact: true }).click();
  await page.getByRole('combobox', { name: 'Find an item' }).focus();
  await scan(page, '8901234500035');
  await page.getByLabel('Place of supply').selectOption('29');
  await page.getByLabel('Customer GSTIN (B2B)').fill('29AACCR7832C1ZE');
  await page.getByLabel('Customer name').fill('R Traders');
  await expect(page.getByText(/Customer GSTIN: the last character does not match/)).toBeVisible();
  await page.getByLabel('Customer GSTIN (B2B)').fill('29AACCR7832C1ZD');
  await expect(page.locator('.bill-totals')).toContainText('IGST 5%₹11.90');
  await expect(chargeButton(page)).toHaveAccessibleName('Charge ₹250.00');
  await shot(page, 'checkout-03-b2b');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM002');
  const [session] = await host.sim.sessions();
  expect(session?.amount).toBe('250.00');
});

test('with no catalogue, an unknown barcode is said so and sold as a line typed by hand with its GST rate, next to another typed line', async ({ page, host }) => {
  const session = await host.call('manager-set-pin', { pin: '2468' });
  if (!session.ok) throw new Error(session.error.message);
  const tax = await host.call('tax-settings-update', { managerToken: session.value.managerToken, gstin: '27AAPFU0939F1ZV' });
  if (!tax.ok) throw new Error(tax.error.message);
  await openApp(page, host, 'Counter B');
  await page.getByText('Catalogue', { exact: true }).click();
  await page.getByRole('combobox', { name: 'Find an item' }).focus();
  await scan(page, '8909999000011');
  await expect(page.getByRole('status').filter({ hasText: 'Barcode 8909999000011 is not in the catalogue.' })).toBeVisible();
  await page.getByRole('button', { name: 'Sell it as a line typed by hand' }).click();
  await page.getByLabel('Line 1 description').fill('Gift wrap');
  await page.getByLabel('Line 1 price').fill('40.00');
  await page.getByLabel('Line 1 GST rate (%)').fill('');
  await expect(page.getByText('Line 1: a line without an item needs its GST rate (0% when none).')).toBeVisible();
  await page.getByLabel('Line 1 GST rate (%)').fill('18');

  await page.getByRole('button', { name: 'Add a line typed by hand' }).click();
  await page.getByLabel('Line 2 description').fill('Alteration');
  await page.getByLabel('Line 2 price').fill('100');
  await page.getByLabel('Line 2 GST rate (%)').fill('5');
  await page.getByLabel('Line 2 quantity (piece)').fill('2');
  await expect(page.locator('.bill-totals')).toContainText('CGST on 18% items');
  await expect(page.locator('.bill-totals')).toContainText('CGST on 5% items');
  await expect(chargeButton(page)).toHaveAccessibleName('Charge ₹240.00');
  await expectAccessible(page);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await shot(page, `checkout-05-typed-lines-${width}`);
  }
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM002');
  const [charged] = await host.sim.sessions();
  expect(charged?.amount).toBe('240.00');
});

test('the day close sums the day’s tax invoices HSN-wise and rate-wise, prints them and saves them as CSV for the accountant', async ({ page, host }) => {
  await stockTheStore(host);
  const counters = await host.call('counters-list', {});
  const counter = counters.ok ? counters.value[0] : undefined;
  if (!counter) throw new Error('the demo has counters');
  const tea = await host.call('catalogue-barcode', { barcode: '8901234567890' });
  if (!tea.ok || !tea.value.item) throw new Error('the catalogue has the tea');
  const sold = await host.call('invoice-checkout', {
    counterId: counter.id,
    lines: [{ itemId: tea.value.item.id, quantityThousandths: 2000 }, { description: 'Gift wrap', unitPriceMinor: 4000, quantityThousandths: 1000, rateBasisPoints: 1800 }],
  });
  if (!sold.ok) throw new Error(sold.error.message);
  await host.call('cash-settle', { invoiceId: sold.value.invoice.id, counterId: counter.id, tenderedMinor: sold.value.invoice.totalMinor });

  await openApp(page, host);
  await page.getByRole('link', { name: 'Payment log' }).click();
  await page.getByRole('button', { name: 'Close the day' }).click();
  const panel = page.getByRole('complementary');
  const byHsn = panel.getByRole('table', { name: /Tax invoices by HSN\/SAC and rate/ });
  await expect(byHsn.getByRole('row', { name: /0902/ })).toContainText('₹266.67');
  await expect(byHsn.getByRole('row', { name: /\(none\)/ })).toContainText('18%');
  const byRate = panel.getByRole('table', { name: 'Tax by rate' });
  await expect(byRate.getByRole('row', { name: /Total/ })).toContainText('₹300.57');
  await expectAccessible(page);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await shot(page, `checkout-06-day-tax-summary-${width}`);
  }

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save the tax summary (CSV)' }).click();
  const file = await download;
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('summary,recipient,hsn_sac,uqc,rate,quantity,taxable_value,igst,cgst,sgst,sales_tax,tax,total_value,invoices,round_off');
  expect(csv).toContain('hsn,B2C,0902,NOS,5%,2,266.67,0.00,6.67,6.66,0.00,13.33,280.00,,');
  await expect(panel.getByText(/^Saved the tax summary to tax-summary-/)).toBeVisible();

  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await panel.getByRole('button', { name: 'Print the summary' }).click();
  await expect(page.locator('.print-area .day-summary')).toHaveCount(1);
  const printed = squeezed(pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
  for (const text of ['Tax invoices by HSN/SAC and rate', '0902', '5%', '₹266.67', 'Tax by rate', '18%', '₹33.90']) expect(printed, text).toContain(squeezed(text));
});
