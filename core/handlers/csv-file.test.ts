// Writing the CSV into a stream: a stream that stops taking data and then closes (a download the
// browser dropped) fails the write instead of waiting for ever.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StreamClosedError, streamOut } from './csv-file';

describe('streamOut', () => {
  it('waits while the stream is full, and fails once it closes without draining', async () => {
    const stalled = new Writable({ highWaterMark: 4, write: () => undefined });
    const out = streamOut(stalled);
    const waiting = Promise.resolve(out.write('date,invoice\r\n'));
    let settled = false;
    const settle = () => {
      settled = true;
    };
    waiting.then(settle, settle);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    stalled.destroy();
    await expect(waiting).rejects.toBeInstanceOf(StreamClosedError);
    await expect(Promise.resolve(out.write('more'))).rejects.toBeInstanceOf(StreamClosedError);
  });
});
