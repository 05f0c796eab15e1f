// The catalogue file's columns: the names the export writes, and the other names a spreadsheet or
// a Tally export gives the same column, compared without case, spaces or punctuation.
import type { CatalogueItem } from '../../contract/catalogue/records';
import { formatRatePercent } from '../../contract/billing/rates';
import { formatMinor } from '../../contract/money';

export const COLUMNS = ['name', 'sku', 'barcodes', 'unit', 'price', 'priceIncludesTax', 'rate', 'hsnCode', 'taxExempt', 'active'] as const;
export type Column = (typeof COLUMNS)[number];

/** The header the export writes, and the import names a column by in its messages when the file has no header for it. */
export const COLUMN_TITLES: Record<Column, string> = {
  name: 'Name',
  sku: 'SKU',
  barcodes: 'Barcodes',
  unit: 'Unit',
  price: 'Price',
  priceIncludesTax: 'Price includes tax',
  rate: 'Tax rate',
  hsnCode: 'HSN/SAC',
  taxExempt: 'Tax exempt',
  active: 'Active',
};

const ALIASES: Record<Column, readonly string[]> = {
  name: ['name', 'itemname', 'item', 'stockitem', 'stockitemname', 'productname', 'product', 'description'],
  sku: ['sku', 'code', 'itemcode', 'productcode', 'partno', 'partnumber', 'alias'],
  barcodes: ['barcodes', 'barcode', 'ean', 'upc', 'gtin'],
  unit: ['unit', 'units', 'uom', 'uqc'],
  price: ['price', 'rate', 'mrp', 'sellingprice', 'salesprice', 'saleprice', 'unitprice'],
  priceIncludesTax: ['priceincludestax', 'inclusiveoftax', 'taxinclusive', 'inclusive', 'rateinclusiveoftax'],
  rate: ['taxrate', 'gstrate', 'gst', 'igstrate', 'rateoftax', 'taxratepercent', 'gstratepercent', 'taxpercent', 'gstpercent'],
  hsnCode: ['hsnsac', 'hsn', 'hsncode', 'sac', 'saccode', 'hsnsaccode'],
  taxExempt: ['taxexempt', 'exempt'],
  active: ['active', 'status'],
};

const BY_ALIAS = new Map<string, Column>(COLUMNS.flatMap((column) => ALIASES[column].map((alias) => [alias, column] as const)));

/** "HSN/SAC", "Tax Rate (%)", "GST %" → the column, or undefined for a column the import does not read. */
export function columnOf(header: string): Column | undefined {
  return BY_ALIAS.get(header.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** One item as a row of the export: the same shape the import reads back. */
export function itemRow(item: CatalogueItem): string[] {
  return [
    item.name,
    item.sku,
    item.barcodes.join(' '),
    item.unit,
    formatMinor(item.priceMinor),
    yesNo(item.priceIncludesTax),
    formatRatePercent(item.rateBasisPoints),
    item.hsnCode,
    yesNo(item.taxExempt),
    yesNo(item.active),
  ];
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
