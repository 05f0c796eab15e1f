import type { Currency } from '../../../../../contract/domain';
import type { ChargeAttempt, Invoice } from '../../../../../contract/model';
import { formatMoney } from '../../../../../contract/money';
import { DetailList, DetailRow } from '../../../components/DetailList';
import { methodLabel } from '../../../format/labels';
import { formatTime } from '../../../format/time';
import { useCheckoutStore } from '../../../stores/checkout-store';

/** PAID: the payment's details and the way to the next sale. */
export function PaymentPaid({ attempt, invoice, currency }: { attempt: ChargeAttempt | null; invoice: Invoice | null; currency: Currency }) {
  const newSale = useCheckoutStore((s) => s.newSale);
  return (
    <div className="payment-body">
      <h2 id="pay-status-heading" tabIndex={-1} className="payment-status-word payment-status-paid">
        <span aria-hidden="true">✓ </span>PAID
      </h2>
      <p className="payment-amount">{formatMoney(attempt?.amountMinor ?? invoice?.totalMinor ?? 0, attempt?.currency ?? currency)}</p>
      <DetailList>
        {attempt?.paymentId ? <DetailRow term="Payment ID">{attempt.paymentId}</DetailRow> : null}
        <DetailRow term="Method">{methodLabel(attempt?.paidMethod ?? attempt?.method)}</DetailRow>
        <DetailRow term="Time">{formatTime(attempt?.finalAt ?? invoice?.paidAt ?? Date.now(), currency)}</DetailRow>
        <DetailRow term="Invoice">{invoice?.number ?? attempt?.invoiceNumber}</DetailRow>
      </DetailList>
      <div className="payment-charge-row">
        <button id="new-sale-button" type="button" className="btn btn-primary btn-huge" onClick={() => void newSale()} aria-keyshortcuts="Enter">
          New sale
        </button>
        <p className="kbd-hint">
          Shortcut: <kbd>Enter</kbd>
        </p>
      </div>
    </div>
  );
}
