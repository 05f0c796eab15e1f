// The day's payment log: filters, the day's attempts, cash sales, refunds and totals, one attempt's
// history with its refunds, and the day close's report.
import { create } from 'zustand';
import type { AttemptState, PaymentMethod } from '../../../contract/vocabulary';
import type { AttemptEvent, ChargeAttempt, Refund, RefundWithEvents } from '../../../contract/records';
import type { AppError } from '../../../contract/result';
import { DAY_LOG_MAX_ROWS, DAY_LOG_PAGE, type CsvExport, type DayCloseReport, type DayLog } from '../../../contract/answers';
import { returnableLines, type ReturnableLine } from '../../../contract/refund-rules';
import { saveCsv, saveDayCsv } from '../api';
import { call } from '../api/gateway';
import { stateLabel } from '../format/labels';
import { localDate } from '../../../contract/calendar';

export interface LogFilters {
  date: string;
  /** Store mode: one PC's payments ('' = the whole store). */
  stationId: string;
  counterId: string;
  state: AttemptState | '';
  method: PaymentMethod | '';
  search: string;
}

interface LogState {
  filters: LogFilters;
  log: DayLog | null;
  /** How many of the day's attempts to list: a page, and another with each "Show more". */
  rows: number;
  loading: boolean;
  error: AppError | null;
  selectedId: string | null;
  events: AttemptEvent[] | null;
  eventsError: string | null;
  /** The selected attempt's refunds, each with its history. */
  refunds: RefundWithEvents[] | null;
  /** The selected payment's goods, for a return by item and quantity (null: not loaded or none). */
  goods: ReturnableLine[] | null;
  /** The day close's report while its panel is open. */
  closeReport: DayCloseReport | null;
  closeOpen: boolean;
  closeError: string | null;
  /** What saving the day's tax summary came to. */
  closeNotice: string | null;
  busy: null | 'export' | 'recheck';
  notice: string | null;

  load: () => Promise<void>;
  showMore: () => Promise<void>;
  setFilters: (patch: Partial<LogFilters>) => void;
  resetFilters: () => void;
  select: (attemptId: string | null) => Promise<void>;
  recheck: (attemptId: string) => Promise<void>;
  exportCsv: () => Promise<void>;
  /** Saves the open day close's HSN-wise and rate-wise tax summary as CSV. */
  saveTaxSummary: () => Promise<void>;
  applyAttempt: (attempt: ChargeAttempt) => void;
  applyRefund: (refund: Refund) => void;
  recheckRefund: (refundId: string) => Promise<void>;
  /** Cash sales, refunds or a day close changed the day: read it again. */
  ledgerChanged: () => void;
  openClose: () => Promise<void>;
  closeClosePanel: () => void;
  loadCloseReport: () => Promise<void>;
}

const EXPORT_CANCELLED = 'Export cancelled: no file was saved.';
const CSV_NOT_SAVED: AppError = { code: 'internal', message: 'The CSV file could not be saved.' };

/** Saves a CSV through the desktop's save dialog: what to tell the user (`done` once saved), or what went wrong. */
async function saveExport(file: CsvExport, done: string): Promise<{ notice: string } | { error: AppError }> {
  try {
    const saved = await saveCsv(file.fileName, file.csv);
    return { notice: saved ? done : EXPORT_CANCELLED };
  } catch (error) {
    console.error('saving the CSV failed', error);
    return { error: CSV_NOT_SAVED };
  }
}

/** Whether anything narrows the day's list (the day itself does not count). */
export function filtersApplied(filters: LogFilters): boolean {
  return filters.stationId !== '' || filters.counterId !== '' || filters.state !== '' || filters.method !== '' || filters.search.trim() !== '';
}

function filterInput(filters: LogFilters) {
  return {
    date: filters.date,
    ...(filters.stationId ? { stationId: filters.stationId } : {}),
    ...(filters.counterId ? { counterId: filters.counterId } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.method ? { method: filters.method } : {}),
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
  };
}

let requestSeq = 0;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
let active = false;

export const useLogStore = create<LogState>()((set, get) => {
  const loadEvents = async (attemptId: string) => {
    const result = await call((api) => api.attemptEvents({ attemptId }));
    if (get().selectedId !== attemptId) return;
    if (result.ok) set({ events: result.value, eventsError: null });
    else set({ eventsError: result.error.message });
  };

  const loadRefunds = async (attemptId: string) => {
    const result = await call((api) => api.refundList({ attemptId }));
    if (get().selectedId !== attemptId) return;
    if (result.ok) set({ refunds: result.value });
  };

  const loadGoods = async (invoiceId: string, attemptId: string) => {
    const result = await call((api) => api.receiptGet({ invoiceId }));
    if (get().selectedId !== attemptId) return;
    if (result.ok) set({ goods: returnableLines(result.value) });
  };

  const scheduleReload = (delay: number) => {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void get().load();
    }, delay);
  };

  return {
    filters: { date: localDate(Date.now()), stationId: '', counterId: '', state: '', method: '', search: '' },
    log: null,
    rows: DAY_LOG_PAGE,
    loading: false,
    error: null,
    selectedId: null,
    events: null,
    eventsError: null,
    refunds: null,
    goods: null,
    closeReport: null,
    closeOpen: false,
    closeError: null,
    closeNotice: null,
    busy: null,
    notice: null,

    async load() {
      const seq = ++requestSeq;
      set({ loading: true });
      const result = await call((api) => api.logDay({ ...filterInput(get().filters), rows: get().rows }));
      if (seq !== requestSeq) return;
      if (result.ok) set({ log: result.value, loading: false, error: null });
      else set({ loading: false, error: result.error });
    },

    async showMore() {
      set({ rows: Math.min(DAY_LOG_MAX_ROWS, get().rows + DAY_LOG_PAGE) });
      await get().load();
    },

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch }, rows: DAY_LOG_PAGE, notice: null });
      // Typing in the search box waits for a pause; other filters apply at once.
      scheduleReload('search' in patch ? 250 : 0);
      if ('date' in patch && get().closeOpen) void get().loadCloseReport();
    },

    resetFilters() {
      set({ filters: { ...get().filters, stationId: '', counterId: '', state: '', method: '', search: '' }, rows: DAY_LOG_PAGE });
      scheduleReload(0);
    },

    async select(attemptId) {
      set({ selectedId: attemptId, events: null, eventsError: null, refunds: null, goods: null, ...(attemptId ? { closeOpen: false } : {}) });
      const paid = get().log?.attempts.find((attempt) => attempt.id === attemptId && attempt.state === 'succeeded');
      if (attemptId) await Promise.all([loadEvents(attemptId), loadRefunds(attemptId), paid ? loadGoods(paid.invoiceId, attemptId) : null]);
    },

    async recheck(attemptId) {
      if (get().busy) return;
      set({ busy: 'recheck', notice: null, error: null });
      const result = await call((api) => api.chargeRecheck({ attemptId }));
      set({ busy: null });
      if (!result.ok) {
        set({ error: result.error });
        return;
      }
      get().applyAttempt(result.value);
      set({ notice: `Checked with Zoho: invoice ${result.value.invoiceNumber} is “${stateLabel(result.value.state)}”.` });
    },

    async exportCsv() {
      if (get().busy) return;
      set({ busy: 'export', notice: null, error: null });
      try {
        const result = await saveDayCsv(filterInput(get().filters));
        if (!result.ok) {
          set({ busy: null, error: result.error });
          return;
        }
        const { saved, rowCount: rows, fileName } = result.value;
        set({ busy: null, notice: saved ? `Exported ${rows} ${rows === 1 ? 'payment' : 'payments'} to ${fileName}.` : EXPORT_CANCELLED });
      } catch (error) {
        console.error('saving the CSV failed', error);
        set({ busy: null, error: CSV_NOT_SAVED });
      }
    },

    async saveTaxSummary() {
      const tax = get().closeReport?.taxSummary;
      if (get().busy || !tax) return;
      set({ busy: 'export', closeNotice: null });
      const saved = await saveExport(tax.csv, `Saved the tax summary to ${tax.csv.fileName}.`);
      set({ busy: null, ...('error' in saved ? { closeError: saved.error.message } : { closeNotice: saved.notice }) });
    },

    applyRefund(refund) {
      if (refund.attemptId === get().selectedId) void loadRefunds(refund.attemptId);
      if (active && get().log) scheduleReload(400);
    },

    async recheckRefund(refundId) {
      if (get().busy) return;
      set({ busy: 'recheck', notice: null, error: null });
      const result = await call((api) => api.refundRecheck({ refundId }));
      set({ busy: null });
      if (!result.ok) set({ error: result.error });
      else get().applyRefund(result.value);
    },

    ledgerChanged() {
      if (active && get().log) scheduleReload(200);
      if (get().closeOpen) void get().loadCloseReport();
    },

    async openClose() {
      set({ closeOpen: true, closeNotice: null, selectedId: null, events: null, refunds: null });
      await get().loadCloseReport();
    },

    closeClosePanel() {
      set({ closeOpen: false });
    },

    async loadCloseReport() {
      const date = get().filters.date;
      const result = await call((api) => api.dayCloseReport({ date }));
      if (!get().closeOpen || get().filters.date !== date) return;
      if (result.ok) set({ closeReport: result.value, closeError: null });
      else set({ closeError: result.error.message });
    },

    applyAttempt(attempt) {
      const { log, selectedId } = get();
      if (attempt.id === selectedId) void loadEvents(attempt.id);
      if (!active || !log) return;
      if (localDate(attempt.createdAt) !== get().filters.date) return;
      scheduleReload(400);
    },
  };
});

/** The log only reloads on events while it is on screen. */
export function setLogActive(on: boolean): void {
  active = on;
}

/** Reloads the log if it is on screen. */
export function reloadLogSoon(): void {
  if (active && useLogStore.getState().log) void useLogStore.getState().load();
}
