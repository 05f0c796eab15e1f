// The desktop's day CSV file: written through its ".partial" twin, renamed into place only when whole.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileSink } from './save-day-csv';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'counter-day-csv-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('openFileSink', () => {
  it('appends each page and shows the file under its own name only once finished', async () => {
    const sink = await openFileSink(join(folder, 'payments-2026-12-07.csv'));
    await sink.write('header\r\n');
    await sink.write('row 1\r\nrow 2\r\n');
    expect(readdirSync(folder)).toEqual(['payments-2026-12-07.csv.partial']);
    await sink.finish();
    expect(readdirSync(folder)).toEqual(['payments-2026-12-07.csv']);
    expect(readFileSync(join(folder, 'payments-2026-12-07.csv'), 'utf8')).toBe('header\r\nrow 1\r\nrow 2\r\n');
  });

  it('leaves no file when abandoned part-way', async () => {
    const sink = await openFileSink(join(folder, 'payments-2026-12-07.csv'));
    await sink.write('header\r\n');
    await sink.abandon();
    expect(readdirSync(folder)).toEqual([]);
  });
});
