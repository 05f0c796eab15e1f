// This PC's receipt paper and, in the desktop app, its receipt printer: kept on this PC only.
import { useEffect, useState } from 'react';
import { PAPER_LAYOUTS, type PaperLayout, type PrinterInfo } from '../../../../preload/bridge';
import { canChoosePrinter, listPrinters } from '../../api';
import { Field, Message } from '../../components/Field';
import { usePrintStore } from '../../state/print-state';
import { PAPER_LABELS } from '../print/PrintReceiptButton';

export function PrinterForm() {
  const layout = usePrintStore((s) => s.receiptLayout);
  const printer = usePrintStore((s) => s.printer);
  const { setReceiptLayout, setPrinter } = usePrintStore.getState();
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const desktop = canChoosePrinter();

  useEffect(() => {
    if (!desktop) return;
    listPrinters()
      .then(setPrinters)
      .catch((failure: unknown) => {
        console.error('listing printers failed', failure);
        setError('The printers of this computer could not be listed.');
      });
  }, [desktop]);

  return (
    <section className="subpanel" aria-labelledby="printer-title">
      <h2 id="printer-title">Receipt printing on this PC</h2>
      <Field label="Receipt paper">
        {({ id }) => (
          <select id={id} className="input input-short" value={layout} onChange={(e) => setReceiptLayout(e.target.value as PaperLayout)}>
            {PAPER_LAYOUTS.map((paper) => (
              <option key={paper} value={paper}>
                {PAPER_LABELS[paper]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {desktop ? (
        <Field label="Receipt printer" hint="Receipts print straight to it; “Ask each time” shows the print dialog.">
          {({ id, describedBy }) => (
            <select id={id} className="input" value={printer ?? ''} onChange={(e) => setPrinter(e.target.value === '' ? null : e.target.value)} aria-describedby={describedBy}>
              <option value="">Ask each time</option>
              {(printers ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <p className="field-hint">In a browser, receipts print through the browser’s print dialog: choose the printer there.</p>
      )}
      {error ? <Message kind="error">{error}</Message> : null}
    </section>
  );
}
