// Every screen, checked by axe (no serious or critical violation), for touch-sized targets and
// for CSP trouble in the console, and photographed at 1366×768 into /tmp/shots.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser-host';
import { attemptRows, chargeButton, counters, expectAccessible, expectTouchTargets, expectWaiting, fillItem, FINAL, openApp, payStatus, sale, setFirstPin, shot } from './screens-support';

async function check(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await expectTouchTargets(page);
  await shot(page, `screen-${name}`);
}

/** Errors the page prints or throws (a CSP refusal is one): each test expects none. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

// Three tests, not one, each with room: on a loaded 2-core machine one axe run took 10–15 s (from
// the trace of a timed-out run), and each test runs five to eight of them.
test('the counter screens pass axe, have touch-sized targets, and load without CSP errors', async ({ page, host }) => {
  test.setTimeout(150_000);
  const consoleErrors = watchConsole(page);
  await openApp(page, host);
  await check(page, '01-choose-counter');
  await page.getByRole('button', { name: /^Counter A\b/ }).click();
  await check(page, '02-new-sale');

  await page.getByLabel('Item 1 description').fill('Atta 10 kg');
  await page.getByLabel('Item 1 unit price').fill('4.505');
  await chargeButton(page).click();
  await expect(page.getByText('Use at most 2 decimal places (paise or cents), like 100.50.')).toBeVisible();
  await check(page, '03-new-sale-errors');

  await page.getByLabel('Item 1 unit price').fill('450.50');
  await fillItem(page, 2, 'Sugar 1 kg', '2', '48');
  await page.getByRole('radio', { name: 'UPI' }).check();
  await check(page, '04-invoice-ready');
  await chargeButton(page).click();
  await expectWaiting(page, 'TRM001');
  await check(page, '05-waiting');
  await host.sim.pay('TRM001', { outcome: 'declined_attempt', failure_code: 'upi_declined' });
  await expect(page.getByRole('status').filter({ hasText: 'Declined:' })).toBeVisible(FINAL);
  await check(page, '06-declined');
  await host.sim.pay('TRM001', { outcome: 'failed', failure_code: 'upi_timeout' });
  await expect(payStatus(page)).toHaveText(/FAILED/, FINAL);
  await check(page, '07-failed');
  await page.getByRole('button', { name: 'Try again by UPI' }).click();
  await expectWaiting(page, 'TRM001');
  await host.sim.pay('TRM001', { outcome: 'succeeded' });
  await expect(payStatus(page)).toHaveText(/PAID/, FINAL);
  await check(page, '08-paid');
  expect(consoleErrors).toEqual([]);
});

test('the dashboard and the log pass axe, have touch-sized targets, and load without CSP errors', async ({ page, host }) => {
  test.setTimeout(150_000);
  const consoleErrors = watchConsole(page);
  const byName = await counters(host);
  await sale(host, byName['Counter A']!, 45_050, 'upi', { outcome: 'failed', failure_code: 'upi_timeout' });
  await sale(host, byName['Counter A']!, 45_050, 'upi', { outcome: 'succeeded' });
  await sale(host, byName['Counter B']!, 59_997, 'card', null); // mid-payment, for the dashboard

  await openApp(page, host);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('listitem', { name: 'Counter B' })).toContainText('Waiting');
  await check(page, '09-dashboard');

  await page.getByRole('link', { name: 'Payment log' }).click();
  await expect(attemptRows(page)).toHaveCount(3);
  await check(page, '10-log');
  await attemptRows(page).filter({ hasText: 'Failed' }).getByRole('button').first().click();
  await expect(page.getByRole('complementary')).toBeVisible();
  await check(page, '11-log-history');
  await page.keyboard.press('Escape');
  await page.getByLabel('Day').fill('2020-01-01');
  await expect(page.getByText('No payments on this day.')).toBeVisible();
  await check(page, '12-log-empty-day');
  expect(consoleErrors).toEqual([]);
});

test('the manager screens pass axe, have touch-sized targets, and load without CSP errors', async ({ page, host }) => {
  test.setTimeout(150_000);
  const consoleErrors = watchConsole(page);
  await openApp(page, host);
  await setFirstPin(page);
  await check(page, '13-manager-counters');
  await page.getByRole('tab', { name: 'Zoho connection' }).click();
  await check(page, '14-manager-connection');
  await page.getByRole('tab', { name: 'Preferences' }).click();
  await page.getByLabel('Check each payment every').selectOption('7');
  await page.getByRole('form', { name: 'Payment checks' }).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved: payments are checked every 7 seconds.')).toBeVisible();
  await check(page, '15-manager-preferences');
  await page.getByRole('tab', { name: 'Store' }).click();
  await expect(page.getByRole('heading', { name: 'Join a store' })).toBeVisible();
  await check(page, '16-manager-store');
  await page.getByRole('tab', { name: 'Help' }).click();
  await expect(page.getByRole('heading', { name: 'Where Counter keeps its files' })).toBeVisible();
  await check(page, '17-manager-help');
  await page.getByRole('button', { name: 'Lock' }).click();
  await check(page, '18-manager-locked');
  expect(consoleErrors).toEqual([]);
});

test('the page carries the Content-Security-Policy and loads its script as a module', async ({ page, host }) => {
  await openApp(page, host);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'");
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('style').count()).toBe(0);
  expect(await page.locator('[style]').evaluateAll((elements) => elements.map((element) => element.outerHTML.slice(0, 80)))).toEqual([]);
});
