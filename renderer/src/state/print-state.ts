// Printing a receipt or the day's summary: what is printed (rendered for print by PrintArea), on
// which paper and which printer this PC uses (kept in this PC's storage), and how it went.
import { create } from 'zustand';
import type { DayCloseReport, Receipt, ShiftReport } from '../../../contract/answers';
import { PAPER_LAYOUTS, type PaperLayout } from '../../../preload/bridge';
import { printPage } from '../api';
import { call } from '../api/gateway';

export type PrintJob = { kind: 'receipt'; receipt: Receipt } | { kind: 'day'; report: DayCloseReport; storeName: string } | { kind: 'shift'; report: ShiftReport };

const LAYOUT_KEY = 'counter.receiptPaper';
const PRINTER_KEY = 'counter.receiptPrinter';

function readKey(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeKey(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the choice lasts for this session only.
  }
}

function storedLayout(): PaperLayout {
  const stored = readKey(LAYOUT_KEY);
  return (PAPER_LAYOUTS as readonly string[]).includes(stored ?? '') ? (stored as PaperLayout) : 'thermal';
}

interface PrintState {
  job: PrintJob | null;
  /** The paper the job is laid out for now. */
  layout: PaperLayout;
  /** This PC's receipt paper and printer (null: the system's print dialog). */
  receiptLayout: PaperLayout;
  printer: string | null;
  busy: boolean;
  error: string | null;
  notice: string | null;
  /** What the error or notice is about: the invoice id of a receipt, or `day:<date>`; a screen shows only its own. */
  about: string | null;

  setReceiptLayout: (layout: PaperLayout) => void;
  setPrinter: (printer: string | null) => void;
  /** Prints the paid invoice's receipt on this PC's paper (or `layout`). */
  printReceipt: (invoiceId: string, layout?: PaperLayout) => Promise<boolean>;
  printDay: (report: DayCloseReport) => Promise<boolean>;
  /** Prints the shift slip on this PC's receipt paper. */
  printShift: (report: ShiftReport) => Promise<boolean>;
  clearMessages: () => void;
}

/** Lets React paint the job before the page is printed. */
function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

export const usePrintStore = create<PrintState>()((set, get) => {
  const run = async (job: PrintJob, layout: PaperLayout, what: string): Promise<boolean> => {
    set({ job, layout, busy: true, error: null, notice: null });
    await nextPaint();
    try {
      const outcome = await printPage(layout, get().printer);
      set({ busy: false, notice: outcome.printed ? `${what} sent to the printer.` : `${what} was not printed${outcome.reason ? `: ${outcome.reason}` : '.'}` });
      return outcome.printed;
    } catch (error) {
      console.error('printing failed', error);
      set({ busy: false, error: `${what} could not be printed. Check the printer and try again.` });
      return false;
    }
  };

  return {
    job: null,
    layout: storedLayout(),
    receiptLayout: storedLayout(),
    printer: readKey(PRINTER_KEY),
    busy: false,
    error: null,
    notice: null,
    about: null,

    setReceiptLayout(layout) {
      writeKey(LAYOUT_KEY, layout);
      set({ receiptLayout: layout });
    },
    setPrinter(printer) {
      writeKey(PRINTER_KEY, printer);
      set({ printer });
    },

    async printReceipt(invoiceId, layout) {
      if (get().busy) return false;
      set({ busy: true, error: null, notice: null, about: invoiceId });
      const result = await call((api) => api.receiptGet({ invoiceId }));
      if (!result.ok) {
        set({ busy: false, error: result.error.message });
        return false;
      }
      return run({ kind: 'receipt', receipt: result.value }, layout ?? get().receiptLayout, `The receipt for ${result.value.invoice.number}`);
    },

    async printDay(report) {
      if (get().busy) return false;
      set({ error: null, notice: null, about: `day:${report.date}` });
      const settings = await call((api) => api.settingsGet({}));
      return run({ kind: 'day', report, storeName: settings.ok ? settings.value.storeName : '' }, 'a4', `The summary of ${report.date}`);
    },

    async printShift(report) {
      if (get().busy) return false;
      return run({ kind: 'shift', report }, get().receiptLayout, `The shift slip of ${report.counterName}`);
    },

    clearMessages() {
      set({ error: null, notice: null, about: null });
    },
  };
});
