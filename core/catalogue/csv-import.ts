// A catalogue file checked row by row with the same rules as the item form. Every problem is listed
// by line and column; the items come back only when there is not one problem, so a file is imported
// whole or not at all.
import type { z } from 'zod';
import { newItem } from '../../contract/catalogue/fields';
import type { ImportProblem } from '../../contract/catalogue/records';
import { unitFromWord, UNITS } from '../../contract/catalogue/units';
import { parseRatePercent } from '../../contract/billing/rates';
import { parseAmount } from '../../contract/money';
import type { Currency } from '../../contract/vocabulary';
import type { ItemFields } from '../../db/local/catalogue';
import { COLUMN_TITLES, COLUMNS, columnOf, type Column } from './csv-columns';
import { readCsv } from './csv-read';

export interface ImportRow {
  line: number;
  fields: ItemFields;
  active: boolean;
}

export interface CheckedFile {
  rows: ImportRow[];
  /** Rows read, good or bad. */
  rowCount: number;
  problems: ImportProblem[];
}

const REQUIRED: readonly Column[] = ['name', 'sku', 'price'];

/** Reads and checks a catalogue file. `heldBarcodes` tells who holds a code already (its item's SKU). */
export function checkCatalogueFile(
  text: string,
  currency: Currency,
  heldBarcodes: (code: string) => { sku: string; name: string } | null,
): CheckedFile {
  const read = readCsv(text);
  if (!read.ok) return { rows: [], rowCount: 0, problems: [{ line: read.line, field: 'File', message: read.message }] };
  const [header, ...records] = read.records;
  if (!header) return { rows: [], rowCount: 0, problems: [{ line: 1, field: 'File', message: 'The file has no header line.' }] };

  const positions = new Map<Column, number>();
  const titles = new Map<Column, string>();
  const problems: ImportProblem[] = [];
  header.cells.forEach((title, index) => {
    const column = columnOf(title);
    if (column === undefined) return;
    if (positions.has(column)) {
      problems.push({ line: header.line, field: title.trim(), message: `Two columns are both ${COLUMN_TITLES[column]}: keep one.` });
    }
    positions.set(column, index);
    titles.set(column, title.trim());
  });
  for (const column of REQUIRED) {
    if (!positions.has(column)) {
      problems.push({ line: header.line, field: COLUMN_TITLES[column], message: `The file needs a ${COLUMN_TITLES[column]} column.` });
    }
  }
  if (problems.length > 0) return { rows: [], rowCount: records.length, problems };

  const title = (column: Column) => titles.get(column) ?? COLUMN_TITLES[column];
  const rows: ImportRow[] = [];
  const skuLines = new Map<string, number>();
  const barcodeLines = new Map<string, number>();
  for (const record of records) {
    const cell = (column: Column) => {
      const index = positions.get(column);
      return index === undefined ? '' : (record.cells[index] ?? '').trim();
    };
    const problemsBefore = problems.length;
    const note = (column: Column, message: string) => problems.push({ line: record.line, field: title(column), message });
    const { active, ...candidate } = readRow(cell, currency, note);
    const parsed = newItem.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = fieldColumn(String(issue.path[0]));
        if (problems.slice(problemsBefore).some((p) => p.field === title(column))) continue; // already said in the file's words
        note(column, issue.message);
      }
    }
    const sku = candidate.sku.toLowerCase();
    const firstSku = skuLines.get(sku);
    if (sku !== '' && firstSku !== undefined) note('sku', `SKU ${candidate.sku} is already on line ${firstSku}.`);
    else skuLines.set(sku, record.line);
    for (const code of candidate.barcodes) {
      const firstCode = barcodeLines.get(code);
      if (firstCode !== undefined) {
        note('barcodes', `Barcode ${code} is already on line ${firstCode}.`);
        continue;
      }
      barcodeLines.set(code, record.line);
      const holder = heldBarcodes(code);
      if (holder && holder.sku.toLowerCase() !== sku) note('barcodes', `Barcode ${code} already belongs to ${holder.name} (SKU ${holder.sku}).`);
    }
    if (parsed.success && problems.length === problemsBefore) rows.push({ line: record.line, fields: parsed.data, active });
  }
  return { rows: problems.length === 0 ? rows : [], rowCount: records.length, problems };
}

type Note = (column: Column, message: string) => void;

/** One row's cells as the item form's values; what cannot be read is noted and left for the form's rules to refuse. */
function readRow(cell: (column: Column) => string, currency: Currency, note: Note): z.input<typeof newItem> & { active: boolean } {
  const word = cell('unit');
  const unit = word === '' ? 'piece' : unitFromWord(word);
  if (unit === undefined) note('unit', `Unit "${word}" is not one Counter knows: use one of ${UNITS.join(', ')}.`);
  const price = parseAmount(cell('price').replace(/,/g, '').replace(/^[₹$]\s*/, ''));
  if (!price.ok) note('price', price.message);
  const rateText = cell('rate');
  const rate = rateText === '' ? { ok: true as const, value: 0 } : parseRatePercent(rateText);
  if (!rate.ok) note('rate', rate.error.message.replace(/^Tax rate: /, ''));
  return {
    name: cell('name'),
    sku: cell('sku'),
    barcodes: cell('barcodes').split(/[\s;|,]+/).filter((code) => code !== ''),
    unit: unit ?? 'piece',
    priceMinor: price.ok ? price.value : 0,
    priceIncludesTax: yesNo(cell('priceIncludesTax'), currency === 'INR', () => note('priceIncludesTax', 'Write yes or no.')),
    rateBasisPoints: rate.ok ? rate.value : 0,
    hsnCode: cell('hsnCode'),
    taxExempt: yesNo(cell('taxExempt'), false, () => note('taxExempt', 'Write yes or no.')),
    active: yesNo(cell('active'), true, () => note('active', 'Write yes or no (or active, inactive).')),
  };
}

const YES = new Set(['yes', 'y', 'true', '1', 'active']);
const NO = new Set(['no', 'n', 'false', '0', 'inactive']);

function yesNo(text: string, empty: boolean, refuse: () => void): boolean {
  const value = text.toLowerCase();
  if (value === '') return empty;
  if (YES.has(value)) return true;
  if (!NO.has(value)) refuse();
  return false;
}

/** The file's column for a field of the item form. */
function fieldColumn(field: string): Column {
  const byField: Record<string, Column> = { priceMinor: 'price', rateBasisPoints: 'rate' };
  const column = byField[field] ?? field;
  return (COLUMNS as readonly string[]).includes(column) ? (column as Column) : 'name';
}
