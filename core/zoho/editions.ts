import type { Currency, Edition } from '../../contract/vocabulary';

export interface ZohoHosts {
  paymentsUrl: string;
  accountsUrl: string;
}

const EDITION_HOSTS: Record<Edition, ZohoHosts & { currency: Currency; scopePrefix: string; soidPrefix: string }> = {
  in: {
    paymentsUrl: 'https://payments.zoho.in',
    accountsUrl: 'https://accounts.zoho.in',
    currency: 'INR',
    scopePrefix: 'ZohoPay',
    soidPrefix: 'zohopay',
  },
  in_sandbox: {
    paymentsUrl: 'https://paymentssandbox.zoho.in',
    accountsUrl: 'https://accounts.zoho.in',
    currency: 'INR',
    scopePrefix: 'ZohoPaySandbox',
    soidPrefix: 'zohopaysandbox',
  },
  us: {
    paymentsUrl: 'https://payments.zoho.com',
    accountsUrl: 'https://accounts.zoho.com',
    currency: 'USD',
    scopePrefix: 'ZohoPay',
    soidPrefix: 'zohopay',
  },
};

/** The edition's hosts, each replaced by ZOHO_PAYMENTS_URL / ZOHO_ACCOUNTS_URL when set. */
export function zohoHosts(edition: Edition, env: Record<string, string | undefined>): ZohoHosts {
  const hosts = EDITION_HOSTS[edition];
  return {
    paymentsUrl: stripSlash(env.ZOHO_PAYMENTS_URL || hosts.paymentsUrl),
    accountsUrl: stripSlash(env.ZOHO_ACCOUNTS_URL || hosts.accountsUrl),
  };
}

export function editionCurrency(edition: Edition): Currency {
  return EDITION_HOSTS[edition].currency;
}

/** What the sign-in asks for: payments (charge, check) and refunds (refund, follow a refund). */
export function editionScopes(edition: Edition): string {
  const prefix = EDITION_HOSTS[edition].scopePrefix;
  return `${prefix}.payments.CREATE,${prefix}.payments.READ,${prefix}.refunds.CREATE,${prefix}.refunds.READ`;
}

/**
 * Whether a token answer's `scope` (space- or comma-separated) grants refunds. An answer without
 * a scope says nothing, and is taken to grant what was asked.
 */
export function grantsRefunds(scope: string | undefined): boolean {
  if (scope === undefined) return true;
  const granted = scope.split(/[\s,]+/);
  const allows = (permission: 'CREATE' | 'READ') =>
    granted.some((item) => new RegExp(`^ZohoPay(Sandbox)?\\.refunds\\.(${permission}|ALL)$`).test(item));
  return allows('CREATE') && allows('READ');
}

export function editionSoid(edition: Edition, accountId: string): string {
  return `${EDITION_HOSTS[edition].soidPrefix}.${accountId}`;
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
