import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-read';

describe('readCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, keeping the line each record starts on', () => {
    const read = readCsv('\uFEFFName,SKU\r\n"Rice, Basmati ""Gold""",R-1\r\n"Two\nlines",T-2\n\n,\nLast,L-3');
    expect(read).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['Name', 'SKU'] },
        { line: 2, cells: ['Rice, Basmati "Gold"', 'R-1'] },
        { line: 3, cells: ['Two\nlines', 'T-2'] },
        { line: 7, cells: ['Last', 'L-3'] },
      ],
    });
  });

  it('reads semicolons when the header has them and no commas', () => {
    expect(readCsv('Name;Price\nTea;140,50\n')).toEqual({ ok: true, records: [{ line: 1, cells: ['Name', 'Price'] }, { line: 2, cells: ['Tea', '140,50'] }] });
  });

  it('refuses a quote never closed, naming the line it opens on', () => {
    expect(readCsv('Name,SKU\nTea,T-1\n"Rice,R-1\n')).toEqual({ ok: false, line: 3, message: 'A quoted cell is never closed: a " is missing.' });
  });
});
