import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { TokenRequestLog } from './token-request-log';

const T0 = Date.UTC(2026, 10, 30, 9, 0);

describe('the token request log', () => {
  it('lets 10 requests through in any 10 minutes, and says when the 11th may go', async () => {
    const log = new TokenRequestLog(new MemorySecretStore());
    for (let i = 0; i < 10; i += 1) expect(await log.take(T0 + i * 1_000)).toBe(0);
    expect(await log.take(T0 + 20_000)).toBe(T0 + 600_000);
    expect(await log.window(T0 + 20_000)).toEqual({ limitedUntil: T0 + 600_000, pausedUntil: 0 });
    expect(await log.take(T0 + 600_000)).toBe(0);
  });

  it('counts requests asked for at once exactly: of 15, 10 go', async () => {
    const log = new TokenRequestLog(new MemorySecretStore());
    const answers = await Promise.all(Array.from({ length: 15 }, () => log.take(T0)));
    expect(answers.filter((retryAt) => retryAt === 0)).toHaveLength(10);
  });

  it('is kept: another log on the same store (a restart) knows the requests and the pause Zoho asked for', async () => {
    const store = new MemorySecretStore();
    const first = new TokenRequestLog(store);
    for (let i = 0; i < 3; i += 1) await first.take(T0);
    await first.pause(T0 + 60_000);
    const second = new TokenRequestLog(store);
    expect(await second.window(T0)).toEqual({ limitedUntil: 0, pausedUntil: T0 + 60_000 });
    expect(await second.take(T0 + 1_000)).toBe(T0 + 60_000);
    for (let i = 0; i < 7; i += 1) expect(await second.take(T0 + 60_000)).toBe(0);
    expect(await second.take(T0 + 60_000)).toBe(T0 + 600_000);
  });

  it('starts empty when its file is damaged', async () => {
    const log = new TokenRequestLog(new MemorySecretStore('{"times":'));
    expect(await log.take(T0)).toBe(0);
  });
});
