// The day's records beside the card/UPI attempts: cash sales (with their receipts, and cash paid
// back for them), refunds, and Zoho's late answers for closed days counted on this day.
import { useState, type ReactNode } from 'react';
import type { Currency } from '../../../../contract/vocabulary';
import type { CashRefund, CashSale, Correction, Counter, Refund } from '../../../../contract/records';
import { formatMoney } from '../../../../contract/money';
import { REFUND_REASON_LABELS, refundStateLabel } from '../../format/labels';
import { formatTime } from '../../../../contract/calendar';
import { useAppStore } from '../../state/app-state';
import { useManagerStore } from '../../state/manager-state';
import { usePrintStore } from '../../state/print-state';
import { CashRefundForm } from './CashRefundForm';

/** Store mode: the store's PCs, to name the PC of each record (null on a PC of its own). */
type Stations = readonly { id: string; name: string }[] | null;

interface TableProps {
  counters: readonly Counter[];
  currency: Currency;
  stations: Stations;
}

/** What every ledger record starts with: when, which invoice, which PC and which counter (and, for a sale, which cashier). */
interface LedgerRecord {
  createdAt: number;
  invoiceNumber: string;
  stationId?: string | undefined;
  counterId: string;
  cashier?: string | undefined;
}

function LedgerTable({ caption, className = '', head, children }: { caption: string; className?: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="log-table-wrap">
      <table className={`log-table log-ledger${className ? ` ${className}` : ''}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The cashier who made the sale, after its counter (none where no cashiers are defined). */
export function CashierNote({ cashier }: { cashier: string | undefined }) {
  return cashier ? <span className="log-cashier"> · {cashier}</span> : null;
}

function RecordHead({ stations }: { stations: Stations }) {
  return (
    <>
      <th scope="col">Time</th>
      <th scope="col">Invoice</th>
      {stations ? <th scope="col">PC</th> : null}
      <th scope="col">Counter</th>
    </>
  );
}

function RecordCells({ record, counters, stations }: TableProps & { record: LedgerRecord }) {
  return (
    <>
      <td className="nowrap">{formatTime(record.createdAt, { seconds: true })}</td>
      <td>{record.invoiceNumber}</td>
      {stations ? <td>{stations.find((s) => s.id === record.stationId)?.name ?? '—'}</td> : null}
      <td>
        {counters.find((c) => c.id === record.counterId)?.name ?? record.counterId}
        <CashierNote cashier={record.cashier} />
      </td>
    </>
  );
}

function AmountHead({ children }: { children: ReactNode }) {
  return (
    <th scope="col" className="num">
      {children}
    </th>
  );
}

export function CashSalesTable({ sales, paidBack, ...table }: TableProps & { sales: readonly CashSale[]; paidBack: readonly CashRefund[] }) {
  const busy = usePrintStore((s) => s.busy);
  const unlocked = useManagerStore((s) => s.token !== null);
  // Cash is paid back at the PC that took it: its drawer, its records.
  const ownStation = useAppStore((s) => s.store?.stationId ?? null);
  const [refunding, setRefunding] = useState<string | null>(null);
  if (sales.length === 0) return null;
  const leftOf = (sale: CashSale) => sale.amountMinor - paidBack.filter((r) => r.tenderId === sale.id).reduce((sum, r) => sum + r.amountMinor, 0);
  const open = sales.find((sale) => sale.id === refunding);
  return (
    <>
      <LedgerTable
        caption="Cash sales"
        head={
          <>
            <RecordHead stations={table.stations} />
            <AmountHead>Amount</AmountHead>
            <AmountHead>Tendered</AmountHead>
            <AmountHead>Change</AmountHead>
            <th scope="col">Receipt</th>
          </>
        }
      >
        {sales.map((sale) => (
          <tr key={sale.id}>
            <RecordCells record={sale} {...table} />
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
              {unlocked && (!sale.stationId || sale.stationId === ownStation) && leftOf(sale) > 0 ? (
                <button type="button" className="btn btn-small" onClick={() => setRefunding(sale.id)} aria-label={`Pay back cash for ${sale.invoiceNumber}`}>
                  Pay back
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </LedgerTable>
      {open ? <CashRefundForm key={open.id} sale={open} leftMinor={leftOf(open)} onClose={() => setRefunding(null)} /> : null}
    </>
  );
}

export function CashRefundsTable({ refunds, ...table }: TableProps & { refunds: readonly CashRefund[] }) {
  if (refunds.length === 0) return null;
  return (
    <LedgerTable
      caption="Cash paid back"
      head={
        <>
          <RecordHead stations={table.stations} />
          <AmountHead>Amount</AmountHead>
          <th scope="col">Reason</th>
        </>
      }
    >
      {refunds.map((refund) => (
        <tr key={refund.id}>
          <RecordCells record={refund} {...table} />
          <td className="num nowrap">{formatMoney(refund.amountMinor, refund.currency)}</td>
          <td>{REFUND_REASON_LABELS[refund.reason]}</td>
        </tr>
      ))}
    </LedgerTable>
  );
}

export function RefundsTable({ refunds, ...table }: TableProps & { refunds: readonly Refund[] }) {
  if (refunds.length === 0) return null;
  return (
    <LedgerTable
      caption="Refunds"
      head={
        <>
          <RecordHead stations={table.stations} />
          <AmountHead>Amount</AmountHead>
          <th scope="col">Reason</th>
          <th scope="col">State</th>
          <th scope="col">Zoho refund ID</th>
        </>
      }
    >
      {refunds.map((refund) => (
        <tr key={refund.id}>
          <RecordCells record={refund} {...table} />
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
    </LedgerTable>
  );
}

export function CorrectionsTable({ corrections, ...table }: TableProps & { corrections: readonly Correction[] }) {
  if (corrections.length === 0) return null;
  return (
    <LedgerTable
      caption="Corrections: Zoho’s late answers for closed days, counted on this day"
      className="log-corrections"
      head={
        <>
          <RecordHead stations={table.stations} />
          <th scope="col">Closed day</th>
          <th scope="col">What</th>
          <AmountHead>Amount</AmountHead>
          <th scope="col">Zoho said</th>
        </>
      }
    >
      {corrections.map((correction) => (
        <tr key={correction.id}>
          <RecordCells record={correction} {...table} />
          <td className="nowrap">{correction.closedDay}</td>
          <td>
            {correction.recordKind === 'refund' ? 'Refund' : 'Payment'}: {correction.fromState} → {correction.toState}
          </td>
          <td className="num nowrap">{formatMoney(correction.amountMinor, table.currency)}</td>
          <td>{correction.detail}</td>
        </tr>
      ))}
    </LedgerTable>
  );
}
