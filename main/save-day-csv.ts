// Saving the day's CSV from the log in the desktop app: the person picks the file in the system's
// save dialog (the page never chooses or learns a path), and the backend writes the rows into it a
// page at a time (core/backend/day-csv.ts). They go first to "<file>.partial", renamed into place
// once whole, so an export that fails part-way never leaves a file that looks complete.
import { open, rename, rm } from 'node:fs/promises';
import type { DayCsvSaved } from '../contract/answers';
import type { Result } from '../contract/result';
import type { Backend } from '../core/backend';
import type { DayCsvSink } from '../core/backend/day-csv';

export interface SaveDayCsvDeps {
  exportDayCsv: Backend['exportDayCsv'];
  /** Shows the save dialog with `fileName` suggested; null when cancelled. */
  chooseFile(fileName: string): Promise<string | null>;
}

/** `input` is log-export-csv's (the day and the log's filters), parsed by the backend before the dialog opens. */
export function saveDayCsv(input: unknown, deps: SaveDayCsvDeps): Promise<Result<DayCsvSaved>> {
  return deps.exportDayCsv(input, {
    open: async (fileName) => {
      const path = await deps.chooseFile(fileName);
      return path === null ? null : openFileSink(path);
    },
  });
}

/** Writes into `path` through its ".partial" twin; finish() flushes it to disk and renames it into place. */
export async function openFileSink(path: string): Promise<DayCsvSink> {
  const partial = `${path}.partial`;
  const file = await open(partial, 'w');
  return {
    // writeFile on a handle writes all of the text from where the last write ended.
    write: (text) => file.writeFile(text, 'utf8'),
    finish: async () => {
      await file.sync();
      await file.close();
      await rename(partial, path);
    },
    abandon: async () => {
      await file.close().catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
}
