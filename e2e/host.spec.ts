// The browser host in Chromium: calls and events round-trip through the page; the token opens the
// app and nothing else does; other origins are refused; the page reaches neither Node nor secrets.
import type { Page } from '@playwright/test';
import type { BillingEvent } from '../contract/events';
import { expect, test } from './fixtures/browser-host';
import { openApp } from './screens-support';

/** A call made by the page itself, with the credentials the browser holds (the HttpOnly cookie). */
function callFromPage(page: Page, name: string, input: unknown = {}) {
  return page.evaluate(
    async ([callName, callInput]) => {
      const response = await fetch(`/api/call/${callName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(callInput) });
      return { status: response.status, body: (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
    },
    [name, input] as const,
  );
}

async function managerToken(page: Page): Promise<string> {
  const pin = await callFromPage(page, 'manager-set-pin', { pin: '2468' });
  return (pin.body.value as { managerToken: string }).managerToken;
}

test('opening the printed address swaps the token for an HttpOnly cookie and clears it from the address bar', async ({ page, host }) => {
  await openApp(page, host);
  expect(page.url()).not.toContain('token');
  expect(page.url().startsWith(`${host.origin}/`)).toBe(true);
  const cookies = await page.context().cookies(host.origin);
  expect(cookies).toEqual([expect.objectContaining({ value: host.token, httpOnly: true, sameSite: 'Strict' })]);
});

test('a call and an event round-trip through the page', async ({ page, host }) => {
  await openApp(page, host);
  const info = await callFromPage(page, 'app-info');
  expect(info).toEqual({ status: 200, body: { ok: true, value: expect.objectContaining({ mode: 'demo', currency: 'INR' }) as unknown } });

  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const received: BillingEvent[] = [];
        Object.assign(window, { receivedEvents: received });
        const source = new EventSource('/api/events');
        source.onmessage = (message: MessageEvent<string>) => received.push(JSON.parse(message.data) as BillingEvent);
        source.onopen = () => resolve();
      }),
  );
  const created = await callFromPage(page, 'counter-create', { managerToken: await managerToken(page), name: 'Counter D', terminalId: 'TRM004' });
  expect(created.body.ok).toBe(true);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { receivedEvents: BillingEvent[] }).receivedEvents.map((event) => event.type)))
    .toContain('counters-changed');
});

test('without the token the page and the API answer 401', async ({ page, playwright, host }) => {
  const anonymous = await playwright.request.newContext();
  const call = await anonymous.post(`${host.origin}/api/call/app-info`, { data: {} });
  expect(call.status()).toBe(401);
  expect(await call.json()).toMatchObject({ ok: false, error: { code: 'internal' } });
  expect((await anonymous.get(`${host.origin}/api/events`)).status()).toBe(401);
  expect((await anonymous.post(`${host.origin}/api/call/app-info`, { data: {}, headers: { authorization: 'Bearer not-the-token' } })).status()).toBe(401);
  await anonymous.dispose();

  const response = await page.goto(host.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByText('not signed in to Counter')).toBeVisible();
});

test('requests from another origin are refused, even with the token', async ({ playwright, host }) => {
  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${host.token}` } });
  const foreign = await api.post(`${host.origin}/api/call/app-info`, { data: {}, headers: { origin: 'http://evil.example' } });
  expect(foreign.status()).toBe(403);
  const rebound = await api.post(`${host.origin}/api/call/app-info`, { data: {}, headers: { host: `evil.example:${new URL(host.origin).port}` } });
  expect(rebound.status()).toBe(403);
  expect((await api.post(`${host.origin}/api/call/app-info`, { data: {} })).status()).toBe(200);
  await api.dispose();
});

test('the page reaches neither Node nor the token', async ({ page, host }) => {
  await openApp(page, host);
  const exposed = await page.evaluate((token) => {
    const storage = (store: Storage) => Array.from({ length: store.length }, (_, i) => `${store.key(i)}=${store.getItem(store.key(i) ?? '')}`);
    const windowStrings = Object.getOwnPropertyNames(window).flatMap((name) => {
      try {
        const value: unknown = (window as unknown as Record<string, unknown>)[name];
        return typeof value === 'string' ? [value] : [];
      } catch {
        return [];
      }
    });
    return {
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      billing: typeof (globalThis as { billing?: unknown }).billing,
      tokenSeen: [document.cookie, location.href, document.documentElement.outerHTML, ...storage(localStorage), ...storage(sessionStorage), ...windowStrings].some((text) =>
        text.includes(token),
      ),
    };
  }, host.token);
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', billing: 'undefined', tokenSeen: false });
});

test('no /api answer or event carries the Zoho client secret', async ({ page, host }) => {
  const clientSecret = 'cs-e2e-7f3a9c1d5b2e8f4a6c0d';
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/call/')) bodies.push(response.text());
  });
  // The app's own calls go over the call socket (GET /api/calls): its answers are read here too.
  const socketAnswers: string[] = [];
  page.on('websocket', (socket) => {
    if (socket.url().endsWith('/api/calls')) socket.on('framereceived', ({ payload }) => socketAnswers.push(String(payload)));
  });
  await openApp(page, host);
  await page.evaluate(() => {
    const source = new EventSource('/api/events');
    const seen: string[] = [];
    Object.assign(window, { streamed: seen });
    source.onmessage = (message: MessageEvent<string>) => seen.push(message.data);
  });

  const token = await managerToken(page);
  const configured = await callFromPage(page, 'connection-configure', { managerToken: token, edition: 'in', accountId: '60012345678', clientId: '1000.ABCDEFGHIJ1234567890KLMNOPQRST', clientSecret });
  expect(configured.body.ok).toBe(true);
  expect(await host.secretStore.read()).toContain(clientSecret);
  for (const name of ['connection-status', 'app-info', 'settings-get', 'manager-status', 'counters-list', 'dashboard']) {
    expect((await callFromPage(page, name, {})).body.ok).toBe(true);
  }

  const streamed = await page.evaluate(() => (window as unknown as { streamed: string[] }).streamed);
  for (const text of streamed) expect(text).not.toContain(clientSecret);

  // The app opened again with the secret stored; once its call socket is open, the payment log's calls go over it.
  const before = socketAnswers.length;
  const socketOpened = page.waitForEvent('websocket');
  await page.reload();
  await socketOpened;
  await expect(async () => {
    await page.getByRole('link', { name: 'Payment log' }).click();
    await page.getByRole('link', { name: 'Counter', exact: true }).click();
    expect(socketAnswers.length - before).toBeGreaterThanOrEqual(1);
  }).toPass();

  const texts = await Promise.all(bodies);
  expect(texts.length).toBeGreaterThanOrEqual(8);
  for (const text of [...texts, ...socketAnswers]) expect(text).not.toContain(clientSecret);
});
