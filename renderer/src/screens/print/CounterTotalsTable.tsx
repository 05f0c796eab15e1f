// The day's takings per counter, with each drawer's expected cash: on the log, the day close and the
// printed summary alike.
import type { Currency } from '../../../../contract/vocabulary';
import { formatMoney } from '../../../../contract/money';
import type { Counter } from '../../../../contract/records';
import type { DayTotals } from '../../../../contract/answers';

export function CounterTotalsTable({ totals, counters, currency, caption }: { totals: DayTotals; counters: readonly Counter[]; currency: Currency; caption: string }) {
  const money = (minor: number) => formatMoney(minor, currency);
  const name = (id: string) => counters.find((counter) => counter.id === id)?.name ?? id;
  const sum = (field: 'cardMinor' | 'upiMinor' | 'cashMinor' | 'refundedMinor' | 'cashExpectedMinor' | 'correctedMinor') =>
    totals.byCounter.reduce((total, row) => total + row[field], 0);
  const corrected = sum('correctedMinor');
  return (
    <table className="counter-totals">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Counter</th>
          <th scope="col" className="num">
            Card
          </th>
          <th scope="col" className="num">
            UPI
          </th>
          <th scope="col" className="num">
            Cash
          </th>
          {corrected > 0 ? (
            <th scope="col" className="num">
              Late (closed days)
            </th>
          ) : null}
          <th scope="col" className="num">
            Refunded
          </th>
          <th scope="col" className="num">
            Cash in drawer
          </th>
        </tr>
      </thead>
      <tbody>
        {totals.byCounter.map((row) => (
          <tr key={row.counterId}>
            <th scope="row">{name(row.counterId)}</th>
            <td className="num">{money(row.cardMinor)}</td>
            <td className="num">{money(row.upiMinor)}</td>
            <td className="num">{money(row.cashMinor)}</td>
            {corrected > 0 ? <td className="num">{money(row.correctedMinor)}</td> : null}
            <td className="num">{money(row.refundedMinor)}</td>
            <td className="num">{money(row.cashExpectedMinor)}</td>
          </tr>
        ))}
        {totals.byCounter.length === 0 ? (
          <tr>
            <td colSpan={corrected > 0 ? 7 : 6}>Nothing was taken on this day.</td>
          </tr>
        ) : null}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All counters</th>
          <td className="num">{money(sum('cardMinor'))}</td>
          <td className="num">{money(sum('upiMinor'))}</td>
          <td className="num">{money(sum('cashMinor'))}</td>
          {corrected > 0 ? <td className="num">{money(corrected)}</td> : null}
          <td className="num">{money(sum('refundedMinor'))}</td>
          <td className="num">{money(sum('cashExpectedMinor'))}</td>
        </tr>
      </tfoot>
    </table>
  );
}
