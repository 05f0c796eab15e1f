// The checkout's cart at this counter: items scanned or found by type-ahead, their quantities and
// discounts, the bill discount, the place of supply and a B2B customer; and the store's tax settings
// the bill is worked out with.
import { create } from 'zustand';
import type { CatalogueItem, TaxSettings } from '../../../contract/catalogue/records';
import { call } from '../api/gateway';
import { addFreeLine, addToCart, EMPTY_CART, type Cart, type CartLine, type FreeText } from './cart';

const RESULTS = 8;
/** The search waits this long after a key for the next one: a scanner's burst of keys asks nothing until it ends. */
const SEARCH_PAUSE_MS = 60;

interface CartState {
  cart: Cart;
  tax: TaxSettings | null;
  query: string;
  results: CatalogueItem[];
  /** The highlighted result (arrow keys). */
  active: number;
  /** What the cashier is told after a scan or a search: an unknown code, a failed lookup. */
  notice: string | null;
  /** The barcode just scanned that is not in the catalogue: the screen offers a line typed by hand for it. */
  unknownBarcode: string | null;
  /** The line last added, so the screen can show it. */
  lastKey: string | null;
  loadTax: () => Promise<void>;
  search: (query: string) => Promise<void>;
  move: (step: 1 | -1) => void;
  /** Adds the highlighted result (Enter) and clears the search. */
  choose: (index?: number) => void;
  scan: (code: string) => Promise<void>;
  /** A line typed by hand (for an unknown barcode, or any time). */
  addFree: () => void;
  updateLine: (key: string, patch: Partial<Pick<CartLine, 'quantity' | 'discount'>>) => void;
  updateFree: (key: string, patch: Partial<FreeText>) => void;
  removeLine: (key: string) => void;
  set: (patch: Partial<Pick<Cart, 'billDiscount' | 'placeOfSupply' | 'customerGstin' | 'customerName'>>) => void;
  clear: () => void;
}

let nextKey = 0;
let searchSeq = 0;
const newKey = () => {
  nextKey += 1;
  return `cart-${nextKey}`;
};

export const useCartStore = create<CartState>()((set, get) => {
  const add = (item: CatalogueItem) => {
    const key = newKey();
    const cart = addToCart(get().cart, item, key);
    const added = cart.lines.find((line) => line.item?.id === item.id && (line.key === key || line.quantity !== '1'));
    set({ cart, lastKey: added?.key ?? key, notice: null, unknownBarcode: null });
  };
  return {
    cart: EMPTY_CART,
    tax: null,
    query: '',
    results: [],
    active: 0,
    notice: null,
    unknownBarcode: null,
    lastKey: null,
    async loadTax() {
      const result = await call((api) => api.taxSettingsGet({}));
      if (result.ok) set({ tax: result.value });
    },
    async search(query) {
      searchSeq += 1;
      const seq = searchSeq;
      set({ query, active: 0 });
      if (query.trim() === '') {
        set({ results: [] });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, SEARCH_PAUSE_MS));
      if (seq !== searchSeq) return; // another key came: search for the longer text instead
      const result = await call((api) => api.catalogueSearch({ query, limit: RESULTS }));
      if (seq !== searchSeq) return; // a newer keystroke's answer wins
      set(result.ok ? { results: result.value, notice: null } : { results: [], notice: result.error.message });
    },
    move(step) {
      const { results, active } = get();
      if (results.length === 0) return;
      set({ active: (active + step + results.length) % results.length });
    },
    choose(index) {
      const { results, active } = get();
      const item = results[index ?? active];
      if (!item) return;
      searchSeq += 1;
      add(item);
      set({ query: '', results: [], active: 0 });
    },
    async scan(code) {
      // One more of an item already on the bill needs no lookup: the line holds the item.
      const onBill = get().cart.lines.find((line) => line.item?.barcodes.includes(code))?.item;
      if (onBill) return add(onBill);
      const result = await call((api) => api.catalogueBarcode({ barcode: code }));
      if (!result.ok) set({ notice: `Barcode ${code}: ${result.error.message}`, unknownBarcode: null });
      else if (!result.value.item) set({ notice: `Barcode ${code} is not in the catalogue.`, unknownBarcode: code });
      else add(result.value.item);
    },
    addFree() {
      const key = newKey();
      set({ cart: addFreeLine(get().cart, key), lastKey: key, notice: null, unknownBarcode: null });
    },
    updateLine(key, patch) {
      const { cart } = get();
      set({ cart: { ...cart, lines: cart.lines.map((line) => (line.key === key ? { ...line, ...patch } : line)) } });
    },
    updateFree(key, patch) {
      const { cart } = get();
      set({ cart: { ...cart, lines: cart.lines.map((line) => (line.key === key && line.free ? { ...line, free: { ...line.free, ...patch } } : line)) } });
    },
    removeLine(key) {
      const { cart } = get();
      set({ cart: { ...cart, lines: cart.lines.filter((line) => line.key !== key) } });
    },
    set(patch) {
      set({ cart: { ...get().cart, ...patch } });
    },
    clear() {
      searchSeq += 1;
      set({ cart: EMPTY_CART, query: '', results: [], active: 0, notice: null, unknownBarcode: null, lastKey: null });
    },
  };
});
