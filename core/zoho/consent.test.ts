import { describe, expect, it } from 'vitest';
import { beginConsent } from './consent';

describe('sign in with Zoho: the loopback listener', () => {
  it('builds the org consent URL with PKCE and ignores answers that are not for this sign-in', async () => {
    const consent = await beginConsent({ accountsUrl: 'https://accounts.zoho.in', edition: 'in', accountId: '23137556', clientId: '1000.ABC', port: 0 });
    const url = new URL(consent.authUrl);
    expect(url.origin + url.pathname).toBe('https://accounts.zoho.in/oauth/v2/org/auth');
    expect(url.searchParams.get('soid')).toBe('zohopay.23137556');
    expect(url.searchParams.get('scope')).toBe('ZohoPay.payments.CREATE,ZohoPay.payments.READ,ZohoPay.refunds.CREATE,ZohoPay.refunds.READ');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const redirect = url.searchParams.get('redirect_uri') ?? '';
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    // A stray request (another web page) gets nothing and does not end the sign-in.
    expect((await fetch(`${redirect}?code=evil&state=wrong`)).status).toBe(404);
    const answer = await fetch(`${redirect}?code=good-code&state=${url.searchParams.get('state') ?? ''}`);
    expect(answer.status).toBe(200);
    const result = await consent.result;
    expect(result.code).toBe('good-code');
    expect(result.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('uses the sandbox scopes and soid for the India sandbox', async () => {
    const consent = await beginConsent({ accountsUrl: 'https://accounts.zoho.in', edition: 'in_sandbox', accountId: '42', clientId: 'c', port: 0 });
    const url = new URL(consent.authUrl);
    expect(url.searchParams.get('soid')).toBe('zohopaysandbox.42');
    expect(url.searchParams.get('scope')).toBe('ZohoPaySandbox.payments.CREATE,ZohoPaySandbox.payments.READ,ZohoPaySandbox.refunds.CREATE,ZohoPaySandbox.refunds.READ');
    consent.cancel();
    await expect(consent.result).rejects.toThrow(/cancelled/);
  });
});
