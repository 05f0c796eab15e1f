import type { Invoice } from '../../../../contract/records';
import { formatMoney, multiplyMinor } from '../../../../contract/money';

/** A created invoice: it no longer changes, so it is shown as a receipt. */
export function InvoiceSummary({
  invoice,
  canCancel,
  onCancel,
  cancelling,
}: {
  invoice: Invoice;
  canCancel: boolean;
  onCancel: () => void;
  cancelling: boolean;
}) {
  return (
    <section className="panel invoice" aria-labelledby="invoice-title">
      <div className="invoice-head">
        <h2 id="invoice-title">
          Invoice <span className="invoice-number">{invoice.number}</span>
        </h2>
        <span className="invoice-tags">
          {invoice.program ? <span className="tag tag-program">From {invoice.program}</span> : null}
          {invoice.status === 'paid' ? <span className="tag tag-paid">Paid</span> : null}
        </span>
      </div>
      <div className="invoice-lines-wrap">
        <table className="invoice-lines invoice-lines-readonly">
          <caption className="visually-hidden">Items on invoice {invoice.number}</caption>
          <thead>
            <tr>
              <th scope="col" className="invoice-col-desc">
                Item
              </th>
              <th scope="col" className="invoice-col-qty num">
                Qty
              </th>
              <th scope="col" className="invoice-col-price num">
                Unit price
              </th>
              <th scope="col" className="invoice-col-total num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, index) => {
              const total = multiplyMinor(line.unitPriceMinor, line.quantity);
              return (
                <tr key={index}>
                  <td>{line.description}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{formatMoney(line.unitPriceMinor, invoice.currency)}</td>
                  <td className="num">{total.ok ? formatMoney(total.value, invoice.currency) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="invoice-total">
        <span>Total</span>
        <strong className="invoice-total-amount">{formatMoney(invoice.totalMinor, invoice.currency)}</strong>
      </div>
      {canCancel ? (
        <div className="invoice-actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={cancelling}>
            Cancel this invoice
          </button>
          <span className="kbd-hint">Voids it and starts a new sale</span>
        </div>
      ) : null}
    </section>
  );
}
