// The day's records beside the card/UPI attempts: cash sales (with their receipts), refunds, and
// Zoho's late answers for closed days counted on this day.
import type { Currency } from '../../../../contract/domain';
import type { CashSale, Correction, Counter, Refund } from '../../../../contract/model';
import { formatMoney } from '../../../../contract/money';
import { REFUND_REASON_LABELS, refundStateLabel } from '../../format/labels';
import { formatTime } from '../../format/time';
import { usePrintStore } from '../../stores/print-store';

function counterName(counters: readonly Counter[], id: string): string {
  return counters.find((c) => c.id === id)?.name ?? id;
}

/** Store mode: the store's PCs, to name the PC of each record (null on a PC of its own). */
type Stations = readonly { id: string; name: string }[] | null;

function PcHeader({ stations }: { stations: Stations }) {
  return stations ? <th scope="col">PC</th> : null;
}

function PcCell({ stations, stationId }: { stations: Stations; stationId: string | undefined }) {
  return stations ? <td>{stations.find((s) => s.id === stationId)?.name ?? '—'}</td> : null;
}

export function CashSalesTable({ sales, counters, currency, stations }: { sales: readonly CashSale[]; counters: readonly Counter[]; currency: Currency; stations: Stations }) {
  const busy = usePrintStore((s) => s.busy);
  if (sales.length === 0) return null;
  return (
    <div className="log-table-wrap">
      <table className="log-table log-ledger">
        <caption>Cash sales</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Invoice</th>
            <PcHeader stations={stations} />
            <th scope="col">Counter</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Tendered
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col">Receipt</th>
          </tr>
        </thead>
        <tbody>
          {sales.map((sale) => (
            <tr key={sale.id}>
              <td className="nowrap">{formatTime(sale.createdAt, currency)}</td>
              <td>{sale.invoiceNumber}</td>
              <PcCell stations={stations} stationId={sale.stationId} />
              <td>{counterName(counters, sale.counterId)}</td>
              <td className="num nowrap">{formatMoney(sale.amountMinor, sale.currency)}</td>
              <td className="num nowrap">{formatMoney(sale.tenderedMinor, sale.currency)}</td>
              <td className="num nowrap">{formatMoney(sale.changeMinor, sale.currency)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy}
                  onClick={() => void usePrintStore.getState().printReceipt(sale.invoiceId)}
                  aria-label={`Reprint the receipt of ${sale.invoiceNumber}`}
                >
                  Reprint
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RefundsTable({ refunds, counters, currency, stations }: { refunds: readonly Refund[]; counters: readonly Counter[]; currency: Currency; stations: Stations }) {
  if (refunds.length === 0) return null;
  return (
    <div className="log-table-wrap">
      <table className="log-table log-ledger">
        <caption>Refunds</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Invoice</th>
            <PcHeader stations={stations} />
            <th scope="col">Counter</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Reason</th>
            <th scope="col">State</th>
            <th scope="col">Zoho refund ID</th>
          </tr>
        </thead>
        <tbody>
          {refunds.map((refund) => (
            <tr key={refund.id}>
              <td className="nowrap">{formatTime(refund.createdAt, currency)}</td>
              <td>{refund.invoiceNumber}</td>
              <PcCell stations={stations} stationId={refund.stationId} />
              <td>{counterName(counters, refund.counterId)}</td>
              <td className="num nowrap">{formatMoney(refund.amountMinor, refund.currency)}</td>
              <td>
                {REFUND_REASON_LABELS[refund.reason]}
                {refund.note ? `: ${refund.note}` : ''}
              </td>
              <td>
                <span className={`refund-state refund-state-${refund.state}`}>{refundStateLabel(refund.state)}</span>
                {refund.failureMessage ? <span className="log-total-sub"> {refund.failureMessage}</span> : null}
              </td>
              <td className="mono">{refund.zohoRefundId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CorrectionsTable({ corrections, counters, currency, stations }: { corrections: readonly Correction[]; counters: readonly Counter[]; currency: Currency; stations: Stations }) {
  if (corrections.length === 0) return null;
  return (
    <div className="log-table-wrap">
      <table className="log-table log-ledger log-corrections">
        <caption>Corrections: Zoho’s late answers for closed days, counted on this day</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Invoice</th>
            <PcHeader stations={stations} />
            <th scope="col">Counter</th>
            <th scope="col">Closed day</th>
            <th scope="col">What</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Zoho said</th>
          </tr>
        </thead>
        <tbody>
          {corrections.map((correction) => (
            <tr key={correction.id}>
              <td className="nowrap">{formatTime(correction.createdAt, currency)}</td>
              <td>{correction.invoiceNumber}</td>
              <PcCell stations={stations} stationId={correction.stationId} />
              <td>{counterName(counters, correction.counterId)}</td>
              <td className="nowrap">{correction.closedDay}</td>
              <td>
                {correction.recordKind === 'refund' ? 'Refund' : 'Payment'}: {correction.fromState} → {correction.toState}
              </td>
              <td className="num nowrap">{formatMoney(correction.amountMinor, currency)}</td>
              <td>{correction.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
