// Split tender at the screen: the part of the balance due the cashier typed for the card/UPI
// terminal, checked before anything is sent (a typo is fixed by typing again, not by voiding an
// invoice). The backend checks it again, in the transaction that writes the attempt.
import { partTooLargeMessage } from '../../../contract/cash';
import { parseAmount } from '../../../contract/money';
import type { Currency } from '../../../contract/vocabulary';

export const CARD_PART_LABEL = 'Card or UPI part';

/**
 * What to ask the terminal for: `amountMinor` undefined for the whole balance due (nothing typed, or
 * exactly the balance: the same call as a single-tender sale), else the part; or why it cannot be.
 */
export function cardPart(text: string | null, dueMinor: number, currency: Currency): { ok: true; amountMinor: number | undefined } | { ok: false; message: string } {
  if (text === null || text.trim() === '') return { ok: true, amountMinor: undefined };
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) return { ok: false, message: `${CARD_PART_LABEL}: ${parsed.message}` };
  if (parsed.value === 0) return { ok: false, message: `${CARD_PART_LABEL} must be more than zero.` };
  if (parsed.value > dueMinor) return { ok: false, message: partTooLargeMessage(CARD_PART_LABEL, dueMinor, currency) };
  return { ok: true, amountMinor: parsed.value === dueMinor ? undefined : parsed.value };
}
