// The counter's shift: the drawer opened with a float, cash in and out with a reason, and the close
// with the cash counted. Amounts are typed as the cashier writes them ("2000", "450.50") and parsed
// exactly here; a refusal is kept with the field it names, for the form to show beside it.
import { create } from 'zustand';
import type { ShiftReport } from '../../../contract/answers';
import { parseAmount } from '../../../contract/money';
import type { AppError, Result } from '../../../contract/result';
import { call } from '../api/gateway';

export type ShiftForm = 'open' | 'move' | 'close';

interface ShiftState {
  counterId: string | null;
  /** The open shift, or the one just closed (to read its over/short and print its slip). */
  report: ShiftReport | null;
  loading: boolean;
  busy: ShiftForm | null;
  error: (AppError & { form: ShiftForm }) | null;
  load: (counterId: string) => Promise<void>;
  /** `name`: the name typed, or null where a cashier is signed in (the backend names them). */
  open: (name: string | null, floatText: string) => Promise<boolean>;
  move: (kind: 'in' | 'out', amountText: string, note: string, name: string | null) => Promise<boolean>;
  close: (countedText: string, name: string | null) => Promise<boolean>;
  /** Done with a closed shift's figures: back to opening the next one. */
  dismissClosed: () => void;
}

export const useShiftStore = create<ShiftState>()((set, get) => {
  /** The amount typed, or a refusal at `field` (nothing is sent). */
  const amount = (form: ShiftForm, text: string, field: string, label: string, allowZero: boolean): number | null => {
    const parsed = parseAmount(text);
    if (parsed.ok && (allowZero || parsed.value > 0)) return parsed.value;
    const message = parsed.ok ? `${label} must be more than zero.` : `${label}: ${parsed.message}`;
    set({ error: { code: 'invalid_input', message, field, form } });
    return null;
  };

  const send = async (form: ShiftForm, request: () => Promise<Result<ShiftReport>>): Promise<boolean> => {
    const counterId = get().counterId;
    if (!counterId || get().busy) return false;
    set({ busy: form, error: null });
    const result = await call(request);
    if (get().counterId !== counterId) return false;
    set({ busy: null });
    if (!result.ok) {
      set({ error: { ...result.error, form } });
      return false;
    }
    set({ report: result.value });
    return true;
  };

  return {
    counterId: null,
    report: null,
    loading: false,
    busy: null,
    error: null,

    async load(counterId) {
      set({ counterId, loading: true, error: null, report: get().counterId === counterId ? get().report : null });
      const result = await call((api) => api.shiftCurrent({ counterId }));
      if (get().counterId !== counterId) return;
      // A shift just closed stays on screen (its over/short) until dismissed.
      const keep = get().report?.shift.close ? get().report : null;
      if (result.ok) set({ loading: false, report: result.value.report ?? keep });
      else set({ loading: false, error: { ...result.error, form: 'open' } });
    },

    async open(name, floatText) {
      const floatMinor = amount('open', floatText, 'floatMinor', 'Opening float', true);
      const counterId = get().counterId;
      if (floatMinor === null || !counterId) return false;
      return send('open', () => call((api) => api.shiftOpen({ counterId, floatMinor, ...(name === null ? {} : { openedBy: name }) })));
    },

    async move(kind, amountText, note, name) {
      const amountMinor = amount('move', amountText, 'amountMinor', 'Amount', false);
      const shiftId = get().report?.shift.id;
      if (amountMinor === null || !shiftId) return false;
      return send('move', () => call((api) => api.shiftCashMove({ shiftId, kind, amountMinor, note, ...(name === null ? {} : { by: name }) })));
    },

    async close(countedText, name) {
      const countedMinor = amount('close', countedText, 'countedMinor', 'Counted cash', true);
      const shiftId = get().report?.shift.id;
      if (countedMinor === null || !shiftId) return false;
      return send('close', () => call((api) => api.shiftClose({ shiftId, countedMinor, ...(name === null ? {} : { closedBy: name }) })));
    },

    dismissClosed() {
      if (get().report?.shift.close) set({ report: null, error: null });
    },
  };
});
