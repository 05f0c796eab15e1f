// Connecting the Zoho account: credentials, "Sign in with Zoho" (consent in the system browser,
// PKCE, loopback redirect) or a pasted Self Client code, testing, and disconnecting.
import type { Edition } from '../../contract/vocabulary';
import type { ConnectionStatus } from '../../contract/answers';
import { listLiveAttempts } from '../../db/local/attempts';
import { HandlerFailure } from '../failure';
import type { Logger } from '../logger';
import type { RunningMode } from '../mode';
import { beginConsent, type PendingConsent } from '../zoho/consent';
import { trustedAccountsServer } from '../zoho/data-centres';
import { zohoHosts } from '../zoho/editions';
import { isZohoError, ZohoError } from '../zoho/errors';
import { TokenManager } from '../zoho/token-manager';
import type { TokenRequestLog } from '../zoho/token-request-log';
import type { ConnectionVault } from '../zoho/vault';
import type { Handlers } from './types';
import type { Ports } from '../ports';

export interface ConnectionDeps {
  vault: ConnectionVault;
  /** The account's token requests: a sign-in's code exchange counts against Zoho's limit too. */
  tokenRequests: TokenRequestLog;
  env: Record<string, string | undefined>;
  now: () => number;
  log: Logger;
  mode: () => RunningMode;
  status: () => Promise<ConnectionStatus>;
  /**
   * Re-reads the vault and starts the mode it calls for (live after a sign-in, demo after a
   * disconnect); `insideCall` when a call asks (the switch then waits for every other call).
   */
  reopen: (insideCall: boolean) => Promise<void>;
  announce: (message?: string) => Promise<void>;
  openExternal?: (url: string) => void;
  /** The loopback port registered as the redirect URI (0 = any free port, for tests). */
  consentPort: number;
  /** Books each token request with the store's other PCs (see TokenManagerOptions.reserveRequest). */
  reserveTokenRequest?: (account: { edition: Edition; accountId: string }) => Promise<void>;
  /** The store's say on the Zoho account (LOCAL_PORTS on a PC of its own). */
  ports: () => Ports;
}

type ConnectionHandlerName =
  | 'connection-status'
  | 'connection-configure'
  | 'connection-signin-start'
  | 'connection-code-submit'
  | 'connection-test'
  | 'connection-disconnect';

export function connectionHandlers(deps: ConnectionDeps): Handlers<ConnectionHandlerName> {
  let pending: PendingConsent | null = null;

  const signInTokens = async () => {
    const stored = await deps.vault.read();
    const reserve = deps.reserveTokenRequest;
    if (!stored) throw new HandlerFailure('conflict', 'Save the account ID, client ID and client secret first.', 'clientId');
    return {
      stored,
      tokens: new TokenManager({
        vault: deps.vault,
        requests: deps.tokenRequests,
        accountsUrl: zohoHosts(stored.edition, deps.env).accountsUrl,
        log: deps.log,
        now: deps.now,
        onStateChange: () => undefined,
        ...(reserve ? { reserveRequest: () => reserve(stored) } : {}),
      }),
    };
  };

  const exchange = async (insideCall: boolean, code: string, extra: { redirectUri?: string; codeVerifier?: string; accountsServer?: string } = {}) => {
    const { tokens } = await signInTokens();
    try {
      await tokens.exchangeCode(code, extra);
    } catch (error) {
      if (isZohoError(error, 'network')) throw new HandlerFailure('zoho_error', 'Could not reach Zoho to finish signing in. Check the internet connection.');
      throw error;
    }
    await deps.reopen(insideCall);
    return deps.status();
  };

  /**
   * Moving to another mode or account stops checking the payments of the running one, so it waits
   * for them to finish. Signing in again to the running live account does not: that is how a
   * "reconnect required" connection gets its payments checked again.
   */
  const refuseSwitchWhilePaymentsRun = async () => {
    const mode = deps.mode();
    const stored = await deps.vault.read();
    const sameAccount = mode.kind === 'live' && stored?.accountId === mode.accountId && stored.edition === mode.edition;
    if (!sameAccount && listLiveAttempts(mode.db).length > 0) {
      throw new HandlerFailure('conflict', 'Payments are in progress. Change the Zoho connection when they have finished.');
    }
  };

  return {
    'connection-status': () => deps.status(),
    'connection-configure': async (input) => {
      await deps.ports().config.zohoAccount({ edition: input.edition, accountId: input.accountId, clientId: input.clientId });
      if (listLiveAttempts(deps.mode().db).length > 0 && deps.mode().kind === 'live') {
        throw new HandlerFailure('conflict', 'Payments are in progress. Change the Zoho account when they have finished.');
      }
      const current = await deps.vault.read();
      if (current?.refreshToken && !current.reconnectReason) {
        throw new HandlerFailure('conflict', 'Counter is connected to Zoho. Disconnect first to change the account.');
      }
      await deps.vault.update(() => ({
        edition: input.edition,
        accountId: input.accountId,
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        refreshToken: null,
        accessToken: null,
        accessTokenExpiresAt: null,
        reconnectReason: current?.reconnectReason ?? null,
        accountsServer: null,
      }));
      return deps.status();
    },
    'connection-signin-start': async () => {
      await refuseSwitchWhilePaymentsRun();
      const { stored } = await signInTokens();
      pending?.cancel();
      const consent = await beginConsent({
        accountsUrl: zohoHosts(stored.edition, deps.env).accountsUrl,
        edition: stored.edition,
        accountId: stored.accountId,
        clientId: stored.clientId,
        port: deps.consentPort,
      });
      pending = consent;
      consent.result
        .then((result) =>
          exchange(false, result.code, {
            redirectUri: result.redirectUri,
            codeVerifier: result.codeVerifier,
            // Zoho names the data centre holding the account: the code is exchanged there, or nowhere.
            ...(result.accountsServer === null ? {} : { accountsServer: trustedAccountsServer(result.accountsServer, deps.env) }),
          }),
        )
        .then(() => deps.announce())
        .catch((error: unknown) => {
          if (pending === consent) deps.log.warn('sign in with Zoho did not finish', { error: String(error) });
          return deps.announce(error instanceof Error ? error.message : 'Sign-in did not finish.');
        })
        .finally(() => {
          if (pending === consent) pending = null;
        });
      deps.openExternal?.(consent.authUrl);
      return { authUrl: consent.authUrl };
    },
    'connection-code-submit': async (input) => {
      await refuseSwitchWhilePaymentsRun();
      return exchange(true, input.code);
    },
    'connection-test': async () => {
      const { payments } = deps.mode();
      try {
        // No call lists anything cheaply, so ask for a session that cannot exist: "not found" proves
        // that Zoho accepted our token and account.
        await payments.retrieveSession('0');
        return { ok: true, message: 'Zoho answered and accepted the connection.' };
      } catch (error) {
        if (isZohoError(error, 'not_found') || isZohoError(error, 'validation')) {
          return { ok: true, message: 'Zoho answered and accepted the connection.' };
        }
        return { ok: false, message: error instanceof ZohoError ? error.message : 'The test failed unexpectedly.' };
      }
    },
    'connection-disconnect': async () => {
      if (listLiveAttempts(deps.mode().db).length > 0) {
        throw new HandlerFailure('conflict', 'Payments are in progress. Disconnect when they have finished.');
      }
      const { tokens } = await signInTokens();
      await tokens.revoke();
      await deps.vault.update(() => null);
      await deps.reopen(true);
      return deps.status();
    },
  };
}
