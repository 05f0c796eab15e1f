import { describe, expect, it } from 'vitest';
import { checkCaller, isLoopback } from './guard';
import { ApiRefusal } from './replies';

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiRefusal) return { status: error.status, code: error.error.code };
    throw error;
  }
  return null;
};

describe('who may call the integration API', () => {
  it('knows loopback addresses, IPv4, IPv6 and IPv4-mapped', () => {
    expect(['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['192.168.1.20', '::ffff:10.0.0.2', 'fe80::1', undefined, '127.example'].map(isLoopback)).toEqual([false, false, false, false, false]);
  });

  it('refuses another host while LAN access is off, and lets it in when the manager allowed it', () => {
    expect(refusal(() => checkCaller('192.168.1.20', {}, false))).toEqual({ status: 403, code: 'lan_access_off' });
    expect(refusal(() => checkCaller('192.168.1.20', {}, true))).toBeNull();
    expect(refusal(() => checkCaller('127.0.0.1', {}, false))).toBeNull();
  });

  it('refuses any request a web page makes (it carries Origin), wherever it comes from', () => {
    expect(refusal(() => checkCaller('127.0.0.1', { origin: 'http://127.0.0.1:5173' }, false))).toEqual({ status: 403, code: 'browser_refused' });
  });
});
