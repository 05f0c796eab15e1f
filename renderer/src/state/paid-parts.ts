// The parts that paid a split sale, as its receipt lists them (cash, card, UPI, in the order paid):
// the paid panel shows each, whether the sale was just finished here or brought back by a reload.
import { create } from 'zustand';
import type { ReceiptPart } from '../../../contract/answers';
import { call } from '../api/gateway';

interface PaidPartsState {
  invoiceId: string | null;
  /** The invoice's parts; null while being read (or if they could not be). */
  parts: ReceiptPart[] | null;
  load: (invoiceId: string) => Promise<void>;
}

export const usePaidParts = create<PaidPartsState>()((set, get) => ({
  invoiceId: null,
  parts: null,
  async load(invoiceId) {
    set({ invoiceId, parts: null });
    const result = await call((api) => api.receiptGet({ invoiceId }));
    if (get().invoiceId === invoiceId && result.ok) set({ parts: result.value.parts });
  },
}));
