import { useCheckoutStore } from '../../../state/checkout-state';
import type { DraftMode } from '../../../state/invoice-draft';

const MODES: readonly { mode: DraftMode; label: string }[] = [
  { mode: 'items', label: 'Items' },
  { mode: 'amount', label: 'Single amount' },
  { mode: 'checkout', label: 'Catalogue' },
];

/** Bill as a list of items or as one amount. */
export function ModeSwitch({ mode, disabled }: { mode: DraftMode; disabled: boolean }) {
  const { setMode } = useCheckoutStore.getState();
  return (
    <fieldset className="segmented" disabled={disabled}>
      <legend className="visually-hidden">Bill as</legend>
      {MODES.map((option) => (
        <label key={option.mode} className={mode === option.mode ? 'segment segment-on' : 'segment'}>
          <input type="radio" name="draft-mode" checked={mode === option.mode} onChange={() => setMode(option.mode)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
