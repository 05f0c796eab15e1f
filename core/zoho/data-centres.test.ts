import { describe, expect, it } from 'vitest';
import { trustedAccountsServer, ZOHO_ACCOUNTS_SERVERS } from './data-centres';
import { ZohoError } from './errors';

describe('the accounts server a consent redirect names', () => {
  it("is trusted when it is one of Zoho's data centres (with or without a trailing slash)", () => {
    for (const server of ZOHO_ACCOUNTS_SERVERS) {
      expect(trustedAccountsServer(server, {})).toBe(server);
      expect(trustedAccountsServer(`${server}/`, {})).toBe(server);
    }
    expect(trustedAccountsServer('https://accounts.zoho.eu', {})).toBe('https://accounts.zoho.eu');
    expect(trustedAccountsServer('https://accounts.zohocloud.ca', {})).toBe('https://accounts.zohocloud.ca');
  });

  it('is trusted when it is the server ZOHO_ACCOUNTS_URL points at (a simulator in tests)', () => {
    expect(trustedAccountsServer('http://127.0.0.1:4100', { ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4100/' })).toBe('http://127.0.0.1:4100');
    expect(() => trustedAccountsServer('http://127.0.0.1:4101', { ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4100' })).toThrow(ZohoError);
  });

  it('is refused otherwise, saying that the code was not sent', () => {
    for (const named of [
      'http://accounts.zoho.eu',
      'https://accounts.zoho.eu:8443',
      'https://accounts.zoho.eu.evil.example',
      'https://evil.example/?https://accounts.zoho.eu',
      'https://accounts.zoho.eu/oauth/v2/token',
      'https://user:pass@accounts.zoho.eu',
      'https://accounts.zoho.au',
      'http://127.0.0.1:4100',
      'javascript:alert(1)',
      '',
    ]) {
      expect(() => trustedAccountsServer(named, {}), named).toThrow(/not Zoho’s .*so Counter did not send the code there/);
    }
  });
});
