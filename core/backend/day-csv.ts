// The day's CSV for the screens' "Export CSV", written a page at a time into the file the person
// chose (desktop) or the download's response (browser host), so a day of 100,000 rows never sits
// whole in memory, nor crosses IPC or HTTP as one string. The call is log-export-csv's: its schema
// and middleware run as for any call; only the answer goes to the target instead of a string.
import type { DayCsvSaved } from '../../contract/answers';
import type { Result } from '../../contract/result';
import { dayLogCsvSource } from '../handlers/ledger';
import { dayLogFileName, writeDayLogCsv, type CsvOut } from '../handlers/ledger-csv';
import type { DataContext } from '../handlers/types';
import { dispatch, type Dispatch } from './dispatch';

/** Where the CSV goes, opened once its input is known to be good. */
export interface DayCsvTarget {
  /** Opens `fileName` to write; null when the person cancelled (nothing is written). */
  open(fileName: string): Promise<DayCsvSink | null>;
}

export interface DayCsvSink extends CsvOut {
  /** Every row is written: make the file whole (renamed into place, the response ended). */
  finish(): Promise<void>;
  /** Reading or writing failed part-way: leave no file that looks whole. */
  abandon(): Promise<void>;
}

/** Runs log-export-csv with its rows written into `target`. */
export async function exportDayCsv(route: Dispatch, context: () => DataContext, input: unknown, target: DayCsvTarget): Promise<Result<DayCsvSaved>> {
  let saved = false;
  const result = await dispatch(route, 'log-export-csv', input, async (filter) => {
    const fileName = dayLogFileName(filter.date);
    // The store's business day and names are read before the dialog opens: a store that cannot be read fails first.
    const source = await dayLogCsvSource(context(), filter);
    const sink = await target.open(fileName);
    if (!sink) return { fileName, csv: '', rowCount: 0 };
    try {
      const rowCount = await writeDayLogCsv(source, sink);
      await sink.finish();
      saved = true;
      return { fileName, csv: '', rowCount };
    } catch (error) {
      await sink.abandon();
      throw error;
    }
  });
  return result.ok ? { ok: true, value: { saved, fileName: result.value.fileName, rowCount: result.value.rowCount } } : result;
}
