// The day's tax invoices for the accountant, HSN-wise and rate-wise (GSTR-1's shape): on the day
// close and the printed summary alike.
import type { DayTaxSummary } from '../../../../contract/answers';
import { formatQuantity } from '../../../../contract/billing/quantity';
import { formatRatePercent } from '../../../../contract/billing/rates';
import { formatMoney } from '../../../../contract/money';
import type { Currency } from '../../../../contract/vocabulary';

export function TaxSummaryTables({ tax, currency }: { tax: DayTaxSummary; currency: Currency }) {
  const money = (minor: number) => formatMoney(minor, currency);
  const { hsn, byRate, totals } = tax.summary;
  const gst = currency === 'INR';
  return (
    <div className="tax-summary">
      <table className="counter-totals">
        <caption>
          Tax invoices by HSN/SAC and rate: {totals.invoices} {totals.invoices === 1 ? 'invoice' : 'invoices'}
        </caption>
        <thead>
          <tr>
            <th scope="col">HSN/SAC</th>
            <th scope="col">Supply</th>
            <th scope="col" className="num">Rate</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Taxable value</th>
            <th scope="col" className="num">Tax</th>
          </tr>
        </thead>
        <tbody>
          {hsn.map((row) => (
            <tr key={`${row.recipient}-${row.hsnCode}-${row.unit}-${row.rateBasisPoints}`}>
              <th scope="row">{row.hsnCode || '(none)'}</th>
              <td>{row.recipient.toUpperCase()}</td>
              <td className="num">{formatRatePercent(row.rateBasisPoints)}</td>
              <td className="num">
                {formatQuantity(row.quantityThousandths)} {row.unit}
              </td>
              <td className="num">{money(row.taxableValue)}</td>
              <td className="num">{money(row.tax)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="counter-totals">
        <caption>Tax by rate</caption>
        <thead>
          <tr>
            <th scope="col">Rate</th>
            <th scope="col" className="num">Taxable value</th>
            {gst ? (
              <>
                <th scope="col" className="num">CGST</th>
                <th scope="col" className="num">SGST</th>
                <th scope="col" className="num">IGST</th>
              </>
            ) : (
              <th scope="col" className="num">Sales tax</th>
            )}
          </tr>
        </thead>
        <tbody>
          {[...byRate.map((row) => ({ ...row, label: formatRatePercent(row.rateBasisPoints) })), { ...totals, label: 'Total' }].map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td className="num">{money(row.taxableValue)}</td>
              {gst ? (
                <>
                  <td className="num">{money(row.cgst)}</td>
                  <td className="num">{money(row.sgst)}</td>
                  <td className="num">{money(row.igst)}</td>
                </>
              ) : (
                <td className="num">{money(row.salesTax)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
