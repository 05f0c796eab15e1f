// A manager pays back (part of) a sale's cash out of the drawer: a refund goes back by the tender it
// came from, so the cash part of a split sale is refunded in cash, never through Zoho. The amount
// starts empty, and a confirmation names what goes back before anything is recorded (as for a
// card/UPI refund); the form makes one request key when it opens (a second press is the same refund).
import { useState } from 'react';
import type { RefundReason } from '../../../../contract/vocabulary';
import type { CashSale } from '../../../../contract/records';
import { formatMoney, parseAmount } from '../../../../contract/money';
import { refundTooLargeMessage } from '../../../../contract/refund-rules';
import { Message } from '../../components/Field';
import { useScreenCashier } from '../../state/cashier-state';
import { useManagerStore } from '../../state/manager-state';
import { REFUND_REASON_LABELS } from '../../format/labels';
import { RefundAmountField, RefundConfirmation, RefundReasonField } from './RefundFields';

export function CashRefundForm({ sale, leftMinor, onClose }: { sale: CashSale; leftMinor: number; onClose: () => void }) {
  const form = `cash-refund-${sale.id}`;
  const busy = useManagerStore((s) => s.busy === form);
  const cashier = useScreenCashier();
  const serverError = useManagerStore((s) => s.errors[form]);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<RefundReason>('requested_by_customer');
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const [amountError, setAmountError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** The amount the manager is asked to confirm (null: still typing). */
  const [confirming, setConfirming] = useState<number | null>(null);

  /** Checks the amount, then asks to confirm it. */
  const check = () => {
    setDone(null);
    const parsed = parseAmount(amount, sale.currency);
    if (!parsed.ok || parsed.value === 0) {
      setAmountError(parsed.ok ? 'Refund amount must be more than zero.' : `Refund amount: ${parsed.message}`);
      return;
    }
    if (parsed.value > leftMinor) {
      setAmountError(refundTooLargeMessage(leftMinor, sale.amountMinor, sale.currency));
      return;
    }
    setAmountError(null);
    setConfirming(parsed.value);
  };
  const send = async (amountMinor: number) => {
    const refund = await useManagerStore.getState().refundCash(sale, { amountMinor, reason, requestKey });
    setConfirming(null);
    if (!refund) return;
    setRequestKey(crypto.randomUUID());
    setAmount('');
    setDone(`Give the customer ${formatMoney(refund.amountMinor, refund.currency)} from the drawer.`);
  };
  const amountFieldError = amountError ?? (serverError?.field === 'amountMinor' ? serverError.message : null);

  if (confirming !== null) {
    const shown = formatMoney(confirming, sale.currency);
    return (
      <RefundConfirmation
        formId={form}
        className="cash-refund-form"
        title={`Pay back ${shown} in cash?`}
        error={serverError?.message}
        busy={busy}
        confirmLabel={`Yes, pay back ${shown}`}
        busyLabel="Recording…"
        onConfirm={() => void send(confirming)}
        onBack={() => setConfirming(null)}
      >
        {shown} in cash from the drawer to the customer who paid {formatMoney(sale.amountMinor, sale.currency)} in cash for invoice {sale.invoiceNumber}. Reason:{' '}
        {REFUND_REASON_LABELS[reason]}.{cashier ? ` Paid back by ${cashier}.` : ''} A refund cannot be taken back.
      </RefundConfirmation>
    );
  }

  return (
    <form
      className="refund-form cash-refund-form"
      aria-label={`Pay back cash for ${sale.invoiceNumber}`}
      onSubmit={(event) => {
        event.preventDefault();
        check();
      }}
    >
      <h3>Pay back cash for {sale.invoiceNumber}</h3>
      <RefundAmountField
        label="Cash to pay back"
        hint={`Up to ${formatMoney(leftMinor, sale.currency)} of the ${formatMoney(sale.amountMinor, sale.currency)} cash taken.`}
        error={amountFieldError}
        amount={amount}
        onAmount={(typed) => {
          setAmount(typed);
          setAmountError(null);
        }}
      />
      <RefundReasonField reason={reason} onReason={setReason} />
      {serverError && serverError.field !== 'amountMinor' ? <Message kind="error">{serverError.message}</Message> : null}
      {done ? <Message kind="notice">{done}</Message> : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Recording…' : 'Pay back in cash'}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Done
        </button>
      </div>
    </form>
  );
}
