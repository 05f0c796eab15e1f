// The day's CSV into a stream (a file, an HTTP download): each page's lines are written as they
// come, waiting whenever the stream asks for a pause, so no more than a page or two is in memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CsvOut } from './ledger-csv';

export function streamOut(stream: Writable): CsvOut {
  return {
    async write(text) {
      if (!stream.write(text)) await once(stream, 'drain');
    },
  };
}

/** Ends the stream once everything is written, and waits until it is flushed (a file: written and closed). */
export async function finish(stream: Writable): Promise<void> {
  const finished = once(stream, 'finish');
  stream.end();
  await finished;
}
