// The checkout's cart at this counter: items scanned or found by type-ahead, their quantities and
// discounts, the bill discount, the place of supply and a B2B customer; and the store's tax settings
// the bill is worked out with.
import { create } from 'zustand';
import type { CatalogueItem, TaxSettings } from '../../../contract/catalogue/records';
import { call } from '../api/gateway';
import { addToCart, EMPTY_CART, type Cart, type CartLine } from './cart';

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
  /** The line last added, so the screen can show it. */
  lastKey: string | null;
  loadTax: () => Promise<void>;
  search: (query: string) => Promise<void>;
  move: (step: 1 | -1) => void;
  /** Adds the highlighted result (Enter) and clears the search. */
  choose: (index?: number) => void;
  scan: (code: string) => Promise<void>;
  updateLine: (key: string, patch: Partial<Pick<CartLine, 'quantity' | 'discount'>>) => void;
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
    const added = cart.lines.find((line) => line.item.id === item.id && (line.key === key || line.quantity !== '1'));
    set({ cart, lastKey: added?.key ?? key, notice: null });
  };
  return {
    cart: EMPTY_CART,
    tax: null,
    query: '',
    results: [],
    active: 0,
    notice: null,
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
      const result = await call((api) => api.catalogueBarcode({ barcode: code }));
      if (!result.ok) set({ notice: `Barcode ${code}: ${result.error.message}` });
      else if (!result.value.item) set({ notice: `Barcode ${code} is not in the catalogue. Use the Items tab for a line typed by hand.` });
      else add(result.value.item);
    },
    updateLine(key, patch) {
      const { cart } = get();
      set({ cart: { ...cart, lines: cart.lines.map((line) => (line.key === key ? { ...line, ...patch } : line)) } });
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
      set({ cart: EMPTY_CART, query: '', results: [], active: 0, notice: null, lastKey: null });
    },
  };
});
