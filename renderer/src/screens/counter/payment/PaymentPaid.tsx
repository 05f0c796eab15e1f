import { useEffect } from 'react';
import type { Currency } from '../../../../../contract/vocabulary';
import type { ChargeAttempt, Invoice } from '../../../../../contract/records';
import { formatMoney } from '../../../../../contract/money';
import { DetailList, DetailRow } from '../../../components/DetailList';
import { methodLabel, TENDER_LABELS } from '../../../format/labels';
import { formatTime } from '../../../../../contract/calendar';
import { useCheckoutStore } from '../../../state/checkout-state';
import { usePaidParts } from '../../../state/paid-parts';
import { PrintReceiptButton } from '../../print/PrintReceiptButton';

/** PAID (on the terminal, or in cash with the change due shown big): the way to the next sale, the details and the receipt. */
export function PaymentPaid({ attempt, invoice, currency }: { attempt: ChargeAttempt | null; invoice: Invoice | null; currency: Currency }) {
  const newSale = useCheckoutStore((s) => s.newSale);
  const cashPaid = useCheckoutStore((s) => s.cashPaid);
  // Cash was the last tender taken here: the change is due now.
  const changeDue = cashPaid !== null;
  const wholeInCash = changeDue && (invoice ? invoice.paidInCashMinor === invoice.totalMinor : attempt === null);
  // Split tender: card/UPI and cash parts, several cash parts, or several card/UPI parts.
  const split = invoice !== null && !wholeInCash && ((attempt !== null && attempt.amountMinor < invoice.totalMinor) || (invoice.paidInCashMinor > 0 && invoice.paidInCashMinor < invoice.totalMinor));
  const splitId = split ? invoice.id : null;
  // A split sale's parts as its receipt lists them, whether paid here just now or brought back by a reload.
  const parts = usePaidParts((s) => (splitId !== null && s.invoiceId === splitId ? s.parts : null));
  useEffect(() => {
    if (splitId !== null) void usePaidParts.getState().load(splitId);
  }, [splitId]);
  const amountMinor = split || wholeInCash ? (invoice?.totalMinor ?? 0) : (attempt?.amountMinor ?? invoice?.totalMinor ?? 0);
  let method = wholeInCash || !attempt ? 'Cash' : methodLabel(attempt.paidMethod ?? attempt.method);
  if (split) method = parts ? [...new Set(parts.map((part) => TENDER_LABELS[part.tender]))].join(' and ') : 'In parts';
  return (
    <div className="payment-body">
      <h2 id="pay-status-heading" tabIndex={-1} className="payment-status-word payment-status-paid">
        <span aria-hidden="true">✓ </span>
        {wholeInCash ? 'PAID IN CASH' : 'PAID'}
      </h2>
      <p className="payment-amount">{formatMoney(amountMinor, attempt?.currency ?? currency)}</p>
      {changeDue ? (
        <p className="payment-change payment-change-final" data-testid="change-due">
          <span className="payment-change-label">Change due</span> <strong className="payment-change-amount">{formatMoney(cashPaid.changeMinor, currency)}</strong>
        </p>
      ) : null}
      {/* The way to the next sale comes before the details, so it stays in view at 768 px. */}
      <div className="payment-charge-row">
        <button id="new-sale-button" type="button" className="btn btn-primary btn-huge" onClick={() => void newSale()} aria-keyshortcuts="Enter">
          New sale
        </button>
        <p className="kbd-hint">
          Shortcut: <kbd>Enter</kbd>
        </p>
      </div>
      <DetailList>
        {attempt?.paymentId && !wholeInCash ? <DetailRow term="Payment ID">{attempt.paymentId}</DetailRow> : null}
        <DetailRow term="Method">{method}</DetailRow>
        {split && parts
          ? parts.map((part, index) => (
              <DetailRow key={index} term={`${TENDER_LABELS[part.tender]} part`}>
                {formatMoney(part.amountMinor, currency)}
              </DetailRow>
            ))
          : null}
        {changeDue ? <DetailRow term="Cash tendered">{formatMoney(cashPaid.tenderedMinor, currency)}</DetailRow> : null}
        <DetailRow term="Time">{formatTime(invoice?.paidAt ?? attempt?.finalAt ?? Date.now())}</DetailRow>
        <DetailRow term="Invoice">{invoice?.number ?? attempt?.invoiceNumber}</DetailRow>
      </DetailList>
      {invoice ? <PrintReceiptButton invoiceId={invoice.id} /> : null}
    </div>
  );
}
