import { describe, expect, it } from 'vitest';
import { listPrinters, printPage, type PrintOptions, type PrintTarget } from './print';

/** As Electron lists them: more than the name, which is all Counter passes on. */
const SYSTEM_PRINTERS = [
  { name: 'TVS_RP3160', displayName: 'TVS RP 3160 Gold', description: 'thermal', options: {} },
  { name: 'Office_A4', displayName: 'Office laser', description: '', options: {} },
];

function target(answer: { success: boolean; reason?: string } = { success: true }) {
  const printed: PrintOptions[] = [];
  const fake: PrintTarget = {
    print: (options, callback) => {
      printed.push(options);
      callback(answer.success, answer.reason ?? '');
    },
    getPrintersAsync: () => Promise.resolve(SYSTEM_PRINTERS),
  };
  return { fake, printed };
}

describe('printPage', () => {
  it('prints silently on the chosen printer, on an 80 mm roll without margins', async () => {
    const { fake, printed } = target();
    expect(await printPage({ deviceName: 'TVS_RP3160', layout: 'thermal' }, fake)).toEqual({ ok: true, value: { printed: true, reason: null } });
    expect(printed).toEqual([
      { silent: true, deviceName: 'TVS_RP3160', printBackground: true, margins: { marginType: 'none' }, pageSize: { width: 80_000, height: 297_000 } },
    ]);
  });

  it('asks the system’s print dialog on A4 when no printer was chosen', async () => {
    const { fake, printed } = target();
    await printPage({ deviceName: null, layout: 'a4' }, fake);
    expect(printed).toEqual([{ silent: false, printBackground: true, margins: { marginType: 'default' }, pageSize: 'A4' }]);
  });

  it('says why it did not print', async () => {
    const { fake } = target({ success: false, reason: 'Print job canceled' });
    expect(await printPage({ deviceName: null, layout: 'a4' }, fake)).toEqual({ ok: true, value: { printed: false, reason: 'Print job canceled' } });
  });

  it.each([
    [{ deviceName: 'x', layout: 'letter' }, 'layout'],
    [{ deviceName: '', layout: 'a4' }, 'deviceName'],
    [{ deviceName: 'bad\u0007name', layout: 'a4' }, 'deviceName'],
    [{ deviceName: 7, layout: 'a4' }, 'deviceName'],
    [{ deviceName: null, layout: 'a4', copies: 100 }, undefined],
    [null, undefined],
  ])('refuses %j without printing', async (input, field) => {
    const { fake, printed } = target();
    const result = await printPage(input, fake);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.field).toBe(field);
    expect(printed).toEqual([]);
  });

  it('refuses when the window is gone', async () => {
    expect((await printPage({ deviceName: null, layout: 'a4' }, null)).ok).toBe(false);
  });
});

describe('listPrinters', () => {
  it('lists the system’s printers by name, and none without a window', async () => {
    expect(await listPrinters(target().fake)).toEqual({
      ok: true,
      value: [
        { name: 'TVS_RP3160', displayName: 'TVS RP 3160 Gold' },
        { name: 'Office_A4', displayName: 'Office laser' },
      ],
    });
    expect(await listPrinters(null)).toEqual({ ok: true, value: [] });
  });
});
