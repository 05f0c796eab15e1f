// The day's CSV into a stream (a file, an HTTP download): each page's lines are written as they
// come, waiting whenever the stream asks for a pause, so no more than a page or two is in memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CsvOut } from './ledger-csv';

export function streamOut(stream: Writable): CsvOut {
  return {
    async write(text) {
      if (stream.destroyed) throw new StreamClosedError();
      if (!stream.write(text)) await drained(stream);
    },
  };
}

export class StreamClosedError extends Error {
  constructor() {
    super('the stream was closed before the CSV was written');
    this.name = 'StreamClosedError';
  }
}

/** Resolves at 'drain'; rejects if the stream closes first (a download the browser dropped never drains). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      stream.off('drain', onDrain);
      reject(new StreamClosedError());
    };
    stream.once('drain', onDrain);
    stream.once('close', onClose);
  });
}

/** Ends the stream once everything is written, and waits until it is flushed (a file: written and closed). */
export async function finish(stream: Writable): Promise<void> {
  const finished = once(stream, 'finish');
  stream.end();
  await finished;
}
