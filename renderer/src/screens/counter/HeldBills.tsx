import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { formatMoney } from '../../../../contract/money';
import type { Currency } from '../../../../contract/vocabulary';
import { Field, Message } from '../../components/Field';
import { formatTime } from '../../../../contract/calendar';
import { useWindowKeydown } from '../../hooks/keyboard';
import { useBillsStore } from '../../state/bill-keeper';

interface HeldBillsProps {
  /** The total of the bill on screen, shown with it once held. */
  totalMinor: number;
  /** Something is typed and no invoice is made of it yet. */
  canHold: boolean;
  currency: Currency;
}

/** Hold (F6) puts the bill on screen aside under a label; each held bill is listed with its Recall. */
export function HeldBills({ totalMinor, canHold, currency }: HeldBillsProps) {
  const held = useBillsStore((s) => s.held);
  const busy = useBillsStore((s) => s.busy);
  const error = useBillsStore((s) => s.error);
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const labelInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) labelInput.current?.focus();
  }, [open]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.key !== 'F6' || !canHold) return;
      event.preventDefault();
      setOpen(true);
    },
    [canHold],
  );
  useWindowKeydown(onKeyDown);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await useBillsStore.getState().hold(label, totalMinor)) {
      setOpen(false);
      setLabel('');
    }
  };
  const close = () => {
    setOpen(false);
    useBillsStore.getState().clearError();
  };

  if (held.length === 0 && !open && !canHold) return null;
  return (
    <section className="held-bills" aria-label="Held bills">
      {open ? (
        <form className="held-form" onSubmit={(event) => void submit(event)}>
          <Field label="Label for this bill" error={error} hint="A name, or what the customer is wearing.">
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                ref={labelInput}
                className="input"
                value={label}
                maxLength={40}
                onChange={(event) => setLabel(event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                autoComplete="off"
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Put bill aside
          </button>
          <button type="button" className="btn btn-secondary" onClick={close}>
            Keep the bill
          </button>
        </form>
      ) : (
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)} disabled={!canHold}>
          Hold bill <kbd>F6</kbd>
        </button>
      )}
      {held.length > 0 ? (
        <ul className="held-list">
          {held.map((bill) => (
            <li key={bill.id}>
              <button type="button" className="btn btn-secondary held-bill" disabled={busy} onClick={() => void useBillsStore.getState().recall(bill.id)}>
                <span className="held-bill-action">Recall</span> <span className="held-bill-label">{bill.label}</span>{' '}
                <span className="held-bill-amount">{formatMoney(bill.totalMinor, currency)}</span>{' '}
                <span className="held-bill-time">held {formatTime(bill.heldAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error && !open ? <Message kind="error">{error}</Message> : null}
    </section>
  );
}
