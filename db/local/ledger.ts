// The day's payment log: attempts and totals for a time window, for the manager's review.
import { localDayRange } from '../../contract/calendar';
import type { AttemptState, PaymentMethod } from '../../contract/vocabulary';
import { ATTEMPT_STATES, PAYMENT_METHODS, REVIEW_STATES } from '../../contract/vocabulary';
import type { ChargeAttempt, Counter, DayLogAttempt } from '../../contract/records';
import type { CounterTotal, DayTotals } from '../../contract/answers';
import type { AttemptRow } from './attempt-queries';
import { ATTEMPTS_FROM, SELECT_ATTEMPTS, toChargeAttempt } from './attempt-queries';
import { readTaxSummary } from './invoices';
import { listCounters } from './counters';
import type { Db } from './database';
import { hourSinceOrigin, lateRows, ledgerTotals, type CounterLedger, type LateRow, type Ledger } from './ledger-totals';
import { TALLY_SLOT_MS } from './migrations/003_attempt_tallies';
import { keysetPages } from './keyset-pages';
import { prepared, rawRows, sqlLiterals } from './statements';

/**
 * Attempts created in [fromMs, toMs), optionally narrowed. Amounts are summed without regard to
 * currency: a database holds one edition's currency.
 */
export interface DayLogFilter {
  fromMs: number;
  toMs: number;
  counterId?: string;
  state?: AttemptState;
  method?: PaymentMethod;
  /** The window's local date: corrections for closed days are counted by date. */
  day?: string;
}

export interface DayLogQuery extends DayLogFilter {
  /** Part of the invoice number, case-insensitive. */
  invoiceSearch?: string;
  /** At most this many attempts, newest first (default 500). */
  limit?: number;
}

const DEFAULT_LIMIT = 500;
export const HOUR_MS = 3_600_000;

interface FilterSql {
  where: string;
  params: Record<string, string | number>;
}

/** The filters apply to the attempts themselves (`a`, by creation time) or to their tallies (`t`, by slot). */
type FilterTable = 'a' | 't';
const TIME_COLUMN: Record<FilterTable, string> = { a: 'created_at', t: 'slot_start' };

function filterSql(filter: DayLogFilter, table: FilterTable, invoiceSearch?: string): FilterSql {
  const time = `${table}.${TIME_COLUMN[table]}`;
  const conditions = [`${time} >= @fromMs`, `${time} < @toMs`];
  const params: Record<string, string | number> = { fromMs: filter.fromMs, toMs: filter.toMs };
  if (filter.counterId !== undefined) {
    conditions.push(`${table}.counter_id = @counterId`);
    params.counterId = filter.counterId;
  }
  if (filter.state !== undefined) {
    conditions.push(`${table}.state = @state`);
    params.state = filter.state;
  }
  if (filter.method !== undefined) {
    conditions.push(`${table}.method = @method`);
    params.method = filter.method;
  }
  const search = invoiceSearch?.trim();
  if (search) {
    conditions.push("i.number LIKE @invoicePattern ESCAPE '\\'");
    params.invoicePattern = `%${search.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
  }
  return { where: conditions.join(' AND '), params };
}

export function listAttemptsForDay(db: Db, query: DayLogQuery): ChargeAttempt[] {
  const { where, params } = filterSql(query, 'a', query.invoiceSearch);
  return prepared<[Record<string, string | number>], AttemptRow>(
    db,
    `${SELECT_ATTEMPTS} WHERE ${where} ORDER BY a.created_at DESC, a.rowid DESC LIMIT @limit`,
  )
    .all({ ...params, limit: query.limit ?? DEFAULT_LIMIT })
    .map(toChargeAttempt);
}

/**
 * What a page of the day's CSV reads of an attempt, in this order: the columns it writes, and its
 * invoice's number, cashier and tax summary from the same join (no second look-up per page).
 */
const CSV_ATTEMPT_COLUMNS =
  'a.rowid, a.created_at, a.id, a.invoice_id, i.number, i.cashier, a.counter_id, a.terminal_id, a.amount_minor, a.currency, a.method, a.payments_session_id, ' +
  'a.state, a.failure_code, a.failure_message, a.payment_id, a.mismatch, a.reviewed_at, a.review_note, i.taxable_minor, i.tax_minor, i.tax_by_rate';

/** A row of CSV_ATTEMPT_COLUMNS as SQLite answers it. */
type CsvAttemptRow = [
  rowid: number,
  createdAt: number,
  id: string,
  invoiceId: string,
  invoiceNumber: string,
  cashier: string | null,
  counterId: string,
  terminalId: string,
  amountMinor: number,
  currency: ChargeAttempt['currency'],
  method: PaymentMethod,
  paymentsSessionId: string | null,
  state: AttemptState,
  failureCode: string | null,
  failureMessage: string | null,
  paymentId: string | null,
  mismatch: string | null,
  reviewedAt: number | null,
  reviewNote: string | null,
  taxableMinor: number | null,
  taxMinor: number | null,
  taxByRate: string | null,
];

function toDayLogAttempt(row: CsvAttemptRow): DayLogAttempt {
  // The rowid, first, is the page's key.
  const [
    , createdAt, id, invoiceId, invoiceNumber, cashier, counterId, terminalId, amountMinor, currency, method, paymentsSessionId, state,
    failureCode, failureMessage, paymentId, mismatch, reviewedAt, reviewNote, taxableMinor, taxMinor, taxByRate,
  ] = row;
  const attempt: DayLogAttempt = {
    id,
    invoiceId,
    invoiceNumber,
    counterId,
    terminalId,
    amountMinor,
    currency,
    method,
    paymentsSessionId,
    state,
    failureCode,
    failureMessage,
    paymentId,
    mismatch,
    createdAt,
    review: reviewedAt === null ? null : { at: reviewedAt, note: reviewNote ?? '' },
    tax: readTaxSummary(taxableMinor, taxMinor, taxByRate),
  };
  if (cashier) attempt.cashier = cashier;
  return attempt;
}

/**
 * The day's attempts newest first, `size` at a time, for the CSV: keyset pages on (created_at,
 * rowid) by the created_at index, so each is read once, whatever comes in meanwhile. Each page is
 * one read of the CSV's own columns as raw rows (docs/BENCHMARKS.md: the 5,000-row CSV).
 */
export function* attemptPages(db: Db, query: DayLogFilter & { invoiceSearch?: string }, size: number): Generator<DayLogAttempt[]> {
  yield* keysetPages<CsvAttemptRow, DayLogAttempt>(
    (end) => {
      // After a page, the index range ends at its last time: no page reads the rows of those before it again.
      const { where, params } = filterSql(end === null ? query : { ...query, toMs: Math.min(query.toMs, end.at + 1) }, 'a', query.invoiceSearch);
      const select = `SELECT ${CSV_ATTEMPT_COLUMNS} ${ATTEMPTS_FROM} WHERE ${where}`;
      const order = 'ORDER BY a.created_at DESC, a.rowid DESC LIMIT @size';
      return end === null
        ? rawRows<CsvAttemptRow>(db, `${select} ${order}`, { ...params, size })
        : rawRows<CsvAttemptRow>(db, `${select} AND (a.created_at < @endAt OR a.rowid < @endKey) ${order}`, { ...params, size, endAt: end.at, endKey: end.key });
    },
    size,
    toDayLogAttempt,
    (row) => ({ at: row[1], key: row[0] }),
  );
}

/**
 * Whether a card/UPI attempt or cash sale in [fromMs, toMs) (of one counter, when given) is on an
 * invoice that names its cashier, or a refund or cash paid back names who asked for it: the day's
 * CSV then has a cashier column. Stops at the first.
 */
export function dayNamesACashier(db: Db, fromMs: number, toMs: number, counterId: string | undefined): boolean {
  const counter = counterId === undefined ? '' : ' AND x.counter_id = @counterId';
  const named = (table: string) =>
    `EXISTS (SELECT 1 FROM ${table} AS x JOIN invoices AS i ON i.id = x.invoice_id WHERE x.created_at >= @fromMs AND x.created_at < @toMs${counter} AND i.cashier IS NOT NULL)`;
  const asked = (table: string) => `EXISTS (SELECT 1 FROM ${table} AS x WHERE x.created_at >= @fromMs AND x.created_at < @toMs${counter} AND x.cashier IS NOT NULL)`;
  const row = prepared<[Record<string, string | number>], { named: number }>(
    db,
    // The day's sales are read only when some invoice names a cashier (one look in its partial index,
    // migration 032): in a shop whose bills name none, the answer costs nothing however long the day.
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM invoices WHERE cashier IS NOT NULL) THEN ${named('charge_attempts')} OR ${named('tenders')} ELSE 0 END
       OR ${asked('refunds')} OR ${asked('cash_refunds')} AS named`,
  ).get({
    fromMs,
    toMs,
    ...(counterId === undefined ? {} : { counterId }),
  });
  return row?.named === 1;
}

/** The window's attempts counted by counter, state and method. */
export interface GroupRow {
  counter_id: string;
  state: AttemptState;
  method: PaymentMethod;
  count: number;
  amount: number;
}

/** Collections in the hour `hour` of the window (0 = the hour starting at fromMs). */
export interface HourRow {
  hour: number;
  amount: number;
}

/**
 * Totals for the window: collected (card/UPI attempts that succeeded, cash sales, late successes of
 * closed days counted on this one), refunded and net, counts and amounts by state, by method, by
 * tender and by counter, and collections per hour since fromMs (index 0 is the hour starting at
 * fromMs). Attempts are read from the running tallies (migration 003), whose 15-minute slots every
 * local day of today's time zones starts and ends on; a day of long ago, in a zone whose offset was
 * then not whole quarter hours (Indian local mean time before 1906), is read as the slots its
 * bounds fall in. A state or method filter narrows to card/UPI attempts only: cash sales and
 * refunds are left out then.
 */
export function dayTotals(db: Db, filter: DayLogFilter): DayTotals {
  // Hours by the date's clock: a business day begun by the evening's close puts that evening's sales at their hour.
  const clock = filter.day === undefined ? filter : localDayRange(filter.day);
  const { groups, hours } = onSlots(filter) ? tallied(db, filter, clock.fromMs) : counted(db, filter, clock.fromMs);

  // Few rows (the day's unknown and unresolved attempts), read through the (state, created_at) index.
  const attempts = filterSql(filter, 'a');
  const awaitingReview = prepared<[Record<string, string | number>], { count: number }>(
    db,
    `SELECT count(*) AS count FROM charge_attempts AS a
     WHERE ${attempts.where} AND a.state IN (${sqlLiterals(REVIEW_STATES)}) AND a.reviewed_at IS NULL`,
  ).get(attempts.params);

  const onlyAttempts = narrowsToAttempts(filter);
  const ledger: Ledger = onlyAttempts
    ? NO_LEDGER
    : ledgerTotals(db, {
        fromMs: filter.fromMs,
        toMs: filter.toMs,
        hourOrigin: clock.fromMs,
        ...(filter.counterId === undefined ? {} : { counterId: filter.counterId }),
        ...(filter.day === undefined ? {} : { day: filter.day }),
      });
  // A closed day's rows that reached the store after its close are counted on the next open day, not here.
  const late = filter.day === undefined ? [] : lateRows(db, { fromMs: filter.fromMs, toMs: filter.toMs, day: filter.day, ...(filter.counterId === undefined ? {} : { counterId: filter.counterId }) });
  return assembleTotals(clock, { groups, hours, awaitingReview: awaitingReview?.count ?? 0, ledger, counters: listCounters(db, { includeInactive: true }), late });
}

const onSlot = (ms: number) => ms % TALLY_SLOT_MS === 0;

/** A window from midnight to midnight lies on the tallies' slots; a business day ended (or begun) by a close mostly does not. */
export function onSlots(window: Pick<DayLogFilter, 'fromMs' | 'toMs'>): boolean {
  return onSlot(window.fromMs) && onSlot(window.toMs);
}

/** The window's attempts by counter, state and method, and collections per hour, from the tallies (~100 rows a day). */
function tallied(db: Db, filter: DayLogFilter, hourOrigin: number): { groups: GroupRow[]; hours: HourRow[] } {
  const { where, params } = filterSql(filter, 't');
  const groups = prepared<[Record<string, string | number>], GroupRow>(
    db,
    `SELECT t.counter_id, t.state, t.method, sum(t.attempt_count) AS count, sum(t.amount_minor) AS amount
     FROM attempt_tallies AS t WHERE ${where} GROUP BY t.counter_id, t.state, t.method`,
  ).all(params);
  const hours = prepared<[Record<string, string | number>], HourRow>(
    db,
    `SELECT ${hourSinceOrigin('t.slot_start')} AS hour, sum(t.amount_minor) AS amount
     FROM attempt_tallies AS t WHERE ${where} AND t.state = 'succeeded' GROUP BY hour`,
  ).all({ ...params, hourOrigin });
  return { groups, hours };
}

/** The same from the attempts themselves, for a window the slots do not fit (a business day a close ended or began). */
function counted(db: Db, filter: DayLogFilter, hourOrigin: number): { groups: GroupRow[]; hours: HourRow[] } {
  const { where, params } = filterSql(filter, 'a');
  const groups = prepared<[Record<string, string | number>], GroupRow>(
    db,
    `SELECT a.counter_id, a.state, a.method, count(*) AS count, sum(a.amount_minor) AS amount
     FROM charge_attempts AS a WHERE ${where} GROUP BY a.counter_id, a.state, a.method`,
  ).all(params);
  const hours = prepared<[Record<string, string | number>], HourRow>(
    db,
    `SELECT ${hourSinceOrigin('a.created_at')} AS hour, sum(a.amount_minor) AS amount
     FROM charge_attempts AS a WHERE ${where} AND a.state = 'succeeded' GROUP BY hour`,
  ).all({ ...params, hourOrigin });
  return { groups, hours };
}

/** A state or method filter narrows the day to card/UPI attempts: cash sales, refunds and corrections are left out then. */
export function narrowsToAttempts(filter: { state?: unknown; method?: unknown }): boolean {
  return filter.state !== undefined || filter.method !== undefined;
}

/** What a day's totals are made of: the attempts' tallies, the ledger of cash, refunds and corrections, and the counters to list them by. */
export interface TotalsParts {
  groups: readonly GroupRow[];
  hours: readonly HourRow[];
  awaitingReview: number;
  ledger: Ledger;
  counters: readonly Counter[];
  /** Rows of a closed day its close did not count (lateRows): left out of the totals. */
  late?: readonly LateRow[];
}

/** A ledger with nothing in it: a state or method filter leaves cash and refunds out. */
export const NO_LEDGER: Ledger = { byCounter: new Map(), cashByHour: new Map() };

/** The day's totals from their parts (this file's, and the store's: db/store/day-attempts.ts). */
export function assembleTotals(window: Pick<DayLogFilter, 'fromMs' | 'toMs'>, parts: TotalsParts): DayTotals {
  const { awaitingReview, counters } = parts;
  const { groups, hours, ledger } = withoutLate(window, parts);
  const ledgers = [...ledger.byCounter.values()];
  const sumOf = (field: keyof CounterLedger) => ledgers.reduce((sum, entry) => sum + entry[field], 0);

  const succeeded = groups.filter((group) => group.state === 'succeeded');
  const cardUpi = countAndAmount(succeeded);
  const cash = { count: sumOf('cashCount'), amountMinor: sumOf('cashMinor') };
  const collectedMinor = cardUpi.amountMinor + cash.amountMinor + sumOf('correctedCollectedMinor');
  const refundedMinor = sumOf('refundedMinor') + sumOf('correctedRefundedMinor');

  const collectedByHour = new Array<number>(Math.max(0, Math.ceil((window.toMs - window.fromMs) / HOUR_MS))).fill(0);
  // An hour before the window's start (the evening after the day before was closed) is counted at its hour of the clock.
  const at = (hour: number) => (hour < 0 ? hour + collectedByHour.length : hour);
  for (const { hour, amount } of [...hours, ...[...ledger.cashByHour].map(([hour, amount]) => ({ hour, amount }))]) {
    const index = at(hour);
    if (index >= 0 && index < collectedByHour.length) collectedByHour[index] = (collectedByHour[index] ?? 0) + amount;
  }
  const byMethod = PAYMENT_METHODS.map((method) => ({ method, ...countAndAmount(succeeded.filter((g) => g.method === method)) }));
  return {
    collectedMinor,
    refundedMinor,
    refundsInProgressMinor: sumOf('refundsInProgressMinor'),
    netMinor: collectedMinor - refundedMinor,
    attemptCount: total(groups, 'count'),
    awaitingReview,
    byState: ATTEMPT_STATES.map((state) => ({ state, ...countAndAmount(groups.filter((g) => g.state === state)) })),
    byMethod,
    byTender: [...byMethod.map(({ method, ...rest }) => ({ tender: method, ...rest })), { tender: 'cash', ...cash }],
    byCounter: counterTotals(counters, succeeded, ledger),
    collectedByHour,
  };
}

/**
 * The parts without the closed day's late rows (their corrections count them on a later day): each
 * comes off its counter's, method's and hour's figures. A state or method filter that left a row's
 * figures out leaves nothing to take it from.
 */
function withoutLate(window: Pick<DayLogFilter, 'fromMs'>, { groups, hours, ledger, late = [] }: TotalsParts): Pick<TotalsParts, 'groups' | 'hours' | 'ledger'> {
  if (late.length === 0) return { groups, hours, ledger };
  const lessGroups = groups.map((group) => ({ ...group }));
  const lessHours = hours.map((hour) => ({ ...hour }));
  const byCounter = new Map([...ledger.byCounter].map(([id, entry]) => [id, { ...entry }]));
  const cashByHour = new Map(ledger.cashByHour);
  for (const row of late) {
    const amount = Number(row.amount);
    const hour = Math.floor((row.created_at - window.fromMs) / HOUR_MS);
    const entry = byCounter.get(row.counter_id);
    if (row.kind === 'attempt') {
      const group = lessGroups.find((g) => g.counter_id === row.counter_id && g.state === 'succeeded' && g.method === row.method);
      if (!group) continue;
      group.count = Number(group.count) - 1;
      group.amount = Number(group.amount) - amount;
      const slot = lessHours.find((h) => Number(h.hour) === hour);
      if (slot) slot.amount = Number(slot.amount) - amount;
    } else if (row.kind === 'cash' && entry) {
      entry.cashCount -= 1;
      entry.cashMinor -= amount;
      if (cashByHour.has(hour)) cashByHour.set(hour, (cashByHour.get(hour) ?? 0) - amount);
    } else if (row.kind === 'refund' && entry) {
      entry.refundedMinor -= amount;
    }
  }
  return { groups: lessGroups, hours: lessHours, ledger: { byCounter, cashByHour } };
}

/** Each counter with card/UPI takings, cash or refunds in the window, in the counters' order. */
function counterTotals(counters: readonly Counter[], succeeded: readonly GroupRow[], ledger: Ledger): CounterTotal[] {
  const present = new Set([...succeeded.map((group) => group.counter_id), ...ledger.byCounter.keys()]);
  return counters
    .filter((counter) => present.has(counter.id))
    .map((counter) => {
      const mine = succeeded.filter((group) => group.counter_id === counter.id);
      const entry = ledger.byCounter.get(counter.id);
      return {
        counterId: counter.id,
        cardMinor: total(mine.filter((g) => g.method === 'card'), 'amount'),
        upiMinor: total(mine.filter((g) => g.method === 'upi'), 'amount'),
        cashMinor: entry?.cashMinor ?? 0,
        refundedMinor: (entry?.refundedMinor ?? 0) + (entry?.correctedRefundedMinor ?? 0),
        cashExpectedMinor: (entry?.cashMinor ?? 0) - (entry?.cashRefundedMinor ?? 0),
        correctedMinor: entry?.correctedCollectedMinor ?? 0,
      };
    });
}

function total(groups: readonly GroupRow[], field: 'count' | 'amount'): number {
  return groups.reduce((sum, group) => sum + group[field], 0);
}

function countAndAmount(groups: readonly GroupRow[]): { count: number; amountMinor: number } {
  return { count: total(groups, 'count'), amountMinor: total(groups, 'amount') };
}

/** Every attempt ever made, counted by state from the tallies (run in a worker by the support bundle, over its own connection). */
export const ATTEMPTS_BY_STATE_SQL =
  'SELECT state, sum(attempt_count) AS attempts FROM attempt_tallies GROUP BY state HAVING attempts > 0 ORDER BY state';
