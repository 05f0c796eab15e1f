// The scopes the simulator grants: Zoho Payments' payments and refunds scopes, live or sandbox spelling.

export type ApiModule = 'payments' | 'refunds';
export type ApiPermission = 'CREATE' | 'READ';

const ZOHO_PAY_SCOPE = /^ZohoPay(?:Sandbox)?\.(payments|refunds)\.(CREATE|READ|UPDATE|ALL)$/;

/** What a Self Client code and the fixture's ready refresh token are granted: everything Counter asks for. */
export const DEFAULT_SCOPE = 'ZohoPay.payments.CREATE,ZohoPay.payments.READ,ZohoPay.refunds.CREATE,ZohoPay.refunds.READ';

/** The scope list from a `scope` parameter, or null when empty or holding a scope Zoho Payments lacks. */
export function parseScopes(scope: string): string[] | null {
  const scopes = scope
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (scopes.length === 0 || !scopes.every((part) => ZOHO_PAY_SCOPE.test(part))) return null;
  return scopes;
}

/** Whether the granted scopes allow `permission` on the module's API. */
export function allowsScope(scopes: readonly string[], module: ApiModule, permission: ApiPermission): boolean {
  return scopes.some((scope) => {
    const [, grantedModule, granted] = ZOHO_PAY_SCOPE.exec(scope) ?? [];
    return grantedModule === module && (granted === permission || granted === 'ALL');
  });
}

const SCOPE_WORDS: Record<ApiModule, Record<string, string>> = {
  payments: {
    CREATE: 'Create payments (start payment sessions on your terminals)',
    READ: 'Read payments (see the status of payment sessions)',
    UPDATE: 'Update payments',
    ALL: 'Full access to payments',
  },
  refunds: {
    CREATE: 'Create refunds (give money back for a payment)',
    READ: 'Read refunds (see the status of refunds)',
    UPDATE: 'Update refunds',
    ALL: 'Full access to refunds',
  },
};

export function describeScope(scope: string): string {
  const [, module, permission] = ZOHO_PAY_SCOPE.exec(scope) ?? [];
  return (module && permission && SCOPE_WORDS[module as ApiModule][permission]) || scope;
}
