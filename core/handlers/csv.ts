// CSV for the day's payment log: RFC 4180 quoting, and cells that a spreadsheet would run as a
// formula (=, +, -, @) are prefixed with an apostrophe.

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}

/** One row as a CSV line, with its line break. */
export function csvLine(row: readonly (string | number | null)[]): string {
  return row.map(csvCell).join(',') + '\r\n';
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
