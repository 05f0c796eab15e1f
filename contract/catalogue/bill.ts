// A checkout's bill as saved with its invoice: the computed lines and totals (contract/billing), and
// what the printed tax invoice needs beside them. Invoices made before the catalogue have none.
import type { InvoiceTotals } from '../billing/invoice';

export interface BillItem {
  /** The catalogue item, or null for a free-text line. */
  itemId: string | null;
  description: string;
  /** The price of one unit (one kg for weighed items), as printed in the Rate column. */
  unitPriceMinor: number;
}

export interface Bill {
  /** The store's GSTIN when the bill was made (India), else null. */
  storeGstin: string | null;
  /** India: the state where the goods are supplied (the store's, or where they were delivered). */
  placeOfSupply: { code: string; name: string } | null;
  /** A B2B customer, printed on the invoice. */
  customer: { gstin: string; name: string } | null;
  /** One per line of `totals.lines`, in the same order. */
  items: BillItem[];
  totals: InvoiceTotals;
}
