// A keyboard-wedge barcode scanner types its code as fast keystrokes ending in Enter, wherever the
// focus is. Keys closer together than SCAN_GAP_MS, at least SCAN_MIN_LENGTH of them, then Enter, are
// a scan: the Enter goes no further, and the field that had the focus gets back the text it held
// before the first of them (the scanner's characters are not the cashier's typing).
import { useEffect } from 'react';

/**
 * People type a key every 100 ms or more (a fast typist's bursts, about 60 ms); scanners send one
 * every few milliseconds, but a busy page may receive them up to a few tens of milliseconds apart.
 */
export const SCAN_GAP_MS = 50;
export const SCAN_MIN_LENGTH = 4;

export function useScanner(onScan: (code: string) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    let code = '';
    let lastAt = 0;
    let field: { element: HTMLInputElement; value: string } | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      const now = event.timeStamp;
      const fast = now - lastAt < SCAN_GAP_MS;
      if (event.key === 'Enter') {
        if (fast && code.length >= SCAN_MIN_LENGTH) {
          event.preventDefault();
          event.stopPropagation();
          if (field) restore(field.element, field.value);
          onScan(code);
        }
        code = '';
        field = null;
        return;
      }
      if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) {
        code = '';
        return;
      }
      if (!fast) {
        code = '';
        const focused = document.activeElement;
        field = focused instanceof HTMLInputElement ? { element: focused, value: focused.value } : null;
      }
      code += event.key;
      lastAt = now;
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [onScan, enabled]);
}

/** Puts a React-controlled input's value back, as if typed (React listens for the input event). */
function restore(element: HTMLInputElement, value: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  descriptor?.set?.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}
