// What this station remembers about its counter's sales across a reload: the invoice the cashier
// finished with (New sale, Cancel), so a reload does not bring it back. Kept in localStorage.

const DISMISSED_KEY = 'counter.dismissedInvoice.';

export function dismissedInvoice(counterId: string): string | null {
  try {
    return localStorage.getItem(DISMISSED_KEY + counterId);
  } catch {
    return null;
  }
}

export function dismissInvoice(counterId: string, invoiceId: string): void {
  try {
    localStorage.setItem(DISMISSED_KEY + counterId, invoiceId);
  } catch {
    // Storage unavailable: a reload may show the finished sale again, which is harmless.
  }
}
