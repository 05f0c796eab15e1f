// Keyboard shortcuts on the window, and where a key press happened.
import { useCallback, useEffect } from 'react';

/** Calls `handler` for every keydown on the window while mounted. */
export function useWindowKeydown(handler: (event: KeyboardEvent) => void): void {
  useEffect(() => {
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [handler]);
}

/** Calls `onEscape` when Escape is pressed anywhere while mounted (a side panel closes). */
export function useEscapeKey(onEscape: () => void): void {
  const handler = useCallback(
    (event: KeyboardEvent) => {
      if (event.key === 'Escape') onEscape();
    },
    [onEscape],
  );
  useWindowKeydown(handler);
}

/** Whether a key event happened while typing in a field (so plain keys belong to the field). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** Whether the key event's target is something Enter already activates (button, link). */
export function isActivatableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.closest('button, a, [role="button"], [role="tab"], summary') !== null;
}
