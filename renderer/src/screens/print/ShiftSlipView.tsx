// A shift slip as printed on the receipt paper: the counter, who opened and closed it, the float,
// the cash sales, each cash movement with its reason, what was expected, what was counted, and the
// difference.
import type { ShiftReport } from '../../../../contract/answers';
import { formatMoney } from '../../../../contract/money';
import type { PaperLayout } from '../../../../preload/bridge';
import { overShortLabel } from '../../format/shift';
import { formatDateTime } from '../../../../contract/calendar';

export function ShiftSlipView({ report, layout }: { report: ShiftReport; layout: PaperLayout }) {
  const { shift, currency } = report;
  const money = (minor: number) => formatMoney(minor, currency);
  const fact = (label: string, value: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <article className={`receipt receipt-${layout} shift-slip`} aria-label={`Shift slip of ${report.counterName}`}>
      <p className="receipt-title">Shift slip: {report.counterName}</p>
      <dl className="receipt-facts">
        {fact('Opened', `${formatDateTime(shift.openedAt)} by ${shift.openedBy}`)}
        {shift.close ? fact('Closed', `${formatDateTime(shift.close.closedAt)} by ${shift.close.closedBy}`) : null}
        {fact('Opening float', money(shift.floatMinor))}
        {fact(`Cash sales (${report.cashSales.count})`, money(report.cashSales.amountMinor))}
        {report.movements.map((m) => fact(`${m.kind === 'in' ? 'Cash in' : 'Cash out'}: ${m.reason} (${m.by})`, `${m.kind === 'in' ? '+' : '−'}${money(m.amountMinor)}`))}
        {fact('Expected in drawer', money(report.expectedMinor))}
        {shift.close ? fact('Counted', money(shift.close.countedMinor)) : null}
      </dl>
      <p className="receipt-total">{overShortLabel(report) ?? 'Shift still open'}</p>
    </article>
  );
}
