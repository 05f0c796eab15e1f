// A small shop's catalogue, as the catalogue tests, the checkout tests and the e2e specs stock it;
// and a large one (tens of thousands of items) for the benchmark and the import from the screen.
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

const BRANDS = ['Amul', 'Britannia', 'Tata', 'Nestle', 'Haldiram', 'Parle', 'Dabur', 'Patanjali', 'Everest', 'MDH', 'Aashirvaad', 'Fortune', 'Saffola', 'Surf', 'Colgate'];
const GOODS = ['Tea', 'Rice', 'Atta', 'Dal', 'Sugar', 'Salt', 'Oil', 'Ghee', 'Biscuits', 'Noodles', 'Masala', 'Soap', 'Shampoo', 'Toothpaste', 'Detergent', 'Coffee', 'Jam', 'Honey'];
const SIZES = ['100 g', '250 g', '500 g', '1 kg', '2 kg', '5 kg', '200 ml', '500 ml', '1 l'];

/** A catalogue file of `count` grocery items (header first), each with its own SKU and barcode; the barcodes in item order. */
export function largeCatalogue(count: number): { csv: string; barcodes: string[] } {
  const rows: string[] = [SAMPLE_CATALOGUE_ROWS[0]];
  const barcodes: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = `${BRANDS[i % BRANDS.length]} ${GOODS[Math.floor(i / BRANDS.length) % GOODS.length]} ${SIZES[i % SIZES.length]} ${i}`;
    const barcode = `89${String(i).padStart(10, '0')}`;
    barcodes.push(barcode);
    rows.push(`${name},SKU-${i},${barcode},piece,${10 + (i % 500)},yes,${i % 3 === 0 ? 18 : 5},0902`);
  }
  return { csv: rows.join('\n'), barcodes };
}
