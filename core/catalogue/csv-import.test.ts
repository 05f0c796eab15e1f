// The catalogue file's dry run on bad files: every bad row by line and column, and no item at all
// unless every row is good.
import { describe, expect, it } from 'vitest';
import { checkCatalogueFile } from './csv-import';

const nobodyHolds = () => null;
const check = (text: string, holder: Parameters<typeof checkCatalogueFile>[2] = nobodyHolds) => checkCatalogueFile(text, 'INR', holder);

describe('a clean catalogue file', () => {
  it('gives every row as an item, in the shape a spreadsheet or Tally writes it', () => {
    const file = [
      'Item Name,Item Code,Barcode,UOM,MRP,GST Rate (%),HSN/SAC,Inclusive of Tax,Remarks',
      'Assam Tea 250 g,TEA-250,8901234567890 SHOP-1,Nos,"1,140.50",5,0902,yes,new',
      'Basmati Rice,RICE-1,,KGS,120,5%,1006,,',
    ].join('\r\n');
    const checked = check(file);
    expect(checked.problems).toEqual([]);
    expect(checked.rowCount).toBe(2);
    expect(checked.rows).toEqual([
      {
        line: 2,
        active: true,
        fields: { name: 'Assam Tea 250 g', sku: 'TEA-250', barcodes: ['8901234567890', 'SHOP-1'], unit: 'piece', priceMinor: 114050, priceIncludesTax: true, rateBasisPoints: 500, hsnCode: '0902', taxExempt: false },
      },
      {
        line: 3,
        active: true,
        fields: { name: 'Basmati Rice', sku: 'RICE-1', barcodes: [], unit: 'kg', priceMinor: 12000, priceIncludesTax: true, rateBasisPoints: 500, hsnCode: '1006', taxExempt: false },
      },
    ]);
  });

  it('takes prices as excluding tax by default for a US store', () => {
    const checked = checkCatalogueFile('Name,SKU,Price,Tax exempt\nBread,BR-1,3.49,yes\n', 'USD', nobodyHolds);
    expect(checked.rows[0]?.fields).toMatchObject({ priceMinor: 349, priceIncludesTax: false, taxExempt: true, rateBasisPoints: 0 });
  });
});

describe('a bad catalogue file', () => {
  it('lists every bad row by line and column, and gives no item at all', () => {
    const file = [
      'Name,SKU,Barcodes,Unit,Price,Tax rate,HSN/SAC,Active',
      'Tea,TEA-1,8901234567890,piece,140.505,5,0902,yes', // price: three decimals
      ',TEA-2,,piece,10,5,0902,yes', // no name
      'Rice,RICE 1,,sack,10,5,0902,yes', // SKU with a space, unknown unit
      'Oil,OIL-1,,litre,10,105,150790,maybe', // rate over 100%, HSN of 6 digits is fine, active unreadable
      'Salt,tea-1,8901234567890,piece,0,5,25,yes', // SKU and barcode again, price zero, HSN of 2 digits
      'Good,GOOD-1,,piece,10,5,0902,yes', // fine
    ].join('\n');
    const checked = check(file);
    expect(checked.rows).toEqual([]);
    expect(checked.rowCount).toBe(6);
    expect(checked.problems).toEqual([
      { line: 2, field: 'Price', message: 'Use at most 2 decimal places (paise or cents), like 100.50.' },
      { line: 3, field: 'Name', message: 'Item name is required' },
      { line: 4, field: 'Unit', message: 'Unit "sack" is not one Counter knows: use one of piece, kg, g, litre, ml, metre, box, pack, dozen, pair.' },
      { line: 4, field: 'SKU', message: 'SKU may only use letters, digits and . _ / -' },
      { line: 5, field: 'Tax rate', message: 'the rate cannot be more than 100%.' },
      { line: 5, field: 'Active', message: 'Write yes or no (or active, inactive).' },
      { line: 6, field: 'Price', message: 'Price must be more than zero' },
      { line: 6, field: 'HSN/SAC', message: 'HSN/SAC code must be 4, 6 or 8 digits (or empty)' },
      { line: 6, field: 'SKU', message: 'SKU tea-1 is already on line 2.' },
      { line: 6, field: 'Barcodes', message: 'Barcode 8901234567890 is already on line 2.' },
    ]);
  });

  it('names a barcode another item of the catalogue already holds, but not when the row is that same item', () => {
    const holder = (code: string) => (code === '8901234567890' ? { sku: 'TEA-250', name: 'Assam Tea' } : null);
    expect(check('Name,SKU,Barcodes,Price\nTea,TEA-250,8901234567890,140\n', holder).problems).toEqual([]);
    expect(check('Name,SKU,Barcodes,Price\nGreen tea,GT-1,8901234567890,140\n', holder).problems).toEqual([
      { line: 2, field: 'Barcodes', message: 'Barcode 8901234567890 already belongs to Assam Tea (SKU TEA-250).' },
    ]);
  });

  it('says which required column is missing, and which column is there twice', () => {
    expect(check('Item,Code\nTea,T-1\n').problems).toEqual([{ line: 1, field: 'Price', message: 'The file needs a Price column.' }]);
    expect(check('Name,SKU,Price,MRP\nTea,T-1,1,2\n').problems).toEqual([{ line: 1, field: 'MRP', message: 'Two columns are both Price: keep one.' }]);
  });

  it('says where a quote is left open, and that a file without lines has no header', () => {
    expect(check('Name,SKU,Price\n"Tea,T-1,10\n').problems).toEqual([{ line: 2, field: 'File', message: 'A quoted cell is never closed: a " is missing.' }]);
    expect(check('\n\n').problems).toEqual([{ line: 1, field: 'File', message: 'The file has no header line.' }]);
  });
});
