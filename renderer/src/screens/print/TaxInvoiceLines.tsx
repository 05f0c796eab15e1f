// The middle of a receipt whose invoice came from a checkout: each line with its HSN, quantity,
// rate and amount; discounts; tax by rate (CGST and SGST, or IGST, or US sales tax); the round-off;
// the total, and in words. Above it the receipt prints "Tax Invoice" with the GSTINs.
import type { Bill } from '../../../../contract/catalogue/bill';
import { formatQuantity } from '../../../../contract/billing/quantity';
import { formatHalfRatePercent, formatRatePercent } from '../../../../contract/billing/rates';
import { amountInWords } from '../../../../contract/billing/words';
import { formatMoney } from '../../../../contract/money';
import type { Currency } from '../../../../contract/vocabulary';

export function TaxInvoiceLines({ bill, currency }: { bill: Bill; currency: Currency }) {
  const t = bill.totals;
  const money = (minor: number) => formatMoney(minor, currency);
  const gst = t.supply !== 'us_sales_tax';
  return (
    <>
      <table className="receipt-items">
        <thead>
          <tr>
            <th scope="col">Item{gst ? ' / HSN' : ''}</th>
            <th scope="col" className="num">Qty</th>
            <th scope="col" className="num">Rate</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {t.lines.map((line, index) => (
            <tr key={index}>
              <td>
                {bill.items[index]?.description}
                {gst && line.hsnCode ? <span className="receipt-unit"> HSN {line.hsnCode}</span> : null}
                {gst ? <span className="receipt-unit"> GST {formatRatePercent(line.rateBasisPoints)}</span> : null}
              </td>
              <td className="num">
                {formatQuantity(line.quantityThousandths)} {line.unit}
              </td>
              <td className="num">{money(bill.items[index]?.unitPriceMinor ?? 0)}</td>
              <td className="num">{money(line.gross)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-facts receipt-tax">
        {t.lineDiscount > 0 ? <Fact label="Item discounts" value={`−${money(t.lineDiscount)}`} /> : null}
        {t.billDiscount > 0 ? <Fact label="Bill discount" value={`−${money(t.billDiscount)}`} /> : null}
        <Fact label="Taxable value" value={money(t.taxableValue)} />
      </dl>
      <table className="receipt-items receipt-tax-summary">
        <caption className="receipt-section-title">{gst ? 'Tax summary' : 'Sales tax'}</caption>
        <thead>
          <tr>
            <th scope="col">Rate</th>
            <th scope="col" className="num">Taxable</th>
            {t.supply === 'intra_state' ? (
              <>
                <th scope="col" className="num">CGST</th>
                <th scope="col" className="num">SGST</th>
              </>
            ) : (
              <th scope="col" className="num">{gst ? 'IGST' : 'Tax'}</th>
            )}
          </tr>
        </thead>
        <tbody>
          {t.taxByRate.map((rate) => (
            <tr key={rate.rateBasisPoints}>
              <td>{formatRatePercent(rate.rateBasisPoints)}</td>
              <td className="num">{money(rate.taxableValue)}</td>
              {t.supply === 'intra_state' ? (
                <>
                  <td className="num">
                    {money(rate.cgst)} <span className="receipt-unit">@{formatHalfRatePercent(rate.rateBasisPoints)}</span>
                  </td>
                  <td className="num">
                    {money(rate.sgst)} <span className="receipt-unit">@{formatHalfRatePercent(rate.rateBasisPoints)}</span>
                  </td>
                </>
              ) : (
                <td className="num">{money(rate.igst + rate.salesTax)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {t.roundOff !== 0 ? (
        <dl className="receipt-facts">
          <Fact label="Round off" value={`${t.roundOff < 0 ? '−' : '+'}${money(Math.abs(t.roundOff))}`} />
        </dl>
      ) : null}
      <p className="receipt-total">
        <span>Total</span> <strong>{money(t.total)}</strong>
      </p>
      <p className="receipt-words">{amountInWords(t.total, currency)}</p>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
