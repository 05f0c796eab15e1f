import { describe, expect, it } from 'vitest';
import { camelCaseName } from '../../../contract/api';
import { HANDLER_NAMES } from '../../../contract/handlers';
import type { EventSourceLike } from './event-stream';
import { createHttpBillingApi } from './http-billing-api';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function client(answer: (url: string, init: RequestInit) => Response) {
  const requests: { url: string; init: RequestInit }[] = [];
  const api = createHttpBillingApi({
    fetch: (url, init) => {
      requests.push({ url, init });
      return Promise.resolve(answer(url, init));
    },
    openEvents: (): EventSourceLike => ({ readyState: 0, addEventListener: () => undefined, close: () => undefined }),
  });
  return { api, requests };
}

describe('createHttpBillingApi', () => {
  it('has one named function per call, plus onEvent and onTransportChange', () => {
    const { api } = client(() => jsonResponse(200, { ok: true, value: null }));
    expect(Object.keys(api).sort()).toEqual([...HANDLER_NAMES.map((name) => camelCaseName(name)), 'onEvent', 'onTransportChange', 'fetchDayCsv'].sort());
  });

  it('posts the input as JSON to the call’s own URL and returns the result', async () => {
    const { api, requests } = client(() => jsonResponse(200, { ok: true, value: { pin: 'not_set', message: null, reset: null } }));
    expect(await api.managerStatus({})).toEqual({ ok: true, value: { pin: 'not_set', message: null, reset: null } });
    await api.counterStatus({ counterId: 'c1' });
    expect(requests.map((r) => r.url)).toEqual(['/api/call/manager-status', '/api/call/counter-status']);
    expect(requests[1]?.init).toMatchObject({ method: 'POST', body: '{"counterId":"c1"}', credentials: 'same-origin' });
    expect(new Headers(requests[1]?.init.headers).get('content-type')).toBe('application/json');
  });

  it('returns the host’s refusals as results', async () => {
    const refusal = { ok: false, error: { code: 'internal', message: 'This browser tab is not signed in to Counter.' } };
    const { api } = client(() => jsonResponse(401, refusal));
    expect(await api.appInfo({})).toEqual(refusal);
  });

  it('throws when the answer is not a result (so callers show "not answering")', async () => {
    const { api } = client(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.appInfo({})).rejects.toThrow('502');
  });

  it('gathers the day’s streamed CSV into a file and counts its rows; a refusal comes back as the host’s result', async () => {
    const pieces = ['date,invoice,note\r\n2026-12-07,A-1,"two\r', '\nlines"\r\n', '2026-12-07,A-2,\r\n'];
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const piece of pieces) controller.enqueue(new TextEncoder().encode(piece));
          controller.close();
        },
      });
    const csvResponse = () => new Response(stream(), { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="payments-2026-12-07.csv"' } });
    const { api, requests } = client(csvResponse);
    const got = await api.fetchDayCsv({ date: '2026-12-07', counterId: 'c1' });
    if (!got.ok) throw new Error(got.error.message);
    expect([got.value.fileName, got.value.rowCount, await got.value.file.text()]).toEqual(['payments-2026-12-07.csv', 2, pieces.join('')]);
    expect(requests[0]).toMatchObject({ url: '/api/export/day-csv', init: { method: 'POST', body: '{"date":"2026-12-07","counterId":"c1"}' } });

    const refusal = { ok: false, error: { code: 'invalid_input', message: 'Date must be YYYY-MM-DD', field: 'date' } };
    expect(await client(() => jsonResponse(200, refusal)).api.fetchDayCsv({ date: '7 Dec' })).toEqual(refusal);
  });
});
