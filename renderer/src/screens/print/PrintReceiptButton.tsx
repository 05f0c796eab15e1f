// Prints (or reprints) a paid invoice's receipt, on the paper this PC uses unless chosen here.
import { useId } from 'react';
import { PAPER_LAYOUTS, type PaperLayout } from '../../../../preload/bridge';
import { Message } from '../../components/Field';
import { usePrintStore } from '../../state/print-state';

export const PAPER_LABELS: Record<PaperLayout, string> = { thermal: '80 mm roll', a4: 'A4 sheet' };

export function PrintReceiptButton({ invoiceId, label = 'Print receipt' }: { invoiceId: string; label?: string }) {
  const layout = usePrintStore((s) => s.receiptLayout);
  const busy = usePrintStore((s) => s.busy);
  // Only what was said about this invoice's receipt: never an earlier sale's "sent to the printer".
  const error = usePrintStore((s) => (s.about === invoiceId ? s.error : null));
  const notice = usePrintStore((s) => (s.about === invoiceId ? s.notice : null));
  const { printReceipt, setReceiptLayout } = usePrintStore.getState();
  const paperId = useId();
  return (
    <div className="print-receipt">
      <div className="print-receipt-row">
        <button type="button" className="btn btn-secondary" onClick={() => void printReceipt(invoiceId)} disabled={busy}>
          {busy ? 'Printing…' : label}
        </button>
        <label htmlFor={paperId} className="print-receipt-paper">
          Paper
        </label>
        <select id={paperId} className="input input-short" value={layout} onChange={(event) => setReceiptLayout(event.target.value as PaperLayout)} disabled={busy}>
          {PAPER_LAYOUTS.map((paper) => (
            <option key={paper} value={paper}>
              {PAPER_LABELS[paper]}
            </option>
          ))}
        </select>
      </div>
      {error ? <Message kind="error">{error}</Message> : null}
      {notice ? <Message kind="notice">{notice}</Message> : null}
    </div>
  );
}
