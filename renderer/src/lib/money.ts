// Money display for the screens, always through contract/money.ts (integer minor units).
import type { Currency } from '../../../contract/domain';
import { formatMoney } from '../../../contract/money';
import { useAppStore } from '../stores/app-store';

export function money(minor: number, currency: Currency): string {
  return formatMoney(minor, currency);
}

/** The running backend's currency (INR until app-info has answered). */
export function useCurrency(): Currency {
  return useAppStore((s) => s.appInfo?.currency ?? 'INR');
}
