import { describe, expect, it } from 'vitest';
import { MAX_CSV_CHARS, saveCsv, type SaveCsvDeps } from './save-csv';

function deps(chosen: string | null) {
  const written: { filePath: string; text: string }[] = [];
  const suggested: string[] = [];
  const fake: SaveCsvDeps = {
    chooseFile: (fileName) => {
      suggested.push(fileName);
      return Promise.resolve(chosen);
    },
    writeFile: (filePath, text) => {
      written.push({ filePath, text });
      return Promise.resolve();
    },
  };
  return { fake, written, suggested };
}

describe('saveCsv', () => {
  it('suggests the name and writes where the person chose', async () => {
    const { fake, written, suggested } = deps('/home/cashier/Documents/today.csv');
    expect(await saveCsv({ fileName: 'payments-2025-01-02.csv', csv: 'a,b\n1,2\n' }, fake)).toEqual({ ok: true, value: { saved: true } });
    expect(suggested).toEqual(['payments-2025-01-02.csv']);
    expect(written).toEqual([{ filePath: '/home/cashier/Documents/today.csv', text: 'a,b\n1,2\n' }]);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { fake, written } = deps(null);
    expect(await saveCsv({ fileName: 'payments.csv', csv: 'x' }, fake)).toEqual({ ok: true, value: { saved: false } });
    expect(written).toEqual([]);
  });

  it.each([
    [{ fileName: '../../.bashrc.csv', csv: '' }, 'fileName'],
    [{ fileName: '/etc/cron.d/x.csv', csv: '' }, 'fileName'],
    [{ fileName: 'C:\\Windows\\x.csv', csv: '' }, 'fileName'],
    [{ fileName: 'payments.exe', csv: '' }, 'fileName'],
    [{ fileName: 'payments.csv', csv: 42 }, 'csv'],
    [{ fileName: 'payments.csv', csv: 'x'.repeat(MAX_CSV_CHARS + 1) }, 'csv'],
    [{ fileName: 'payments.csv', csv: '', path: '/tmp/x' }, undefined],
    [null, undefined],
  ])('refuses %#', async (input, field) => {
    const { fake, suggested } = deps('/tmp/never.csv');
    const result = await saveCsv(input, fake);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.field).toBe(field);
    }
    expect(suggested).toEqual([]);
  });
});
