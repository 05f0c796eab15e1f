// Bills that survive: the bill being typed comes back after a trip to the log and after a reload;
// two bills are held with labels and each is recalled. Against the real backend (SQLite in a temp
// folder) through the browser host.
import type { Page } from '@playwright/test';
import { expect, test, type CounterHost } from './fixtures/browser-host';
import { chargeButton, expectAccessible, fillItem, openApp, shot } from './screens-support';

/** The bill is kept a moment after the last key: wait until the backend has the line typed. */
async function kept(host: CounterHost, counterName: string, description: string): Promise<void> {
  await expect
    .poll(async () => {
      const counters = await host.call('counters-list', {});
      const counter = counters.ok ? counters.value.find((c) => c.name === counterName) : undefined;
      if (!counter) return null;
      const answer = await host.call('bill-kept-get', { counterId: counter.id });
      return answer.ok ? (answer.value.bill?.lines.map((line) => line.description) ?? []) : null;
    })
    .toContain(description);
}

async function expectLine(page: Page, n: number, description: string, quantity: string, unitPrice: string): Promise<void> {
  await expect(page.getByLabel(`Item ${n} description`)).toHaveValue(description);
  await expect(page.getByLabel(`Item ${n} quantity`)).toHaveValue(quantity);
  await expect(page.getByLabel(`Item ${n} unit price`)).toHaveValue(unitPrice);
}

test('a bill being typed survives a trip to the log and a reload', async ({ page, host }) => {
  await openApp(page, host, 'Counter B');
  await fillItem(page, 1, 'Basmati rice 5 kg', '2', '620.50');
  await fillItem(page, 2, 'Tea', '3', '10');
  await kept(host, 'Counter B', 'Tea');

  await page.getByRole('link', { name: 'Payment log' }).click();
  await expect(page.getByRole('heading', { name: 'Payment log' })).toBeVisible();
  await page.getByRole('link', { name: 'Counter', exact: true }).click();
  await expectLine(page, 1, 'Basmati rice 5 kg', '2', '620.50');
  await expectLine(page, 2, 'Tea', '3', '10');
  await expect(chargeButton(page)).toHaveAccessibleName('Charge ₹1,271.00');

  await page.reload();
  await expectLine(page, 1, 'Basmati rice 5 kg', '2', '620.50');
  await expectLine(page, 2, 'Tea', '3', '10');
  await expect(chargeButton(page)).toHaveAccessibleName('Charge ₹1,271.00');
});

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  test(`two bills held with labels and each recalled (${width}×${height})`, async ({ page, host }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, host, 'Counter B');
    await fillItem(page, 1, 'Basmati rice 5 kg', '2', '620.50');
    await page.keyboard.press('F6');
    await page.getByLabel('Label for this bill').fill('Blue shirt');
    await page.getByRole('button', { name: 'Put bill aside' }).click();
    await expect(page.getByLabel('Item 1 description')).toHaveValue('');

    await fillItem(page, 1, 'Sugar 1 kg', '1', '45');
    await page.getByRole('button', { name: /^Hold bill/ }).click();
    await page.getByLabel('Label for this bill').fill('Mrs Rao');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Item 1 description')).toHaveValue('');

    const held = page.getByRole('region', { name: 'Held bills' });
    await expect(held.getByRole('button', { name: /^Recall Blue shirt ₹1,241\.00 held / })).toBeVisible();
    await expect(held.getByRole('button', { name: /^Recall Mrs Rao ₹45\.00 held / })).toBeVisible();
    await expectAccessible(page);
    await shot(page, `bills-01-two-held-${width}`);

    // A held bill outlives a reload; recalling brings its lines back and takes it off the list.
    await page.reload();
    await held.getByRole('button', { name: /^Recall Mrs Rao/ }).click();
    await expectLine(page, 1, 'Sugar 1 kg', '1', '45');
    await expect(held.getByRole('button', { name: /^Recall Mrs Rao/ })).toHaveCount(0);

    // With a bill on screen, another cannot be recalled over it.
    await held.getByRole('button', { name: /^Recall Blue shirt/ }).click();
    await expect(held.getByRole('alert')).toHaveText(/Hold or finish the bill on screen first/);
    await expectLine(page, 1, 'Sugar 1 kg', '1', '45');
    await shot(page, `bills-02-recalled-${width}`);

    await chargeButton(page).click();
    await expect(page.locator('#pay-status-heading')).toHaveText('Waiting for payment');
    await expect(held).toHaveCount(0);
  });
}
