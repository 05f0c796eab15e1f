import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DayLog } from '../../contract/answers';
import { dayLogCsvText, writeDayLogCsv, type DayLogPages, type DayLogSource } from './ledger-csv';
import { FIXTURE_BILLS, FIXTURE_COUNTERS, FIXTURE_DAY, FIXTURE_PCS } from './ledger-csv.fixture';

const golden = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** The day's records `size` at a time, each kind from its own list. */
function paged(day: DayLog, size: number): DayLogPages {
  const pages =
    <T>(list: readonly T[]) =>
    function* () {
      for (let at = 0; at < list.length; at += size) yield list.slice(at, at + size);
    };
  return { attempts: pages(day.attempts), cashSales: pages(day.cashSales), refunds: pages(day.refunds), cashRefunds: pages(day.cashRefunds), corrections: pages(day.corrections) };
}

function source(day: DayLog, size: number, store = false): DayLogSource {
  return {
    date: day.date,
    names: {
      currency: day.currency,
      counterName: (id) => FIXTURE_COUNTERS.get(id) ?? id,
      taxOf: (id) => FIXTURE_BILLS.get(id)?.totals ?? null,
      ...(store ? { pcName: (id: string) => FIXTURE_PCS.get(id) ?? id } : {}),
    },
    pages: paged(day, size),
    namesACashier: () => [...day.attempts, ...day.cashSales, ...day.refunds, ...day.cashRefunds].some((record) => record.cashier !== undefined && record.cashier !== null),
  };
}

describe('the day log CSV, written a page at a time', () => {
  it.each([1, 2, 100])('is byte for byte the CSV made in one piece before (pages of %i)', async (size) => {
    const own = await dayLogCsvText(source(FIXTURE_DAY, size));
    expect(own).toEqual({ fileName: 'payments-2026-11-22.csv', csv: golden('day-log.csv'), rowCount: 12 });
    expect((await dayLogCsvText(source(FIXTURE_DAY, size, true))).csv).toBe(golden('store-day-log.csv'));
  });

  it('has no cashier column when no sale of the day names one', async () => {
    const unnamed = <T extends { cashier?: string }>({ cashier: _cashier, ...record }: T) => record;
    const day = { ...FIXTURE_DAY, attempts: FIXTURE_DAY.attempts.map(unnamed), cashSales: FIXTURE_DAY.cashSales.map(unnamed) };
    expect((await dayLogCsvText(source(day, 2))).csv).toBe(golden('day-log-no-cashier.csv'));
  });

  it('hands each page to the file before the next is read', async () => {
    const written: string[] = [];
    const read: number[] = [];
    const day = source(FIXTURE_DAY, 2);
    const attempts = day.pages.attempts;
    day.pages.attempts = async function* () {
      for await (const page of attempts()) {
        read.push(written.length);
        yield page;
      }
    };
    await writeDayLogCsv(day, { write: (text) => void written.push(text) });
    // The header first, then a write per page: each page is read after the one before is written.
    expect(read).toEqual([1, 2, 3]);
  });

  it('reads the next page while a page is being written, with never more than one write waiting', async () => {
    const events: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const day = source(FIXTURE_DAY, 2);
    const attempts = day.pages.attempts;
    day.pages.attempts = async function* () {
      for await (const page of attempts()) {
        events.push(`read (${inFlight} writing)`);
        yield page;
      }
    };
    const rows = await writeDayLogCsv(day, {
      async write() {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
      },
    });
    expect(rows).toBe(12);
    expect(mostInFlight).toBe(1);
    // Each page after the first is read while the page before it (or the header) is still being written.
    expect(events).toEqual(['read (1 writing)', 'read (1 writing)', 'read (1 writing)']);
  });

  it('fails when a write fails part-way, with nothing written after it', async () => {
    const written: string[] = [];
    const failing = writeDayLogCsv(source(FIXTURE_DAY, 2), {
      async write(text) {
        if (written.length === 2) throw new Error('disk full');
        await new Promise((resolve) => setTimeout(resolve, 1));
        written.push(text);
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(written).toHaveLength(2);
  });
});
