// CSV for the day's payment log: RFC 4180 quoting, and cells that a spreadsheet would run as a
// formula (=, +, -, @) are prefixed with an apostrophe.

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}

/** One row as a CSV line, with its line break (a loop rather than map and join: thousands of rows a page). */
export function csvLine(row: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < row.length; i += 1) {
    if (i > 0) line += ',';
    line += csvCell(row[i] ?? null);
  }
  return line + '\r\n';
}

/** Whether a cell needs any care: a formula's first character, or a character that must be quoted. */
const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // Most cells need neither: one test for both (thousands of cells a page).
  if (!SPECIAL.test(value)) return value;
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
