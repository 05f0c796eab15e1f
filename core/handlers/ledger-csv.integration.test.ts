// A day of 100,000 payments on a real SQLite file, written as CSV to a file: a page at a time, with
// the memory it holds bounded, and every payment once.
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayRange } from '../../contract/calendar';
import { createTempDatabase, makeCounter, type TempDatabase } from '../../testkit/db';
import { finish, streamOut } from './csv-file';
import { CSV_PAGE_ROWS, ownDayLogSource } from './ledger';
import { writeDayLogCsv } from './ledger-csv';

const ROWS = 100_000;
const DATE = '2026-11-22';

let temp: TempDatabase;

/** V8's collector, to measure what is held rather than garbage not yet collected. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

beforeAll(() => {
  temp = createTempDatabase();
  const counter = makeCounter(temp.db);
  const { fromMs } = localDayRange(DATE);
  // Several payments share each millisecond: the pages are cut inside runs of equal times.
  temp.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
    INSERT INTO invoices (id, number, counter_id, lines, total_minor, currency, status, created_at)
      SELECT 'inv-' || i, 'C-' || printf('%07d', i), '${counter.id}', '[]', 1000 + i, 'INR', 'open', ${fromMs} + i * 400 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
    INSERT INTO charge_attempts (id, invoice_id, counter_id, terminal_id, amount_minor, currency, method, state, failure_code, failure_message, created_at, updated_at, final_at)
      SELECT 'att-' || i, 'inv-' || i, '${counter.id}', '${counter.terminalId}', 1000 + i, 'INR', CASE WHEN i % 3 = 0 THEN 'upi' ELSE 'card' END, 'rejected',
             'invalid_request', 'Refused, "as asked"', ${fromMs} + 3600000 + (i / 7) * 250, ${fromMs}, ${fromMs} FROM n;`);
});

afterAll(() => temp.cleanup());

describe('a day of 100,000 payments as CSV', () => {
  it('is written to a file a page at a time, holding about a page in memory, every payment once', async () => {
    const file = join(temp.filePath, '..', `payments-${DATE}.csv`);
    const out = createWriteStream(file);
    const sink = streamOut(out);
    const held = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const before = held();
    let peak = before;
    let writes = 0;
    const rows = await writeDayLogCsv(ownDayLogSource({ db: temp.db, currency: 'INR' }, { date: DATE }), {
      async write(text) {
        writes += 1;
        await sink.write(text);
        // What the heap holds, every tenth page (a collection each time would be slow).
        if (writes % 10 === 5) peak = Math.max(peak, held());
      },
    });
    await finish(out);
    expect(rows).toBe(ROWS);
    // The header, then one write a page.
    expect(writes).toBe(1 + ROWS / CSV_PAGE_ROWS);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(10 * 2 ** 20);
    // The CSV made whole holds every row as an object as well as the text, several times the file.
    // Written a page at a time, the heap holds about a page (3.4 MB with a 13 MB file).
    expect(peak - before).toBeLessThan(size / 3);
    const lines = readFileSync(file, 'utf8').split('\r\n');
    expect(lines[1]).toMatch(/^2026-11-2\dT.*,C-0100000,/);
    // Every payment once, though pages end inside runs of equal times.
    expect(new Set(lines.slice(1, -1).map((line) => line.split(',')[1])).size).toBe(ROWS);
  }, 120_000);
});
