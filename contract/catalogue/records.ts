// What the catalogue calls answer: items, the store's tax settings and a CSV import's report.
import type { Unit } from './units';

export interface CatalogueItem {
  id: string;
  name: string;
  sku: string;
  /** Every code a scanner may read for this item (EAN-13, UPC-A, the shop's own labels). */
  barcodes: string[];
  unit: Unit;
  /** Price of one unit (one kg for weighed items), in minor units. */
  priceMinor: number;
  /** True when the price already includes the tax (MRP-style, usual in Indian retail). */
  priceIncludesTax: boolean;
  /** GST rate in basis points (1800 = 18 %); not used for US sales tax. */
  rateBasisPoints: number;
  /** HSN (goods) or SAC (services) code; empty where none applies (US). */
  hsnCode: string;
  /** US: exempt from the store's sales tax. */
  taxExempt: boolean;
  active: boolean;
  updatedAt: number;
}

/** The store's tax data, set by the manager. */
export interface TaxSettings {
  /** The store's GSTIN (India), or null when none is set. */
  gstin: string | null;
  /** The store's GST state code and name, from its GSTIN. */
  stateCode: string | null;
  stateName: string | null;
  /** US: the store's one sales tax rate in basis points (825 = 8.25 %). */
  usSalesTaxBasisPoints: number;
  /** India: round the total to the rupee with a "Round off" line. */
  roundOff: boolean;
  /** Each counter's invoice numbers start again at 1 each financial year (1 April), with the year in them: "CA-26-27/000001". */
  invoiceNumbersRestartEachYear: boolean;
}

/** One thing wrong in an imported file: its line (1 = the header), the column and the rule broken. */
export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface ImportReport {
  /** Item rows read (the header and blank lines not counted). */
  rows: number;
  /** Rows that would add an item (a new SKU) and rows that would change one (a SKU already held). */
  creates: number;
  updates: number;
  problems: ImportProblem[];
  /** True only when the file was clean and this was not a dry run: every row was saved, in one transaction. */
  imported: boolean;
}
