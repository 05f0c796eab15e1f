import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger';
import { MemorySecretStore } from '../core/secrets/secret-store';
import { localDate } from '../contract/calendar';
import { startBrowserHost, type BrowserHost } from './server';
import { startSimulator } from '../simulator/index';
import { clientFrame, openTestSocket, receivedAtLeast } from '../testkit/ws-client';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads an event stream until `done` says so; resolves with what arrived. */
function readStream(port: number, headers: Record<string, string>, done: (text: string) => boolean): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      const finish = () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
      };
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (done(text)) finish();
      });
      res.on('end', finish);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host over real HTTP', () => {
  let root: string;
  let host: BrowserHost;
  let port: number;
  let bearer: Record<string, string>;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'counter-host-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    mkdirSync(join(rendererDir, 'empty-folder'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Counter</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
    symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
    host = await startBrowserHost({
      rendererDir,
      heartbeatMs: 50,
      maxBodyBytes: 4096,
      maxFileBodyBytes: 64 * 1024,
      log: silentLogger,
      backendOptions: { dataDir: join(root, 'data'), secretStore: new MemorySecretStore(), startDemoZoho: startSimulator, tuning: { log: silentLogger, consentPort: 0 } },
    });
    port = host.port;
    bearer = { authorization: `Bearer ${host.token}` };
  });

  afterAll(async () => {
    await host.stop();
    rmSync(root, { recursive: true, force: true });
  });

  describe('token', () => {
    it('is random, 256-bit, and in the printed address', () => {
      expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
      expect(host.url).toBe(`http://127.0.0.1:${port}/?token=${host.token}`);
    });

    it('is swapped for an HttpOnly, SameSite=Strict cookie and dropped from the address', async () => {
      const answer = await send(port, `/?token=${host.token}`);
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/');
      expect(answer.headers['set-cookie']).toEqual([`counter_token_${port}=${host.token}; HttpOnly; SameSite=Strict; Path=/`]);
    });

    it('opens the page and the API with the cookie', async () => {
      const cookie = { cookie: `other=1; counter_token_${port}=${host.token}` };
      expect((await send(port, '/', { headers: cookie })).status).toBe(200);
      const info = await send(port, '/api/call/app-info', { method: 'POST', headers: { ...cookie, ...json }, body: '{}' });
      expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { mode: 'demo' } });
    });

    it('refuses the page and every API request without it', async () => {
      expect((await send(port, '/')).status).toBe(401);
      expect((await send(port, '/?token=wrong')).status).toBe(401);
      const refused: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { cookie: `counter_token_${port + 1}=${host.token}` }, { cookie: `counter_token_${port}=` }];
      for (const headers of refused) {
        const answer = await send(port, '/api/call/app-info', { method: 'POST', headers: { ...headers, ...json }, body: '{}' });
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
      }
      expect((await send(port, '/api/events')).status).toBe(401);
    });
  });

  describe('origin and host', () => {
    it('refuses a foreign Origin, even with the token', async () => {
      for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
        const answer = await send(port, '/api/call/app-info', { method: 'POST', headers: { ...bearer, ...json, origin }, body: '{}' });
        expect(answer.status, origin).toBe(403);
      }
      expect((await send(port, '/', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    });

    it('accepts its own origin', async () => {
      const answer = await send(port, '/api/call/app-info', { method: 'POST', headers: { ...bearer, ...json, origin: `http://127.0.0.1:${port}` }, body: '{}' });
      expect(answer.status).toBe(200);
    });

    it('refuses cross-site fetches by their metadata', async () => {
      for (const site of ['cross-site', 'same-site']) {
        const answer = await send(port, '/api/call/app-info', { method: 'POST', headers: { ...bearer, ...json, 'sec-fetch-site': site }, body: '{}' });
        expect(answer.status, site).toBe(403);
      }
    });

    it('answers only to 127.0.0.1 and localhost on its own port (DNS rebinding)', async () => {
      expect((await send(port, '/api/call/app-info', { method: 'POST', headers: { ...bearer, ...json, host: `localhost:${port}` }, body: '{}' })).status).toBe(200);
      for (const name of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `127.0.0.1.evil.example:${port}`]) {
        const answer = await send(port, '/api/call/app-info', { method: 'POST', headers: { ...bearer, ...json, host: name }, body: '{}' });
        expect(answer.status, name).toBe(403);
      }
    });
  });

  describe('static files', () => {
    it('serves files with their type and the security headers', async () => {
      const js = await send(port, '/assets/app.js');
      expect(js.status).toBe(200);
      expect(js.body).toBe('console.log(1)');
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.headers['x-content-type-options']).toBe('nosniff');
      expect(js.headers['referrer-policy']).toBe('no-referrer');
      expect(js.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect((await send(port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
      const head = await send(port, '/assets/app.js', { method: 'HEAD' });
      expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '14']);
    });

    it('never serves anything outside the renderer folder, nor folders', async () => {
      for (const path of [
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/..%2fsecret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
        '/assets/..%5c..%5csecret.txt',
        '/assets/link.txt',
        '/assets/app.js%00.html',
        '/%E0%A4%A',
        '/empty-folder',
        '/empty-folder/',
        '/assets/',
        '/missing.js',
      ]) {
        const answer = await send(port, path);
        expect(answer.status, path).toBe(404);
        expect(answer.body).not.toContain('outside the renderer');
      }
    });

    it('is read-only', async () => {
      expect((await send(port, '/assets/app.js', { method: 'PUT', body: 'x' })).status).toBe(405);
    });
  });

  describe('calls', () => {
    const call = (name: string, body: string, headers: Record<string, string> = json) => send(port, `/api/call/${name}`, { method: 'POST', headers: { ...bearer, ...headers }, body });

    it('answers a Result for every known call', async () => {
      const answer = await call('counters-list', '{}');
      const counters = JSON.parse(answer.body) as { ok: boolean; value: unknown[] };
      expect(counters.ok).toBe(true);
      // The host's own time over the call, for the page's Resource Timing (bench/catalogue.ts).
      expect(answer.headers['server-timing']).toMatch(/^call;dur=\d+\.\d{2}$/);
      expect(counters.value).toHaveLength(3);
      // The input goes to the backend as sent; its schema refusal names the field and the rule.
      expect(JSON.parse((await call('counter-status', '{"counterId":"no spaces"}')).body)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'Id may only use letters, digits, - and _', field: 'counterId' },
      });
      expect(JSON.parse((await call('invoice-get', '[]')).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });

    it('refuses unknown calls, wrong methods, other content types, bad JSON and large bodies', async () => {
      const unknown = await call('drop-tables', '{}');
      expect([unknown.status, JSON.parse(unknown.body)]).toEqual([404, { ok: false, error: { code: 'not_found', message: 'There is no such call.' } }]);
      expect((await send(port, '/api/call/app-info', { headers: bearer })).status).toBe(405);
      expect((await call('app-info', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
      expect((await call('app-info', 'pin=1234', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      expect((await call('app-info', '{not json')).status).toBe(400);
      const large = JSON.stringify({ lines: 'x'.repeat(5000) });
      expect((await call('invoice-create', large)).status).toBe(413);
      // A catalogue file may be larger than any other call (up to maxFileBodyBytes): it reaches the backend, which asks for the manager.
      const file = (rows: number) => JSON.stringify({ managerToken: 'x'.repeat(43), csv: 'Name,SKU\n'.repeat(rows), dryRun: true });
      const bigFile = await call('catalogue-import', file(1000));
      expect([bigFile.status, JSON.parse(bigFile.body)]).toMatchObject([200, { ok: false, error: { code: 'locked' } }]);
      expect((await call('catalogue-import', file(10_000))).status).toBe(413);
      expect((await send(port, '/api/nothing', { headers: bearer })).status).toBe(404);
    });
  });

  describe('the call socket', () => {
    const ours = () => ({ origin: `http://127.0.0.1:${port}`, cookie: `counter_token_${port}=${host.token}` });
    const text = (value: unknown) => clientFrame(0x1, Buffer.from(JSON.stringify(value)));

    it('answers calls by id, each input parsed by its schema, as POST does', async () => {
      const open = await openTestSocket(port, '/api/calls', ours());
      expect(open.head).toMatch(/^HTTP\/1\.1 101 /);
      open.socket.write(text({ id: 1, name: 'counters-list', input: {} }));
      // A call cut across two frames (a fragment, then its end) and two calls in one write.
      const message = Buffer.from(JSON.stringify({ id: 2, name: 'counter-status', input: { counterId: 'no spaces' } }));
      open.socket.write(Buffer.concat([clientFrame(0x1, message.subarray(0, 10), false), clientFrame(0x0, message.subarray(10))]));
      open.socket.write(Buffer.concat([text({ id: 3, name: 'drop-tables', input: {} }), text({ id: 4, name: 'app-info' })]));
      const answers = (await receivedAtLeast(open, 4)).map((answer) => JSON.parse(answer as string) as { id: number; result: { ok: boolean; value?: unknown } });
      const byId = new Map(answers.map((answer) => [answer.id, answer.result]));
      expect(byId.get(1)).toMatchObject({ ok: true });
      expect(byId.get(1)?.value).toHaveLength(3);
      expect(byId.get(2)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Id may only use letters, digits, - and _', field: 'counterId' } });
      expect(byId.get(3)).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no such call.' } });
      // No input is the empty one, as an empty POST body.
      expect(byId.get(4)).toMatchObject({ ok: true });
      open.socket.destroy();
    });

    it('refuses the upgrade without the token, from another origin or site, without an Origin, on another path or host', async () => {
      const status = async (path: string, headers: Record<string, string>) => {
        const answer = await openTestSocket(port, path, headers);
        answer.socket.destroy();
        return Number(answer.head.split(' ')[1]);
      };
      expect(await status('/api/calls', { origin: ours().origin })).toBe(401);
      expect(await status('/api/calls', { ...ours(), cookie: `counter_token_${port}=not-the-token` })).toBe(401);
      expect(await status('/api/calls', { ...ours(), origin: 'http://evil.example' })).toBe(403);
      expect(await status('/api/calls', { ...ours(), 'sec-fetch-site': 'cross-site' })).toBe(403);
      expect(await status('/api/calls', { cookie: ours().cookie })).toBe(403);
      expect(await status('/api/calls', { ...ours(), host: `evil.example:${port}` })).toBe(403);
      expect(await status('/api/events', ours())).toBe(404);
      expect(await status('/api/calls', { ...ours(), 'sec-websocket-version': '8' })).toBe(400);
    });

    it('closes on what is not a call: bad JSON, a binary or unmasked frame, a message over the body limit', async () => {
      const closedBy = async (frame: Buffer) => {
        const open = await openTestSocket(port, '/api/calls', ours());
        open.socket.write(frame);
        const [answer] = await receivedAtLeast(open, 1);
        open.socket.destroy();
        return answer;
      };
      expect(await closedBy(clientFrame(0x1, Buffer.from('{not json')))).toEqual({ close: 1007 });
      expect(await closedBy(clientFrame(0x1, Buffer.from('{"name":"app-info"}')))).toEqual({ close: 1007 });
      expect(await closedBy(clientFrame(0x2, Buffer.from('{}')))).toEqual({ close: 1003 });
      expect(await closedBy(clientFrame(0x1, Buffer.from('{}'), true, false))).toEqual({ close: 1002 });
      expect(await closedBy(text({ id: 5, name: 'invoice-create', input: { lines: 'x'.repeat(5000) } }))).toEqual({ close: 1009 });
    });
  });

  describe('the day’s CSV download', () => {
    it('streams the same CSV the log call answers, as an attachment; refuses a bad day by name, and anyone without the token', async () => {
      const call = (name: string, body: unknown) => send(port, `/api/call/${name}`, { method: 'POST', headers: { ...bearer, ...json }, body: JSON.stringify(body) });
      const counters = JSON.parse((await call('counters-list', {})).body) as { value: { id: string }[] };
      const counterId = counters.value[0]?.id ?? '';
      for (const price of [1_200, 3_450]) {
        const bill = JSON.parse((await call('invoice-create', { counterId, lines: [{ description: 'Rice', quantity: 1, unitPriceMinor: price }] })).body) as { value: { id: string } };
        expect(JSON.parse((await call('cash-settle', { invoiceId: bill.value.id, counterId, tenderedMinor: price })).body)).toMatchObject({ ok: true });
      }
      const date = localDate(Date.now());
      const whole = JSON.parse((await call('log-export-csv', { date })).body) as { value: { csv: string; rowCount: number } };
      expect(whole.value.rowCount).toBeGreaterThanOrEqual(2);

      const download = await send(port, '/api/export/day-csv', { method: 'POST', headers: { ...bearer, ...json }, body: JSON.stringify({ date }) });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(download.headers['content-disposition']).toBe(`attachment; filename="payments-${date}.csv"`);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.body).toBe(whole.value.csv);

      const badDay = await send(port, '/api/export/day-csv', { method: 'POST', headers: { ...bearer, ...json }, body: '{"date":"7 Dec"}' });
      expect(JSON.parse(badDay.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'date' } });
      expect((await send(port, '/api/export/day-csv', { method: 'POST', headers: json, body: JSON.stringify({ date }) })).status).toBe(401);
      expect((await send(port, '/api/export/day-csv', { method: 'GET', headers: bearer })).status).toBe(405);
      expect((await send(port, '/api/export/day-csv', { method: 'POST', headers: { ...bearer, ...json, 'sec-fetch-site': 'cross-site' }, body: JSON.stringify({ date }) })).status).toBe(403);
    });
  });

  describe('events', () => {
    it('streams backend events as Server-Sent Events, with heartbeats', async () => {
      const reading = readStream(port, bearer, (text) => text.includes('counters-changed') && text.includes(': heartbeat'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const pin = JSON.parse((await send(port, '/api/call/manager-set-pin', { method: 'POST', headers: { ...bearer, ...json }, body: '{"pin":"2468"}' })).body) as {
        value: { managerToken: string };
      };
      await send(port, '/api/call/counter-create', {
        method: 'POST',
        headers: { ...bearer, ...json },
        body: JSON.stringify({ managerToken: pin.value.managerToken, name: 'Counter D', terminalId: 'TRM004' }),
      });
      const stream = await reading;
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(stream.text).toContain('data: {"type":"counters-changed"}\n\n');
      expect(stream.text).toMatch(/^retry: \d+\n/);
    });
  });
});

describe('browser host lifecycle', () => {
  it('stops open event streams and the backend it started; leaves a given backend open', async () => {
    const root = mkdtempSync(join(tmpdir(), 'counter-host-'));
    mkdirSync(join(root, 'renderer'));
    const owned = await startBrowserHost({
      rendererDir: join(root, 'renderer'),
      log: silentLogger,
      backendOptions: { dataDir: join(root, 'data'), secretStore: new MemorySecretStore(), startDemoZoho: startSimulator, tuning: { log: silentLogger, consentPort: 0 } },
    });
    // Stop only once the stream is open (its first bytes arrived), however slow the machine.
    let opened = (): void => undefined;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const stream = readStream(owned.port, { authorization: `Bearer ${owned.token}` }, () => {
      opened();
      return false;
    });
    await open;
    await owned.stop();
    await expect(stream).resolves.toMatchObject({ status: 200 });
    expect(await owned.backend.call('app-info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });

    const { startBackend } = await import('../core/backend');
    const backend = await startBackend({ dataDir: join(root, 'data2'), secretStore: new MemorySecretStore(), startDemoZoho: startSimulator, tuning: { log: silentLogger, consentPort: 0 } });
    const borrowed = await startBrowserHost({ rendererDir: join(root, 'renderer'), log: silentLogger, backend });
    await borrowed.stop();
    expect(await backend.call('app-info', {})).toMatchObject({ ok: true });
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });
});
