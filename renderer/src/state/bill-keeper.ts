// Bills that survive: the bill on screen is kept on this PC a moment after each change (so a trip to
// the log, a reload or a restart brings it back), and bills are held under a label and recalled.
// Once the counter's sale has loaded, its kept bill is put back on screen if the screen is still
// empty; until then nothing is kept, so the empty bill of a loading screen never overwrites it.
import { create } from 'zustand';
import type { KeptBillAnswer } from '../../../contract/handlers';
import type { HeldBill, KeptBill } from '../../../contract/bills';
import { call } from '../api/gateway';
import { EMPTY_CART } from './cart';
import { useCartStore } from './cart-state';
import { useCheckoutStore } from './checkout-state';
import { emptyDraft } from './invoice-draft';
import { fromKept, isEmptyBill, toKept } from './kept-bill';

/** The bill is kept this long after the last change (typing a price saves once, not per key). */
export const KEEP_AFTER_MS = 400;

interface BillsState {
  /** The counter whose kept bill is restored: only its changes are kept. */
  counterId: string | null;
  held: HeldBill[];
  busy: boolean;
  error: string | null;
  /** Puts the bill on screen aside under `label`; the counter starts an empty bill. */
  hold: (label: string, totalMinor: number) => Promise<boolean>;
  /** Brings a held bill back on screen (the bill on screen must be empty). */
  recall: (heldId: string) => Promise<void>;
  clearError: () => void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let lastKept = '';
let flushing: Promise<void> = Promise.resolve();

function onScreen(): KeptBill {
  return toKept(useCheckoutStore.getState().draft, useCartStore.getState().cart);
}

function keep(counterId: string, bill: KeptBill): Promise<void> {
  const text = JSON.stringify(bill);
  if (text === lastKept) return Promise.resolve();
  lastKept = text;
  flushing = flushing.then(async () => {
    const result = await call((api) => api.billKeep({ counterId, bill }));
    if (!result.ok) lastKept = '';
  });
  return flushing;
}

function cancelPending(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

/** Keeps the bill on screen now if a change is waiting. */
function flush(): void {
  if (timer === null) return;
  cancelPending();
  const counterId = useBillsStore.getState().counterId;
  if (counterId !== null && useCheckoutStore.getState().invoice === null) void keep(counterId, onScreen());
}

function scheduleKeep(): void {
  const counterId = useBillsStore.getState().counterId;
  const { counterId: showing, invoice } = useCheckoutStore.getState();
  if (counterId === null || counterId !== showing || invoice !== null) return;
  cancelPending();
  timer = setTimeout(() => {
    timer = null;
    void keep(counterId, onScreen());
  }, KEEP_AFTER_MS);
}

function show(answer: KeptBillAnswer): void {
  if (!answer.bill) return;
  const { draft, cart } = fromKept(answer.bill, answer.items);
  lastKept = JSON.stringify(answer.bill);
  useCheckoutStore.setState({ draft, submitted: false, error: null, errorTarget: null });
  useCartStore.setState({ cart });
}

async function restore(counterId: string): Promise<void> {
  await flushing;
  const result = await call((api) => api.billKeptGet({ counterId }));
  const checkout = useCheckoutStore.getState();
  if (checkout.counterId !== counterId || checkout.loading) return;
  if (result.ok) {
    useBillsStore.setState({ held: result.value.held });
    if (checkout.invoice === null && isEmptyBill(onScreen())) show(result.value);
  }
  useBillsStore.setState({ counterId });
}

export const useBillsStore = create<BillsState>()((set, get) => ({
  counterId: null,
  held: [],
  busy: false,
  error: null,
  async hold(label, totalMinor) {
    const { counterId, busy } = get();
    if (counterId === null || busy || useCheckoutStore.getState().invoice !== null) return false;
    cancelPending();
    set({ busy: true, error: null });
    const bill = onScreen();
    const result = await call((api) => api.billHold({ counterId, label, totalMinor, bill }));
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error.message });
      return false;
    }
    set({ held: result.value.held });
    lastKept = JSON.stringify(toKept(emptyDraft(bill.mode), EMPTY_CART));
    await useCheckoutStore.getState().newSale();
    return true;
  },
  async recall(heldId) {
    const { counterId, busy } = get();
    if (counterId === null || busy || useCheckoutStore.getState().invoice !== null) return;
    if (!isEmptyBill(onScreen())) {
      set({ error: 'Hold or finish the bill on screen first, then recall.' });
      return;
    }
    cancelPending();
    set({ busy: true, error: null });
    const result = await call((api) => api.billRecall({ counterId, heldId }));
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error.message });
      return;
    }
    set({ held: result.value.held });
    show(result.value);
  },
  clearError() {
    set({ error: null });
  },
}));

/** Starts keeping bills (once, at start-up); returns the stop. */
export function keepBills(): () => void {
  const stopCheckout = useCheckoutStore.subscribe((state, prev) => {
    if (state.loading && !prev.loading) {
      flush();
      useBillsStore.setState({ counterId: null, held: [] });
    } else if (!state.loading && prev.loading && state.counterId !== null && state.loadError === null) {
      void restore(state.counterId);
    }
    const counterId = useBillsStore.getState().counterId;
    // The bill became an invoice: what is kept is an empty bill (the sale is in the log now).
    if (state.invoice !== null && prev.invoice === null && counterId !== null) {
      cancelPending();
      void keep(counterId, toKept(emptyDraft(state.draft.mode), EMPTY_CART));
    } else if (state.draft !== prev.draft) scheduleKeep();
  });
  const stopCart = useCartStore.subscribe((state, prev) => {
    if (state.cart !== prev.cart) scheduleKeep();
  });
  return () => {
    flush();
    stopCheckout();
    stopCart();
  };
}
