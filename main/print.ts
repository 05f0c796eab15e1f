// Printing from the desktop app: the page prints what it shows for print (its print styles: a
// receipt on 80 mm thermal paper or A4, the day's summary), silently on the printer chosen for
// this PC, or through the system's print dialog when none is chosen. Every request is parsed.
import { z } from 'zod';
import { fail, ok, type Result } from '../contract/result';
import { PAPER_LAYOUTS, type PaperLayout, type PrinterInfo, type PrintOutcome } from '../preload/bridge';

// eslint-disable-next-line no-control-regex -- the point is to refuse control characters
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

const printRequest = z.strictObject({
  deviceName: z
    .string({ error: 'Printer must be text' })
    .trim()
    .min(1, 'Printer is required')
    .max(256, 'Printer must be at most 256 characters')
    .regex(NO_CONTROL_CHARS, 'Printer must not contain control characters')
    .nullable(),
  layout: z.enum(PAPER_LAYOUTS, { error: 'Paper must be thermal or a4' }),
});

/** An 80 mm roll (in microns, as Electron takes page sizes); a receipt rarely needs a whole A4 length. */
const THERMAL_PAGE = { width: 80_000, height: 297_000 };

/** The part of Electron's print options Counter sets. */
export interface PrintOptions {
  silent: boolean;
  deviceName?: string;
  printBackground: boolean;
  margins: { marginType: 'default' | 'none' };
  pageSize: 'A4' | { width: number; height: number };
}

/** The part of Electron's WebContents used to print (injected, so tests need no Electron). */
export interface PrintTarget {
  print(options: PrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  getPrintersAsync(): Promise<{ name: string; displayName: string }[]>;
}

export function printOptions(deviceName: string | null, layout: PaperLayout): PrintOptions {
  return {
    silent: deviceName !== null,
    ...(deviceName === null ? {} : { deviceName }),
    printBackground: true,
    margins: { marginType: layout === 'thermal' ? 'none' : 'default' },
    pageSize: layout === 'thermal' ? THERMAL_PAGE : 'A4',
  };
}

export async function printPage(input: unknown, target: PrintTarget | null): Promise<Result<PrintOutcome>> {
  const parsed = printRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('invalid_input', issue?.message ?? 'The print request was not valid', issue?.path.map(String).join('.') || undefined);
  }
  if (!target) return fail('conflict', 'The Counter window is not open.');
  const options = printOptions(parsed.data.deviceName, parsed.data.layout);
  const printed = await new Promise<PrintOutcome>((resolve) =>
    target.print(options, (success, failureReason) => resolve({ printed: success, reason: success ? null : failureReason || null })),
  );
  return ok(printed);
}

export async function listPrinters(target: PrintTarget | null): Promise<Result<PrinterInfo[]>> {
  if (!target) return ok([]);
  const printers = await target.getPrintersAsync();
  return ok(printers.map(({ name, displayName }) => ({ name, displayName })));
}
