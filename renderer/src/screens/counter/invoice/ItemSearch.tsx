import { memo, type KeyboardEvent } from 'react';
import { formatMoney } from '../../../../../contract/money';
import type { Currency } from '../../../../../contract/vocabulary';
import { useCartStore } from '../../../state/cart-state';

/**
 * Type-ahead over the catalogue: name, SKU or barcode; arrow keys move, Enter adds, Escape clears.
 * Memoised: a scan changes the cart, not the search or its results.
 */
export const ItemSearch = memo(function ItemSearch({ currency, disabled }: { currency: Currency; disabled: boolean }) {
  const query = useCartStore((s) => s.query);
  const results = useCartStore((s) => s.results);
  const active = useCartStore((s) => s.active);
  const { search, move, choose } = useCartStore.getState();
  const open = results.length > 0;
  const optionId = (index: number) => `item-option-${index}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose();
    } else if (event.key === 'Escape') {
      void search('');
    }
  };

  return (
    <div className="item-search">
      <label htmlFor="item-search-input">Find an item</label>
      <input
        id="item-search-input"
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls="item-search-results"
        aria-autocomplete="list"
        aria-activedescendant={open ? optionId(active) : undefined}
        value={query}
        placeholder="Name, SKU or barcode (or scan)"
        onChange={(e) => void search(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
      />
      <ul id="item-search-results" role="listbox" aria-label="Matching items" className="item-search-results" hidden={!open}>
        {results.map((item, index) => (
          // Keyboard use is through the combobox above (arrow keys, Enter); a click chooses too.
          <li
            key={item.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'item-option item-option-active' : 'item-option'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(index)}
          >
            <span className="item-option-name">{item.name}</span>
            <span className="item-option-sku">{item.sku}</span>
            <span className="item-option-price">{formatMoney(item.priceMinor, currency)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});
