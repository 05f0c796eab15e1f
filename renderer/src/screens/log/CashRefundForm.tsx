// A manager pays back (part of) a sale's cash out of the drawer: a refund goes back by the tender it
// came from, so the cash part of a split sale is refunded in cash, never through Zoho. The amount
// starts empty; the form makes one request key when it opens (a second press is the same refund).
import { useState } from 'react';
import type { RefundReason } from '../../../../contract/vocabulary';
import type { CashSale } from '../../../../contract/records';
import { formatMoney, parseAmount } from '../../../../contract/money';
import { Message } from '../../components/Field';
import { useManagerStore } from '../../state/manager-state';
import { RefundAmountField, RefundReasonField } from './RefundFields';

export function CashRefundForm({ sale, leftMinor, onClose }: { sale: CashSale; leftMinor: number; onClose: () => void }) {
  const form = `cash-refund-${sale.id}`;
  const busy = useManagerStore((s) => s.busy === form);
  const serverError = useManagerStore((s) => s.errors[form]);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<RefundReason>('requested_by_customer');
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const [amountError, setAmountError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    setDone(null);
    const parsed = parseAmount(amount);
    if (!parsed.ok || parsed.value === 0) {
      setAmountError(parsed.ok ? 'Refund amount must be more than zero.' : `Refund amount: ${parsed.message}`);
      return;
    }
    setAmountError(null);
    const refund = await useManagerStore.getState().refundCash(sale, { amountMinor: parsed.value, reason, requestKey });
    if (!refund) return;
    setRequestKey(crypto.randomUUID());
    setAmount('');
    setDone(`Give the customer ${formatMoney(refund.amountMinor, refund.currency)} from the drawer.`);
  };
  const amountFieldError = amountError ?? (serverError?.field === 'amountMinor' ? serverError.message : null);

  return (
    <form
      className="refund-form cash-refund-form"
      aria-label={`Pay back cash for ${sale.invoiceNumber}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
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
