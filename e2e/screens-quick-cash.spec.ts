// Quick cash: the exact total and the round notes above it as buttons and keys (F2–F5); too little
// cash is refused at the field before any invoice is made, so a typo is fixed by typing again.
import { expect, test } from './fixtures/browser-host';
import { expectAccessible, fillItem, openApp, shot } from './screens-support';

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  test(`quick cash buttons and keys; F9 with too little cash makes no invoice (${width}×${height})`, async ({ page, host }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, host, 'Counter B');
    await fillItem(page, 1, 'Basmati rice 5 kg', '2', '620.75');
    await page.keyboard.press('F7');
    const quick = page.getByRole('group', { name: 'Quick cash' });
    await expect(quick.getByRole('button')).toHaveText(['Exact ₹1,241.50 F2', '₹1,300.00 F3', '₹1,500.00 F4', '₹2,000.00 F5']);

    // A typo: 50 instead of 500 … F9 is refused at the field, and no invoice exists.
    await page.getByLabel('Amount tendered').fill('50');
    await page.keyboard.press('F9');
    await expect(page.getByText('Amount tendered (₹50.00) must be at least the total, ₹1,241.50.')).toBeVisible();
    const status = await host.call('counters-list', {}).then(async (counters) => {
      const counter = counters.ok ? counters.value.find((c) => c.name === 'Counter B') : undefined;
      return counter ? host.call('counter-status', { counterId: counter.id }) : null;
    });
    expect(status?.ok && status.value.invoice).toBeNull();
    await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
    await shot(page, `quick-cash-01-short-${width}`);

    await page.keyboard.press('F5');
    await expect(page.getByLabel('Amount tendered')).toHaveValue('2000.00');
    await page.keyboard.press('F3');
    await expect(page.getByLabel('Amount tendered')).toHaveValue('1300.00');
    await expect(page.getByTestId('change-due')).toHaveText('Change due ₹58.50');
    await quick.getByRole('button', { name: /^Exact/ }).click();
    await expect(page.getByTestId('change-due')).toHaveText('Change due ₹0.00');
    await expectAccessible(page);
    await shot(page, `quick-cash-02-exact-${width}`);
    await page.keyboard.press('F9');
    await expect(page.locator('#pay-status-heading')).toHaveText(/PAID/);
    await expect(page.getByRole('button', { name: 'New sale' })).toBeInViewport();
    await shot(page, `quick-cash-03-paid-${width}`);
  });
}
