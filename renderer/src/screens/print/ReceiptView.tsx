// A receipt as printed: the store, the invoice's items and total, how it was paid, and its refunds.
// Laid out for an 80 mm thermal roll or an A4 sheet (print styles in styles/receipt.css).
import type { Receipt, ReceiptPart } from '../../../../contract/answers';
import type { Currency } from '../../../../contract/vocabulary';
import { formatMoney, multiplyMinor } from '../../../../contract/money';
import type { PaperLayout } from '../../../../preload/bridge';
import { refundStateLabel, TENDER_LABELS } from '../../format/labels';
import { formatDateTime } from '../../../../contract/calendar';
import { TaxInvoiceLines } from './TaxInvoiceLines';

export function ReceiptView({ receipt, layout }: { receipt: Receipt; layout: PaperLayout }) {
  const { invoice, bill } = receipt;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  // Every tender's refunds (a split sale's card/UPI part; a single-tender sale's payment).
  const refunds = receipt.parts.length > 1 ? receipt.parts.flatMap((part) => part.refunds) : receipt.refunds;
  const refunded = refunds.filter((refund) => refund.state === 'succeeded').reduce((sum, refund) => sum + refund.amountMinor, 0);
  return (
    <article className={`receipt receipt-${layout}`} aria-label={`Receipt for invoice ${invoice.number}`}>
      <header className="receipt-store">
        {receipt.storeName ? <h1 className="receipt-store-name">{receipt.storeName}</h1> : null}
        {receipt.storeAddress
          ? receipt.storeAddress.split('\n').map((line, index) => (
              <p key={index} className="receipt-store-line">
                {line}
              </p>
            ))
          : null}
      </header>
      {bill?.storeGstin ? <p className="receipt-store-line">GSTIN {bill.storeGstin}</p> : null}
      <p className="receipt-title">{bill?.storeGstin ? 'Tax Invoice' : 'Receipt'}</p>
      <dl className="receipt-facts">
        <div>
          <dt>Invoice</dt>
          <dd>{invoice.number}</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>{formatDateTime(receipt.paidAt)}</dd>
        </div>
        <div>
          <dt>Counter</dt>
          <dd>{receipt.counterName}</dd>
        </div>
        {bill?.placeOfSupply ? (
          <div>
            <dt>Place of supply</dt>
            <dd>
              {bill.placeOfSupply.name} ({bill.placeOfSupply.code})
            </dd>
          </div>
        ) : null}
        {bill?.customer ? (
          <div>
            <dt>Customer</dt>
            <dd>
              {bill.customer.name}, GSTIN {bill.customer.gstin}
            </dd>
          </div>
        ) : null}
      </dl>
      {receipt.bill ? <TaxInvoiceLines bill={receipt.bill} currency={invoice.currency} /> : <PlainLines receipt={receipt} />}
      {receipt.parts.length > 1 ? (
        receipt.parts.map((part, index) => <TenderFacts key={index} part={part} currency={invoice.currency} withAmount />)
      ) : (
        <TenderFacts part={receipt} currency={invoice.currency} />
      )}
      {refunds.length > 0 ? (
        <section className="receipt-refunds">
          <p className="receipt-section-title">Refunds</p>
          <ul>
            {refunds.map((refund) => (
              <li key={refund.id}>
                {formatDateTime(refund.createdAt)}: {money(refund.amountMinor)} ({refundStateLabel(refund.state)}){refund.cashier ? `, by ${refund.cashier}` : ''}
              </li>
            ))}
          </ul>
          <p className="receipt-total">
            <span>Paid less refunded</span> <strong>{money(invoice.totalMinor - refunded)}</strong>
          </p>
        </section>
      ) : null}
      <p className="receipt-thanks">Thank you for shopping with us.</p>
    </article>
  );
}

/** An invoice of free lines (no tax): each line with its quantity and amount, then the total. */
function PlainLines({ receipt }: { receipt: Receipt }) {
  const { invoice } = receipt;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  return (
    <>
        <table className="receipt-items">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, index) => {
              const amount = multiplyMinor(line.unitPriceMinor, line.quantity);
              return (
                <tr key={index}>
                  <td>
                    {line.description}
                    {line.quantity > 1 ? <span className="receipt-unit"> @ {money(line.unitPriceMinor)}</span> : null}
                  </td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{amount.ok ? money(amount.value) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="receipt-total">
          <span>Total</span> <strong>{money(invoice.totalMinor)}</strong>
        </p>
    </>
  );
}

/** How one tender paid: its method (and amount, when the sale was split), Zoho's payment id, or the cash tendered and the change. */
function TenderFacts({ part, currency, withAmount = false }: { part: Omit<ReceiptPart, 'amountMinor' | 'paidAt'> & { amountMinor?: number }; currency: Currency; withAmount?: boolean }) {
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <dl className="receipt-facts receipt-payment">
      <div>
        <dt>Paid by</dt>
        <dd>{withAmount && part.amountMinor !== undefined ? `${TENDER_LABELS[part.tender]} ${money(part.amountMinor)}` : TENDER_LABELS[part.tender]}</dd>
      </div>
      {part.paymentId ? (
        <div>
          <dt>Payment ID</dt>
          <dd>{part.paymentId}</dd>
        </div>
      ) : null}
      {part.tenderedMinor !== null ? (
        <div>
          <dt>Cash tendered</dt>
          <dd>{money(part.tenderedMinor)}</dd>
        </div>
      ) : null}
      {part.changeMinor !== null ? (
        <div>
          <dt>Change</dt>
          <dd>{money(part.changeMinor)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
