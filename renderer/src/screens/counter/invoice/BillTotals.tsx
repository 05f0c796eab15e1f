import { Fragment } from 'react';
import type { Bill } from '../../../../../contract/catalogue/bill';
import { formatRatePercent } from '../../../../../contract/billing/rates';
import { formatMoney } from '../../../../../contract/money';
import type { Currency } from '../../../../../contract/vocabulary';

/** The bill's discounts, tax by rate and kind, round-off and total, as the tax invoice will print them. */
export function BillTotals({ bill, currency }: { bill: Bill; currency: Currency }) {
  const t = bill.totals;
  const money = (minor: number) => formatMoney(minor, currency);
  const discounts = t.lineDiscount + t.billDiscount;
  return (
    <dl className="bill-totals">
      {discounts > 0 ? <Row label="Discounts" value={`−${money(discounts)}`} /> : null}
      <Row label="Taxable value" value={money(t.taxableValue)} />
      {t.taxByRate.map((rate) =>
        t.supply === 'intra_state' ? (
          <Fragment key={rate.rateBasisPoints}>
            <Row label={`CGST on ${formatRatePercent(rate.rateBasisPoints)} items`} value={money(rate.cgst)} />
            <Row label={`SGST on ${formatRatePercent(rate.rateBasisPoints)} items`} value={money(rate.sgst)} />
          </Fragment>
        ) : (
          <Row
            key={rate.rateBasisPoints}
            label={`${t.supply === 'inter_state' ? 'IGST' : 'Sales tax'} ${formatRatePercent(rate.rateBasisPoints)}`}
            value={money(rate.igst + rate.salesTax)}
          />
        ),
      )}
      {t.roundOff !== 0 ? <Row label="Round off" value={`${t.roundOff < 0 ? '−' : '+'}${money(Math.abs(t.roundOff))}`} /> : null}
    </dl>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="bill-totals-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
