import { useCheckoutStore } from '../../../state/checkout-state';
import type { CheckedDraft } from '../../../state/invoice-draft';

/** A field's message by its draft key: the backend's refusal when aimed at it, else the draft's own check once Charge was pressed. */
export type ErrorFor = (key: string) => string | undefined;

export function useDraftErrors(checked: CheckedDraft): ErrorFor {
  const submitted = useCheckoutStore((s) => s.submitted);
  const error = useCheckoutStore((s) => s.error);
  const errorTarget = useCheckoutStore((s) => s.errorTarget);
  return (key) => {
    if (error && errorTarget === key) return error.message;
    return submitted ? checked.errors[key] : undefined;
  };
}
