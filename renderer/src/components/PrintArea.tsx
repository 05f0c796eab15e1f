// What the page prints: the job of the print state (a receipt, the day's summary, a shift slip), shown only by the
// print styles. With no job, printing shows the screen as it is.
import { DaySummaryView } from '../screens/print/DaySummaryView';
import { ReceiptView } from '../screens/print/ReceiptView';
import { ShiftSlipView } from '../screens/print/ShiftSlipView';
import { useAppStore } from '../state/app-state';
import { usePrintStore } from '../state/print-state';

export function PrintArea() {
  const job = usePrintStore((s) => s.job);
  const layout = usePrintStore((s) => s.layout);
  const counters = useAppStore((s) => s.counters);
  return (
    <div className="print-area">
      {job?.kind === 'receipt' ? <ReceiptView receipt={job.receipt} layout={layout} /> : null}
      {job?.kind === 'day' ? <DaySummaryView report={job.report} counters={counters} storeName={job.storeName} /> : null}
      {job?.kind === 'shift' ? <ShiftSlipView report={job.report} layout={layout} /> : null}
    </div>
  );
}
