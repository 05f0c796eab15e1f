// The fields a refund is typed in, the same for a card/UPI refund (RefundForm) and cash paid back
// (CashRefundForm): the amount, as typed, and the reason; and the confirmation that names what goes
// back before anything is recorded.
import type { ReactNode } from 'react';
import { REFUND_REASONS, type RefundReason } from '../../../../contract/vocabulary';
import { Field, Message } from '../../components/Field';
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

/** The last step of a refund: what goes back, to whom and why, then "Yes, …" or back to the form. */
export function RefundConfirmation(props: {
  formId: string;
  /** Extra class for where it stands (the cash form's box). */
  className?: string;
  title: string;
  children: ReactNode;
  error: string | null | undefined;
  busy: boolean;
  confirmLabel: string;
  busyLabel: string;
  onConfirm: () => void;
  onBack: () => void;
}) {
  return (
    <section className={props.className ? `refund-confirm ${props.className}` : 'refund-confirm'} role="alertdialog" aria-labelledby={`${props.formId}-confirm`} aria-describedby={`${props.formId}-confirm-what`}>
      <h4 id={`${props.formId}-confirm`}>{props.title}</h4>
      <p id={`${props.formId}-confirm-what`}>{props.children}</p>
      {props.error ? <Message kind="error">{props.error}</Message> : null}
      <div className="refund-confirm-actions">
        <button type="button" className="btn btn-danger" disabled={props.busy} onClick={props.onConfirm} autoFocus>
          {props.busy ? props.busyLabel : props.confirmLabel}
        </button>
        <button type="button" className="btn btn-secondary" disabled={props.busy} onClick={props.onBack}>
          Change the refund
        </button>
      </div>
    </section>
  );
}
