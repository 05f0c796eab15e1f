import { describe, expect, it } from 'vitest';
import { CallSocket, SOCKET_MAX_INPUT, SOCKET_RETRY_MS, type SocketLike } from './call-socket';
import { createHttpBillingApi } from './http-billing-api';

class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: { id: number; name: string; input: unknown }[] = [];
  private readonly listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();

  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { id: number; name: string; input: unknown });
  }
  fire(type: 'open' | 'message' | 'close', data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

function rig() {
  const sockets: FakeSocket[] = [];
  const posted: string[] = [];
  let now = 0;
  const api = createHttpBillingApi({
    fetch: (url) => {
      posted.push(url);
      return Promise.resolve(new Response(JSON.stringify({ ok: true, value: 'posted' }), { status: 200 }));
    },
    openEvents: () => ({ readyState: 0, addEventListener: () => undefined, close: () => undefined }),
    openCallSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  const latest = () => sockets[sockets.length - 1] as FakeSocket;
  return { api, sockets, posted, latest, advance: (ms: number) => (now += ms), clock: () => now };
}

describe('calls over the host’s socket', () => {
  it('posts until the socket is open, then sends over it and matches answers by id, in any order', async () => {
    const { api, sockets, posted, latest } = rig();
    expect(await api.appInfo({})).toEqual({ ok: true, value: 'posted' });
    expect([posted, sockets.length]).toEqual([['/api/call/app-info'], 1]);
    latest().fire('open');
    const first = api.counterStatus({ counterId: 'c1' });
    const second = api.catalogueBarcode({ barcode: '8901234567890' });
    expect(latest().sent).toEqual([
      { id: 1, name: 'counter-status', input: { counterId: 'c1' } },
      { id: 2, name: 'catalogue-barcode', input: { barcode: '8901234567890' } },
    ]);
    latest().fire('message', JSON.stringify({ id: 2, result: { ok: true, value: { item: null } } }));
    latest().fire('message', JSON.stringify({ id: 1, result: { ok: false, error: { code: 'not_found', message: 'No such counter.' } } }));
    expect(await second).toEqual({ ok: true, value: { item: null } });
    expect(await first).toEqual({ ok: false, error: { code: 'not_found', message: 'No such counter.' } });
    expect(posted).toHaveLength(1);
  });

  it('fails the calls under way when the socket closes (as a cut connection does), then posts and opens it again', async () => {
    const { api, sockets, posted, latest } = rig();
    await api.appInfo({});
    latest().fire('open');
    const cut = api.appInfo({});
    latest().fire('close');
    await expect(cut).rejects.toThrow('closed the call socket');
    expect(await api.appInfo({})).toEqual({ ok: true, value: 'posted' });
    expect([posted.length, sockets.length]).toEqual([2, 2]);
  });

  it('waits before trying again a socket that never opened (an older host, a refused upgrade)', () => {
    const { advance, clock } = rig();
    const opened: FakeSocket[] = [];
    const calls = new CallSocket(() => {
      const socket = new FakeSocket();
      opened.push(socket);
      return socket;
    }, clock);
    expect(calls.send('app-info', '{}')).toBeNull();
    opened[0]?.fire('close');
    expect(calls.send('app-info', '{}')).toBeNull();
    advance(SOCKET_RETRY_MS - 1);
    expect(calls.send('app-info', '{}')).toBeNull();
    expect(opened).toHaveLength(1);
    advance(1);
    expect(calls.send('app-info', '{}')).toBeNull();
    expect(opened).toHaveLength(2);
  });

  it('posts when the browser refuses to open the socket', () => {
    let tries = 0;
    const calls = new CallSocket(() => {
      tries += 1;
      throw new Error('SecurityError');
    }, () => 0);
    expect(calls.send('app-info', '{}')).toBeNull();
    expect(calls.send('app-info', '{}')).toBeNull();
    expect(tries).toBe(1);
  });

  it('posts an input too large for a message (a catalogue file) and throws on an answer that is not a result', async () => {
    const { api, posted, latest } = rig();
    await api.appInfo({});
    latest().fire('open');
    await api.catalogueImport({ managerToken: 't', csv: 'x'.repeat(SOCKET_MAX_INPUT), dryRun: true });
    expect(posted).toEqual(['/api/call/app-info', '/api/call/catalogue-import']);
    const odd = api.appInfo({});
    latest().fire('message', JSON.stringify({ id: 1, result: 'not a result' }));
    await expect(odd).rejects.toThrow('without a result');
  });
});
