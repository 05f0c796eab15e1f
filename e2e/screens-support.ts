// Shared steps for the screen specs (e2e/screens-*.spec.ts): open the app at a counter, type an
// invoice, charge it, screenshots and axe checks. The terminal side goes through host.sim.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { PaymentMethod } from '../contract/vocabulary';
import type { Counter } from '../contract/records';
import type { PayOutcome } from '../testkit/sim-control';
import { expect, type CounterHost } from './fixtures/browser-host';

export const SHOTS = '/tmp/shots';
/** The backend polls Zoho every few seconds; a final status may take a few polls to show. */
export const FINAL = { timeout: 15_000 };

/** Opens the app (the address with its key) and, if given, chooses this station's counter. */
export async function openApp(page: Page, host: CounterHost, counterName?: string): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
  if (!counterName) return;
  await page.getByRole('button', { name: new RegExp(`^${counterName}\\b`) }).click();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
}

/** Fills item row `n` (1-based), adding the row if needed. */
export async function fillItem(page: Page, n: number, description: string, quantity: string, unitPrice: string): Promise<void> {
  const desc = page.getByLabel(`Item ${n} description`);
  if (!(await desc.isVisible())) await page.getByRole('button', { name: 'Add item' }).click();
  await desc.fill(description);
  await page.getByLabel(`Item ${n} quantity`).fill(quantity);
  await page.getByLabel(`Item ${n} unit price`).fill(unitPrice);
}

export function chargeButton(page: Page) {
  return page.getByRole('button', { name: /^Charge\b/ });
}

/** The rows of the log's table of card/UPI attempts (the log has other tables: cash, refunds, totals). */
export function attemptRows(page: Page) {
  return page.getByRole('table', { name: /Payment attempts on/ }).locator('tbody tr');
}

/** The payment panel's status heading (Waiting for payment, PAID, FAILED, …). */
export function payStatus(page: Page) {
  return page.locator('#pay-status-heading');
}

export async function expectWaiting(page: Page, terminalId: string): Promise<void> {
  await expect(payStatus(page)).toHaveText('Waiting for payment');
  await expect(page.getByText(`Sent to terminal ${terminalId}: tap Fetch Payments on the terminal`)).toBeVisible();
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/**
 * The screen as it is now at both widths the counters run at, 1366×768 and 1024×768, then back to
 * 1366; `inView`, when given, is scrolled into view at each width first.
 */
export async function shotAtBothWidths(page: Page, name: string, inView?: Locator): Promise<void> {
  for (const width of [1024, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    await inView?.scrollIntoViewIfNeeded();
    await shot(page, `${name}-${width}`);
  }
}

/** No serious or critical axe violation on what is on screen now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/** Every visible control is at least 44 px tall (checkboxes and radios count by their label). */
export async function expectTouchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, [role="tab"]')]
      .filter((element) => {
        if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio' || element.type === 'hidden')) return false;
        if (element.classList.contains('skip-link')) return false;
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.height < 44;
      })
      .map((element) => `${element.tagName} "${element.textContent?.trim() || element.getAttribute('aria-label') || ''}" ${Math.round(element.getBoundingClientRect().height)}px`),
  );
  expect(small).toEqual([]);
}

/** Sets the first manager PIN through the screen and lands unlocked on the manager screens. */
export async function setFirstPin(page: Page, pin = '2468'): Promise<void> {
  await page.getByRole('link', { name: 'Manager' }).click();
  await expect(page.getByRole('heading', { name: 'Set a manager PIN' })).toBeVisible();
  await page.getByLabel('New manager PIN').fill(pin);
  await page.getByLabel('Type the PIN again').fill(pin);
  await page.getByRole('button', { name: 'Set PIN and unlock' }).click();
  await expect(page.getByRole('tab', { name: 'Counters' })).toBeVisible();
}

/** The demo's counters by name. */
export async function counters(host: CounterHost): Promise<Record<string, Counter>> {
  const list = await host.call('counters-list', {});
  if (!list.ok) throw new Error(list.error.message);
  return Object.fromEntries(list.value.map((counter) => [counter.name, counter]));
}

/** One sale through the API and the terminal, waited on until its outcome is final. */
export async function sale(host: CounterHost, counter: Counter, unitPriceMinor: number, method: PaymentMethod, outcome: PayOutcome | null): Promise<string> {
  const invoice = await host.call('invoice-create', { counterId: counter.id, lines: [{ description: 'Goods', quantity: 1, unitPriceMinor }] });
  if (!invoice.ok) throw new Error(invoice.error.message);
  const attempt = await host.call('charge-create', { invoiceId: invoice.value.id, counterId: counter.id, method });
  if (!attempt.ok) throw new Error(attempt.error.message);
  if (outcome === null) return invoice.value.number;
  await host.sim.pay(counter.terminalId, outcome);
  await expect
    .poll(async () => {
      const got = await host.call('invoice-get', { invoiceId: invoice.value.id });
      return got.ok ? got.value.attempts.at(-1)?.state : 'missing';
    }, FINAL)
    .toBe(outcome.outcome === 'succeeded' ? 'succeeded' : 'failed');
  return invoice.value.number;
}
