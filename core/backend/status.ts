// What the app and its connection to Zoho are, in the words the manager and cashier read.
import type { AppInfo, ConnectionStatus, SettingOverride } from '../../contract/answers';
import { ZOHO_TROUBLE_MESSAGES, type ZohoTrouble } from '../../contract/failures';
import type { Edition } from '../../contract/vocabulary';
import { REFUND_SCOPE_MESSAGE } from '../after-sale/refunds/refund-service';
import type { EventBus } from '../event-bus';
import type { RunningMode } from '../mode';
import type { TokenState } from '../zoho/token-manager';
import type { ConnectionVault } from '../zoho/vault';

export function appInfo(mode: RunningMode, version: string, overrides: SettingOverride[]): AppInfo {
  return {
    mode: mode.kind,
    version,
    currency: mode.currency,
    simulatorUrl: mode.simulator?.url ?? null,
    overrides,
  };
}

export interface ConnectionReportOptions {
  vault: ConnectionVault;
  events: EventBus;
  mode: () => RunningMode;
  /** The account of the store this PC is joined to, if any. */
  storeAccount: () => { edition: Edition; accountId: string; clientId: string } | null;
}

/** The connection's state as last heard (token state, Zoho's trouble, the last problem), and how it reads. */
export class ConnectionReport {
  /** What kept Zoho from answering the last call, or null once it answered. */
  private trouble: ZohoTrouble | null = null;
  private tokenState: TokenState = { kind: 'ready' };
  private lastProblem: string | null = null;

  constructor(private readonly options: ConnectionReportOptions) {}

  readonly onTokenState = (state: TokenState): void => {
    this.tokenState = state;
    void this.announce();
  };

  readonly onZohoTrouble = (trouble: ZohoTrouble | null): void => {
    if (this.trouble === trouble) return;
    this.trouble = trouble;
    void this.announce();
  };

  async readTokens(mode: RunningMode): Promise<void> {
    this.tokenState = await mode.tokens.state();
  }

  /** A new mode has heard no trouble yet. */
  forgetTrouble(): void {
    this.trouble = null;
  }

  async announce(problem?: string): Promise<void> {
    this.lastProblem = problem ?? null;
    this.options.events.emit({ type: 'connection-changed', connection: await this.status() });
  }

  async status(): Promise<ConnectionStatus> {
    const mode = this.options.mode();
    const stored = await this.options.vault.read();
    const refundsEnabled = await mode.tokens.refundsAllowed();
    // A PC of a store that has not connected Zoho yet is shown the store's account, to connect to.
    const account = stored ?? this.options.storeAccount();
    const base = {
      edition: account?.edition ?? null,
      accountId: account?.accountId ?? null,
      clientId: account?.clientId ?? null,
      degraded: this.trouble !== null,
      trouble: this.trouble,
      retryAt: null,
      refundsEnabled,
    };
    const problem = this.lastProblem ? ` ${this.lastProblem}` : '';
    if (mode.kind === 'demo') {
      return {
        ...base,
        state: 'demo',
        message: `Demo mode: payments are simulated and no money moves. Connect a Zoho account to take real payments.${problem}`,
      };
    }
    const state = this.tokenState.kind === 'ready' ? await mode.tokens.state() : this.tokenState;
    switch (state.kind) {
      case 'reconnect_required':
        return { ...base, state: 'reconnect_required', message: state.reason };
      case 'throttled':
        return { ...base, state: 'throttled', retryAt: state.retryAt, message: 'Zoho is limiting sign-in requests; Counter will try again shortly.' };
      default:
        return {
          ...base,
          state: 'connected',
          message: this.trouble
            ? `${ZOHO_TROUBLE_MESSAGES[this.trouble]} Payments in progress are still being checked.`
            : refundsEnabled
              ? 'Connected to Zoho Payments.'
              : `Connected to Zoho Payments for charging. ${REFUND_SCOPE_MESSAGE}`,
        };
    }
  }
}
