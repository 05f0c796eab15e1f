// A small shop's catalogue, as the catalogue tests, the checkout tests and the e2e specs stock it.
import type { ItemFields } from '../db/local/catalogue';

/** A catalogue file as a spreadsheet exports it: the header and three items priced with GST (5 % or 18 %). */
export const SAMPLE_CATALOGUE_ROWS = [
  'Name,SKU,Barcodes,Unit,Price,Price includes tax,Tax rate,HSN/SAC',
  'Assam Tea 250 g,TEA-250,8901234567890,piece,140,yes,5,0902',
  'Basmati Rice,RICE-1,8901234500011,kg,120.50,yes,5,1006',
  'Steel Tumbler,TUM-1,8901234500028,piece,99,yes,18,7323',
] as const;

/** The tea of the sample catalogue, as the catalogue takes one item's fields. */
export function teaItemFields(overrides: Partial<ItemFields> = {}): ItemFields {
  return {
    name: 'Assam Tea 250 g',
    sku: 'TEA-250',
    barcodes: ['8901234567890'],
    unit: 'piece',
    priceMinor: 14000,
    priceIncludesTax: true,
    rateBasisPoints: 500,
    hsnCode: '0902',
    taxExempt: false,
    ...overrides,
  };
}
