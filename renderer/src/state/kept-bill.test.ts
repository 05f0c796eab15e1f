import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../contract/catalogue/records';
import { addFreeLine, addToCart, EMPTY_CART } from './cart';
import { emptyDraft } from './invoice-draft';
import { fromKept, toKept } from './kept-bill';

const tea = { id: 'tea', name: 'Tea 250 g', unit: 'piece' } as unknown as CatalogueItem;

describe('a kept bill', () => {
  it('brings back catalogue lines and lines typed by hand as they were typed; an item gone from the catalogue is dropped', () => {
    let cart = addToCart(EMPTY_CART, tea, 'k1');
    cart = addFreeLine(cart, 'k2');
    const typed = cart.lines[1];
    if (!typed || typed.item !== null) throw new Error('no typed line');
    cart = { ...cart, lines: [cart.lines[0], { ...typed, free: { description: 'Loose sugar', price: '45.50', rate: '5' }, quantity: '2' }].filter((l) => l !== undefined) };
    const kept = toKept(emptyDraft('checkout'), cart);
    expect(kept.cart.lines).toEqual([
      { itemId: 'tea', quantity: '1', discount: '' },
      { typed: { description: 'Loose sugar', price: '45.50', rate: '5' }, quantity: '2', discount: '' },
    ]);
    const back = fromKept(kept, [tea]).cart.lines.map(({ item, free, quantity }) => ({ item: item?.id ?? null, free, quantity }));
    expect(back).toEqual([
      { item: 'tea', free: undefined, quantity: '1' },
      { item: null, free: { description: 'Loose sugar', price: '45.50', rate: '5' }, quantity: '2' },
    ]);
    expect(fromKept(kept, []).cart.lines.map((line) => line.item?.id ?? line.free?.description)).toEqual(['Loose sugar']);
  });
});
