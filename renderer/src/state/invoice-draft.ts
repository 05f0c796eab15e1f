// The invoice the cashier is typing, as text, and its exact conversion to the contract's lines.
// Amounts are parsed with contract/money.ts into integer minor units: no float ever touches money.
import type { InvoiceLine } from '../../../contract/records';
import type { Currency } from '../../../contract/vocabulary';
import { multiplyMinor, parseAmount, sumMinor } from '../../../contract/money';

/** Free lines typed by hand, one amount, or the catalogue checkout (its cart is in cart-state). */
export type DraftMode = 'items' | 'amount' | 'checkout';

export interface DraftLine {
  /** Stable key for React and for mapping errors back to the row. */
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface Draft {
  mode: DraftMode;
  lines: DraftLine[];
  /** The single amount, in amount mode. */
  amount: string;
  /** What the single-amount line is called on the invoice. */
  amountDescription: string;
}

/** Field errors, keyed like the UI's fields: `amount`, `lines`, `<lineKey>.description|quantity|unitPrice`. */
export type DraftErrors = Record<string, string>;

export interface CheckedDraft {
  /** The lines to send, or null while any field is invalid. */
  lines: InvoiceLine[] | null;
  /** For each line sent, the draft line it came from (to place a server error on the right row). */
  lineKeys: string[];
  /** The total so far (counting only the valid lines), in minor units. */
  totalMinor: number;
  /** Whether every line is complete and valid and the total is above zero. */
  valid: boolean;
  errors: DraftErrors;
}

let nextKey = 1;
export function newLineKey(): string {
  nextKey += 1;
  return `line-${nextKey}`;
}

export function emptyLine(): DraftLine {
  return { key: newLineKey(), description: '', quantity: '1', unitPrice: '' };
}

export function emptyDraft(mode: DraftMode = 'items'): Draft {
  return { mode, lines: [emptyLine()], amount: '', amountDescription: 'Sale' };
}

function isBlank(line: DraftLine): boolean {
  return line.description.trim() === '' && line.unitPrice.trim() === '' && (line.quantity.trim() === '' || line.quantity.trim() === '1');
}

/** A quantity typed by a person: whole digits only, 1 to 9999. */
export function parseQuantity(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a quantity.' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: 'The quantity must be a whole number, like 2.' };
  const value = Number(trimmed);
  if (value < 1) return { ok: false, message: 'The quantity must be at least 1.' };
  if (value > 9999) return { ok: false, message: 'The quantity can be at most 9999.' };
  return { ok: true, value };
}

/** Parses the draft: lines, total and a message for every field that is wrong. Blank rows are ignored. */
export function checkDraft(draft: Draft, currency: Currency): CheckedDraft {
  const errors: DraftErrors = {};
  if (draft.mode === 'amount') {
    const amount = parseAmount(draft.amount, currency);
    const description = draft.amountDescription.trim() || 'Sale';
    if (!amount.ok) {
      errors.amount = amount.message;
      return { lines: null, lineKeys: [], totalMinor: 0, valid: false, errors };
    }
    if (amount.value === 0) {
      errors.amount = 'The amount must be more than zero.';
      return { lines: null, lineKeys: [], totalMinor: 0, valid: false, errors };
    }
    return {
      lines: [{ description, quantity: 1, unitPriceMinor: amount.value }],
      lineKeys: ['amount'],
      totalMinor: amount.value,
      valid: true,
      errors,
    };
  }

  const lines: InvoiceLine[] = [];
  const lineKeys: string[] = [];
  const lineTotals: number[] = [];
  let allValid = true;
  for (const line of draft.lines) {
    if (isBlank(line)) continue;
    const description = line.description.trim();
    const quantity = parseQuantity(line.quantity);
    const price = parseAmount(line.unitPrice, currency);
    let lineValid = true;
    if (description === '') {
      errors[`${line.key}.description`] = 'Enter what is being sold.';
      lineValid = false;
    } else if (description.length > 200) {
      errors[`${line.key}.description`] = 'Keep the description under 200 characters.';
      lineValid = false;
    }
    if (!quantity.ok) {
      errors[`${line.key}.quantity`] = quantity.message;
      lineValid = false;
    }
    if (!price.ok) {
      errors[`${line.key}.unitPrice`] = price.message;
      lineValid = false;
    } else if (price.value === 0) {
      errors[`${line.key}.unitPrice`] = 'The price must be more than zero.';
      lineValid = false;
    }
    if (quantity.ok && price.ok && price.value > 0) {
      const lineTotal = multiplyMinor(price.value, quantity.value, currency);
      if (lineTotal.ok) lineTotals.push(lineTotal.value);
      else {
        errors[`${line.key}.unitPrice`] = lineTotal.message;
        lineValid = false;
      }
    }
    if (lineValid && quantity.ok && price.ok) {
      lines.push({ description, quantity: quantity.value, unitPriceMinor: price.value });
      lineKeys.push(line.key);
    } else {
      allValid = false;
    }
  }

  const total = sumMinor(lineTotals, currency);
  let totalMinor = 0;
  if (total.ok) totalMinor = total.value;
  else {
    errors.lines = `Invoice total: ${total.message}`;
    allValid = false;
  }
  if (lines.length === 0 && allValid) {
    errors.lines = 'Add at least one item with a price.';
    allValid = false;
  }
  if (lines.length > 200) {
    errors.lines = 'An invoice can have at most 200 items.';
    allValid = false;
  }
  return { lines: allValid ? lines : null, lineKeys, totalMinor, valid: allValid, errors };
}

const LINE_FIELD_NAMES: Record<string, string> = {
  description: 'description',
  quantity: 'quantity',
  unitPriceMinor: 'unitPrice',
};

/**
 * Where a server error's `field` belongs on the draft form: `lines.2.unitPriceMinor` → the
 * unit price of the third line sent. Returns the form key, or null for fields outside the draft.
 */
export function draftFieldForServerField(field: string, mode: DraftMode, lineKeys: readonly string[]): string | null {
  if (field === 'lines') return mode === 'amount' ? 'amount' : 'lines';
  const match = /^lines\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (!match) return null;
  if (mode === 'amount') return 'amount';
  const key = lineKeys[Number(match[1])];
  if (!key) return 'lines';
  const name = match[2] ? LINE_FIELD_NAMES[match[2]] : undefined;
  return name ? `${key}.${name}` : `${key}.description`;
}
