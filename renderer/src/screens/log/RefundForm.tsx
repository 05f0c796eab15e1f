// A manager refunds a paid payment, in full or in part, with a reason. The amount starts empty (a
// refund is typed, or filled from the goods brought back, never taken by default), and a confirmation names the amount, the method and the
// customer's payment before anything is sent. The form makes one request key when it opens: a
// second press (or a retry after a lost answer) is the same refund. Once sent, a refund slip (the
// receipt, which lists the refunds) can be printed for the customer.
import { useState } from 'react';
import { COMMITTED_REFUND_STATES, type RefundReason } from '../../../../contract/vocabulary';
import type { ChargeAttempt, Refund } from '../../../../contract/records';
import { formatMinor, formatMoney, parseAmount } from '../../../../contract/money';
import { refundTooLargeMessage } from '../../../../contract/refund-rules';
import { Field, Message } from '../../components/Field';
import { methodLabel, REFUND_REASON_LABELS } from '../../format/labels';
import { PrintReceiptButton } from '../print/PrintReceiptButton';
import { ReturnedGoods } from './ReturnedGoods';
import { useAppStore } from '../../state/app-state';
import { useScreenCashier } from '../../state/cashier-state';
import { useManagerStore } from '../../state/manager-state';
import { RefundAmountField, RefundConfirmation, RefundReasonField } from './RefundFields';

/** What is left to refund of the payment, as the screen knows it (the backend has the last word). */
export function leftToRefund(attempt: ChargeAttempt, refunds: readonly Refund[]): number {
  const committed = refunds.filter((refund) => (COMMITTED_REFUND_STATES as readonly string[]).includes(refund.state));
  return attempt.amountMinor - committed.reduce((sum, refund) => sum + refund.amountMinor, 0);
}

export function RefundForm({ attempt, refunds }: { attempt: ChargeAttempt; refunds: readonly Refund[] }) {
  const unlocked = useManagerStore((s) => s.token !== null);
  const refundsEnabled = useAppStore((s) => s.connection?.refundsEnabled ?? true);
  const form = `refund-${attempt.id}`;
  const busy = useManagerStore((s) => s.busy === form);
  const cashier = useScreenCashier();
  const serverError = useManagerStore((s) => s.errors[form]);
  const left = leftToRefund(attempt, refunds);
  const [amount, setAmount] = useState('');
  /** The amount the manager is asked to confirm (null: still typing). */
  const [confirming, setConfirming] = useState<number | null>(null);
  const [reason, setReason] = useState<RefundReason>('requested_by_customer');
  const [note, setNote] = useState('');
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const [amountError, setAmountError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const slip = done ? <PrintReceiptButton invoiceId={attempt.invoiceId} label="Print refund slip" /> : null;

  if (!unlocked) {
    return <p className="review-hint">A manager can refund this payment (unlock on the Manager screen first).</p>;
  }
  if (!refundsEnabled) {
    return <Message kind="warning">Refunds are off for this Zoho connection. A manager must sign in with Zoho again (Manager → Zoho connection).</Message>;
  }
  if (left <= 0) {
    return (
      <>
        <p className="review-hint">This payment is refunded in full.</p>
        {slip}
      </>
    );
  }

  const fieldError = (field: string) => (serverError?.field === field ? serverError.message : null);
  /** Checks the amount, then asks to confirm it. */
  const check = () => {
    setDone(null);
    if (amount.trim() === '') {
      setAmountError('Enter the amount to refund.');
      return;
    }
    const parsed = parseAmount(amount, attempt.currency);
    if (!parsed.ok || parsed.value === 0) {
      setAmountError(parsed.ok ? 'Refund amount must be more than zero.' : `Refund amount: ${parsed.message}`);
      return;
    }
    if (parsed.value > left) {
      setAmountError(refundTooLargeMessage(left, attempt.amountMinor, attempt.currency));
      return;
    }
    setAmountError(null);
    setConfirming(parsed.value);
  };
  const send = async (amountMinor: number) => {
    const refund = await useManagerStore.getState().createRefund(attempt, { amountMinor, reason, note, requestKey });
    setConfirming(null);
    if (!refund) return;
    setRequestKey(crypto.randomUUID());
    setNote('');
    setAmount('');
    setDone(`Refund of ${formatMoney(refund.amountMinor, refund.currency)} sent to Zoho.`);
  };

  if (confirming !== null) {
    const method = methodLabel(attempt.paidMethod ?? attempt.method);
    const shown = formatMoney(confirming, attempt.currency);
    return (
      <RefundConfirmation
        formId={form}
        title={`Refund ${shown}?`}
        error={serverError?.message}
        busy={busy}
        confirmLabel={`Yes, refund ${shown}`}
        busyLabel="Sending the refund…"
        onConfirm={() => void send(confirming)}
        onBack={() => setConfirming(null)}
      >
        {shown} goes back by {method} to the customer who paid {formatMoney(attempt.amountMinor, attempt.currency)} for invoice {attempt.invoiceNumber}
        {attempt.paymentId ? ` (payment ID ${attempt.paymentId})` : ''}. Reason: {REFUND_REASON_LABELS[reason]}.{cashier ? ` Asked by ${cashier}.` : ''} A refund cannot be taken back.
      </RefundConfirmation>
    );
  }

  return (
    <form
      className="refund-form"
      aria-label="Refund this payment"
      onSubmit={(event) => {
        event.preventDefault();
        check();
      }}
    >
      <ReturnedGoods
        currency={attempt.currency}
        formId={form}
        onChosen={(amountMinor, returned) => {
          setAmount(formatMinor(amountMinor));
          setNote(returned);
          setAmountError(null);
        }}
      />
      <RefundAmountField
        label="Refund amount"
        hint={`Up to ${formatMoney(left, attempt.currency)} is left to refund.`}
        error={amountError ?? fieldError('amountMinor')}
        amount={amount}
        onAmount={(typed) => {
          setAmount(typed);
          setAmountError(null);
        }}
      />
      <RefundReasonField reason={reason} onReason={setReason} error={fieldError('reason')} />
      <Field label="Note (optional)" error={fieldError('note')} hint="Kept in Counter; not sent to Zoho.">
        {({ id, describedBy, invalid }) => (
          <input id={id} className="input" maxLength={200} value={note} onChange={(event) => setNote(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      {serverError && !['amountMinor', 'reason', 'note'].includes(serverError.field ?? '') ? <Message kind="error">{serverError.message}</Message> : null}
      {done ? <Message kind="notice">{done}</Message> : null}
      {slip}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Sending the refund…' : 'Refund'}
      </button>
    </form>
  );
}
