// The fields a refund is typed in, the same for a card/UPI refund (RefundForm) and cash paid back
// (CashRefundForm): the amount, as typed, and the reason.
import { REFUND_REASONS, type RefundReason } from '../../../../contract/vocabulary';
import { Field } from '../../components/Field';
import { REFUND_REASON_LABELS } from '../../format/labels';

export function RefundAmountField(props: { label: string; hint: string; error: string | null | undefined; amount: string; onAmount: (typed: string) => void }) {
  return (
    <Field label={props.label} error={props.error ?? null} hint={props.hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input input-money"
          inputMode="decimal"
          autoComplete="off"
          value={props.amount}
          onChange={(event) => props.onAmount(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </Field>
  );
}

export function RefundReasonField(props: { reason: RefundReason; onReason: (reason: RefundReason) => void; error?: string | null | undefined }) {
  return (
    <Field label="Reason" error={props.error ?? null}>
      {({ id, describedBy, invalid }) => (
        <select id={id} className="input" value={props.reason} onChange={(event) => props.onReason(event.target.value as RefundReason)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
          {REFUND_REASONS.map((value) => (
            <option key={value} value={value}>
              {REFUND_REASON_LABELS[value]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
