import { describe, expect, it } from 'vitest';
import { checkOverrides } from './outside-settings';

describe('settings from outside Counter', () => {
  it('are listed as shown to the manager, whatever the app', () => {
    expect(checkOverrides({ env: {}, packaged: true })).toEqual([]);
    expect(
      checkOverrides({
        env: { ZOHO_PAYMENTS_URL: 'http://10.0.0.5:8080/', ZOHO_ACCOUNTS_URL: 'https://accounts.example.test/' },
        dataFolder: { setting: '--data-dir', path: '/srv/counter' },
        packaged: false,
      }),
    ).toEqual([
      { setting: 'ZOHO_PAYMENTS_URL', value: 'http://10.0.0.5:8080' },
      { setting: 'ZOHO_ACCOUNTS_URL', value: 'https://accounts.example.test' },
      { setting: '--data-dir', value: '/srv/counter' },
    ]);
  });

  it('in a packaged app: Zoho addresses only over https or to this computer', () => {
    for (const url of ['https://payments-proxy.example.test', 'https://10.0.0.5:8443/zoho', 'http://127.0.0.1:4100', 'http://localhost:4100', 'http://[::1]:4100']) {
      expect(checkOverrides({ env: { ZOHO_PAYMENTS_URL: url }, packaged: true }), url).toHaveLength(1);
    }
    for (const url of ['http://payments-proxy.example.test', 'http://10.0.0.5:8080', 'http://127.0.0.2:4100', 'ftp://127.0.0.1/']) {
      expect(() => checkOverrides({ env: { ZOHO_ACCOUNTS_URL: url }, packaged: true }), url).toThrow(
        /^Counter will not start: ZOHO_ACCOUNTS_URL is set to .*, but a packaged Counter sends the Zoho client secret and tokens only over https, or to this computer itself/,
      );
    }
    expect(() => checkOverrides({ env: { ZOHO_PAYMENTS_URL: 'https://user:pw@proxy.example.test' }, packaged: true })).toThrow(/user name or password/);
    expect(() => checkOverrides({ env: { ZOHO_PAYMENTS_URL: 'proxy.example.test' }, packaged: true })).toThrow(/not a web address/);
  });

  it('in a packaged app: the data folder only on this computer’s own disk', () => {
    expect(checkOverrides({ env: {}, dataFolder: { setting: 'COUNTER_USER_DATA_DIR', path: '/home/asha/counter' }, packaged: true })).toHaveLength(1);
    for (const path of ['//fileserver/share/counter', '\\\\fileserver\\share\\counter', 'relative/folder']) {
      expect(() => checkOverrides({ env: {}, dataFolder: { setting: 'COUNTER_USER_DATA_DIR', path }, packaged: true }), path).toThrow(/on this computer’s own disk/);
    }
  });
});
