// Saving a CSV export: the page hands over a file name and the text; the person picks where it goes
// in the system's save dialog, so the page can never choose (or learn) a path.
import { z } from 'zod';
import { fail, ok, type Result } from '../contract/result';
import type { SaveOutcome } from '../preload/bridge';

/** A day's log is far smaller; this only stops a runaway page from filling the disk. */
export const MAX_CSV_CHARS = 20 * 1024 * 1024;

const saveCsvInput = z.strictObject({
  fileName: z
    .string({ error: 'File name must be text' })
    .min(5, 'File name is required')
    .max(100, 'File name must be at most 100 characters')
    .regex(/^[\w][\w .-]*\.csv$/, 'File name may only use letters, digits, space, - _ . and must end in .csv'),
  csv: z.string({ error: 'CSV must be text' }).max(MAX_CSV_CHARS, 'The CSV is too large to save'),
});

export interface SaveCsvDeps {
  /** Shows the save dialog with `fileName` suggested; null when cancelled. */
  chooseFile(fileName: string): Promise<string | null>;
  writeFile(filePath: string, text: string): Promise<void>;
}

export async function saveCsv(input: unknown, deps: SaveCsvDeps): Promise<Result<SaveOutcome>> {
  const parsed = saveCsvInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('invalid_input', issue?.message ?? 'The file to save was not valid', issue?.path.map(String).join('.') || undefined);
  }
  const filePath = await deps.chooseFile(parsed.data.fileName);
  if (filePath === null) return ok({ saved: false });
  await deps.writeFile(filePath, parsed.data.csv);
  return ok({ saved: true });
}
