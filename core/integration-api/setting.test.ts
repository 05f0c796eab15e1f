import { describe, expect, it } from 'vitest';
import { integrationApiSetting } from './setting';

describe('integrationApiSetting', () => {
  it('is on by default on 127.0.0.1:47100; flags win over the environment', () => {
    expect(integrationApiSetting({}, {})).toEqual({ port: 47_100, lan: false });
    expect(integrationApiSetting({}, { COUNTER_API_PORT: '5000', COUNTER_API_LAN: '1' })).toEqual({ port: 5000, lan: true });
    expect(integrationApiSetting({ port: '6000', lan: false }, { COUNTER_API_PORT: '5000', COUNTER_API_LAN: '1' })).toEqual({ port: 6000, lan: false });
  });

  it('is off when asked, and refuses a port that is not one', () => {
    expect(integrationApiSetting({ off: true }, {})).toBeNull();
    expect(integrationApiSetting({}, { COUNTER_API_PORT: 'off' })).toBeNull();
    expect(() => integrationApiSetting({ port: '70000' }, {})).toThrow(/from 0 to 65535, or off/);
  });
});
