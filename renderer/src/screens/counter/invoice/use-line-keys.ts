import { useEffect, useState, type KeyboardEvent } from 'react';
import { useCheckoutStore } from '../../../state/checkout-state';
import type { DraftLine } from '../../../state/invoice-draft';

/** The id of a row's description input, where the cursor lands on a new row. */
export function descriptionId(lineKey: string): string {
  return `desc-${lineKey}`;
}

/** Moving through the item rows: Enter goes to the next row (adding one at the end); Ctrl+Enter is left to the Charge shortcut. */
export function useLineKeys(lines: readonly DraftLine[]) {
  const { addLine } = useCheckoutStore.getState();
  const [focusKey, setFocusKey] = useState<string | null>(null);

  useEffect(() => {
    if (!focusKey) return;
    document.getElementById(descriptionId(focusKey))?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const addAndFocus = () => setFocusKey(addLine());

  const onLineKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const next = lines[index + 1];
    if (next) setFocusKey(next.key);
    else addAndFocus();
  };

  return { addAndFocus, onLineKeyDown };
}
