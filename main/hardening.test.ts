import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppPageUrl, windowSecurityOptions } from './hardening';

describe('windowSecurityOptions', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const options = windowSecurityOptions('/app/out/preload/index.cjs', { devTools: false });
    expect(options).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });
});

describe('isAppPageUrl', () => {
  const built = 'app://counter/index.html';

  it('accepts the built page with any route', () => {
    expect(isAppPageUrl(built, built)).toBe(true);
    expect(isAppPageUrl(`${built}#/manager`, built)).toBe(true);
  });

  it('refuses other pages, hosts and schemes (a custom scheme has no origin to compare)', () => {
    expect(isAppPageUrl('app://counter/other.html', built)).toBe(false);
    expect(isAppPageUrl('app://evil/index.html', built)).toBe(false);
    expect(isAppPageUrl('evil://counter/index.html', built)).toBe(false);
    expect(isAppPageUrl('file:///opt/Counter/resources/app.asar/out/renderer/index.html', built)).toBe(false);
    expect(isAppPageUrl('https://counter/index.html', built)).toBe(false);
    expect(isAppPageUrl('about:blank', built)).toBe(false);
    expect(isAppPageUrl('', built)).toBe(false);
  });

  it('accepts the dev server origin only', () => {
    expect(isAppPageUrl('http://localhost:5173/#/log', 'http://localhost:5173')).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppPageUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(isAppPageUrl('app://counter/index.html', 'http://localhost:5173')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  const none = { env: {} };

  it("allows Zoho's accounts servers over https", () => {
    expect(isAllowedExternalUrl('https://accounts.zoho.in/oauth/v2/org/auth?client_id=1', none)).toBe(true);
    expect(isAllowedExternalUrl('https://accounts.zoho.com/oauth/v2/org/auth', none)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const url of [
      'http://accounts.zoho.in/oauth/v2/org/auth',
      'https://accounts.zoho.in:8443/',
      'https://accounts.zoho.in.evil.example/',
      'https://evil.example/?accounts.zoho.in',
      'https://user:pass@accounts.zoho.in/',
      'https://payments.zoho.in/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url, none), url).toBe(false);
    }
  });

  it('allows the ZOHO_ACCOUNTS_URL override: https anywhere, http on 127.0.0.1 only', () => {
    expect(isAllowedExternalUrl('https://accounts.example.test/oauth', { env: { ZOHO_ACCOUNTS_URL: 'https://accounts.example.test' } })).toBe(true);
    const loopback = { env: { ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4100' } };
    expect(isAllowedExternalUrl('http://127.0.0.1:4100/oauth/v2/org/auth', loopback)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4101/oauth/v2/org/auth', loopback)).toBe(false);
    expect(isAllowedExternalUrl('http://accounts.example.test/oauth', { env: { ZOHO_ACCOUNTS_URL: 'http://accounts.example.test' } })).toBe(false);
  });

  it("allows the demo simulator's terminal pages only", () => {
    const demo = { env: {}, simulatorUrl: 'http://127.0.0.1:39000' };
    expect(isAllowedExternalUrl('http://127.0.0.1:39000/terminal/TRM001', demo)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:39000/_sim/faults', demo)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:39001/terminal/TRM001', demo)).toBe(false);
    expect(isAllowedExternalUrl('http://evil.example/terminal/TRM001', { env: {}, simulatorUrl: 'http://evil.example' })).toBe(false);
  });
});
