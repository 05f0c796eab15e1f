// The scopes the simulator grants: Zoho Payments' payments scopes, live or sandbox spelling.

export type PaymentsPermission = 'CREATE' | 'READ';

const PAYMENTS_SCOPE = /^ZohoPay(?:Sandbox)?\.payments\.(CREATE|READ|UPDATE|ALL)$/;

export const DEFAULT_SCOPE = 'ZohoPay.payments.CREATE,ZohoPay.payments.READ';

/** The scope list from a `scope` parameter, or null when empty or holding a scope Zoho Payments lacks. */
export function parseScopes(scope: string): string[] | null {
  const scopes = scope
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (scopes.length === 0 || !scopes.every((part) => PAYMENTS_SCOPE.test(part))) return null;
  return scopes;
}

export function allowsPayments(scopes: readonly string[], permission: PaymentsPermission): boolean {
  return scopes.some((scope) => {
    const granted = PAYMENTS_SCOPE.exec(scope)?.[1];
    return granted === permission || granted === 'ALL';
  });
}

const SCOPE_WORDS: Record<string, string> = {
  CREATE: 'Create payments (start payment sessions on your terminals)',
  READ: 'Read payments (see the status of payment sessions)',
  UPDATE: 'Update payments',
  ALL: 'Full access to payments',
};

export function describeScope(scope: string): string {
  const permission = PAYMENTS_SCOPE.exec(scope)?.[1];
  return (permission && SCOPE_WORDS[permission]) ?? scope;
}
