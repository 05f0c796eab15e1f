// The browser host as the real process a person starts (`npm run start:browser`: host/cli.ts bundled), in
// live mode: what host/server.test.ts and e2e/host.spec.ts do not already cover there. It listens on 127.0.0.1
// only; the printed key opens the page but never authenticates an API call from the address bar;
// through a real charge (which makes it fetch an access token), no API answer or event carries the
// client secret, the refresh token or the access token; and the secrets file stays owner-only.
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerName } from '../contract/handlers';
import type { StoredConnection } from '../core/zoho/vault';
import { secretsFile, type HostProcess } from '../testkit/host-process';
import { LiveHost } from '../testkit/live-host';
import { TEST_PIN } from '../testkit/manager-pin';

let setup: LiveHost;
let host: HostProcess;

beforeAll(async () => {
  setup = await LiveHost.start();
  host = await setup.startHost();
}, 60_000);

afterAll(async () => {
  await setup?.close();
});

/** Sockets listening on `port`, as "address:port" in hex from /proc/net/tcp{,6} (Linux). */
function listenersOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => {
    let table = '';
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    return table
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`))
      .map((cols) => cols[1] ?? '');
  });
}

const posixOnly = process.platform === 'linux' ? it : it.skip;

describe('the browser host process (host/cli.ts) in live mode', () => {
  posixOnly('listens on 127.0.0.1 only', () => {
    const port = Number(new URL(host.origin).port);
    // 0100007F is 127.0.0.1 (little-endian hex); nothing on 0.0.0.0, :: or another address.
    expect(listenersOn(port)).toEqual([`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`]);
  });

  it('prints an address with a 256-bit key, which opens the page but never authenticates an API call', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const page = await fetch(host.url, { redirect: 'manual' });
    expect(page.status).toBe(303);
    const call = await fetch(`${host.origin}/api/call/app-info?token=${host.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(call.status).toBe(401);
    const events = await fetch(`${host.origin}/api/events?token=${host.token}`);
    expect(events.status).toBe(401);
    await events.body?.cancel();
  });

  it('no API answer or event carries the client secret, the refresh token or the access token', async () => {
    const seen: string[] = [];
    const stream = await fetch(`${host.origin}/api/events`, { headers: { authorization: `Bearer ${host.token}` } });
    const reader = stream.body?.getReader();
    const decoder = new TextDecoder();
    const reading = (async () => {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        seen.push(decoder.decode(chunk.value as Uint8Array));
      }
    })().catch(() => undefined);

    const record = async <K extends HandlerName>(name: K, input: unknown) => {
      const result = await host.call(name, input);
      seen.push(JSON.stringify(result));
      return result;
    };
    const pin = await record('manager-unlock', { pin: TEST_PIN });
    const managerToken = pin.ok ? pin.value.managerToken : '';
    const counter = await record('counter-create', { managerToken, name: 'Till 1', terminalId: 'TRM001' });
    const counterId = counter.ok ? counter.value.id : '';
    const invoice = await record('invoice-create', { counterId, lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 4_550 }] });
    const invoiceId = invoice.ok ? invoice.value.id : '';
    const attempt = await record('charge-create', { invoiceId, counterId, method: 'card' });
    expect(attempt.ok && attempt.value.state).toBe('in_progress');
    setup.sim.fetchOnTerminal('TRM001');
    setup.sim.pay('TRM001', { outcome: 'succeeded' });
    for (const name of ['app-info', 'settings-get', 'connection-status', 'manager-status', 'dashboard', 'counters-list'] as const) await record(name, {});
    await record('connection-test', { managerToken });
    await record('log-day', { date: new Date().toISOString().slice(0, 10) });
    await record('invoice-get', { invoiceId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await reader?.cancel();
    await reading;

    // The connection as the host stores it now: with the access token it fetched for the charge.
    const stored = JSON.parse(readFileSync(secretsFile(setup.dataDir), 'utf8')) as StoredConnection;
    expect(stored.accessToken).toMatch(/\S{8}/);
    const everything = seen.join('\n');
    expect(everything).toContain('"state":"in_progress"');
    for (const secret of [stored.clientSecret, stored.refreshToken ?? '-', stored.accessToken ?? '-']) expect(everything).not.toContain(secret);
  });

  posixOnly('keeps the secrets file readable by its owner only, after rewriting it', () => {
    expect(statSync(secretsFile(setup.dataDir)).mode & 0o777).toBe(0o600);
  });
});
